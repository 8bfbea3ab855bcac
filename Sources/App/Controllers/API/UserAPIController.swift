import Fluent
import SafeGridDomain
import Vapor

/// `/api/v1/users` (administrators only).
struct UserAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("users", use: list)
        routes.post("users", use: create)
    }

    func list(req: Request) async throws -> ListResponse<UserDTO> {
        try requireAdmin(req)
        let page = try Page(query: req.query)
        let query = UserRecord.query(on: req.db)
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
        let user = try await req.directory.createUser(try req.content.decode(UserCreateRequest.self))
        return try await req.directory.dto(user).encodeResponse(status: .created, for: req)
    }

    private func requireAdmin(_ req: Request) throws {
        guard try req.currentUser().role == .admin else { throw SafeGridError.forbidden }
    }
}
