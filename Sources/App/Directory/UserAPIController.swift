import Fluent
import SafeGridDomain
import Vapor

/// `/api/v1/users` (administrators only).
struct UserAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("users", use: list)
        routes.post("users", use: create)
        routes.patch("users", ":userID", use: update)
        routes.post("users", ":userID", "revoke", use: revoke)
    }

    struct AccessRequest: Content {
        var active: Bool?
    }

    /// `PATCH /users/{id}` with `{"active": false}` deactivates (sessions and tokens end at once).
    func update(req: Request) async throws -> UserDTO {
        let admin = try req.currentUser()
        let id = try req.id("userID")
        let body = try req.content.decode(AccessRequest.self)
        let user = try await req.directory.setAccess(userId: id, active: body.active, revoke: false, by: admin.actor, now: req.now)
        req.application.authCache.forget(userId: id)
        return try await req.directory.dto(user)
    }

    /// `POST /users/{id}/revoke`: every session and API token of the user ends; the account stays.
    func revoke(req: Request) async throws -> HTTPStatus {
        let admin = try req.currentUser()
        let id = try req.id("userID")
        _ = try await req.directory.setAccess(userId: id, active: nil, revoke: true, by: admin.actor, now: req.now)
        req.application.authCache.forget(userId: id)
        return .noContent
    }

    func list(req: Request) async throws -> ListResponse<UserDTO> {
        try requireAdmin(req)
        let page = try Page(query: req.query)
        let query = UserRecord.listed(on: req.db)
        if let raw = try? req.query.get(String.self, at: "role") {
            var errors = FieldErrors()
            if let role = Choice.parse(Role.self, raw, "role", &errors) { query.filter(\.$role == role) }
            try errors.throwIfAny()
        }
        let total = try await query.copy().count()
        let users = try await query.sort(\.$username).range(page.offset..<(page.offset + page.limit)).all()
        var items: [UserDTO] = []
        for user in users { items.append(try await req.directory.dto(user)) }
        return ListResponse(items: items, total: total, limit: page.limit, offset: page.offset)
    }

    func create(req: Request) async throws -> Response {
        try requireAdmin(req)
        let user = try await req.directory.createUser(try req.content.decode(UserCreateRequest.self), by: try req.currentUser().id)
        return try await req.directory.dto(user).encodeResponse(status: .created, for: req)
    }

    private func requireAdmin(_ req: Request) throws {
        guard AccountPermissions.mayManageAccounts(try req.currentUser().actor) else { throw SafeGridError.forbidden }
    }
}
