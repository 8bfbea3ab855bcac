import Fluent
import SafeGridDomain
import Vapor

/// `POST /api/v1/auth/token` and `GET /api/v1/me`.
struct AuthAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("auth", "token", use: token)
    }

    func bootProtected(routes: any RoutesBuilder) {
        routes.get("me", use: me)
        routes.post("me", "password", use: changePassword)
    }

    struct PasswordChange: Content {
        var currentPassword: String?
        var newPassword: String?
    }

    /// `POST /me/password`: the caller's other sessions and tokens end; this token goes on.
    func changePassword(req: Request) async throws -> HTTPStatus {
        let user = try req.currentUser()
        let body = try req.content.decode(PasswordChange.self)
        try await req.directory.changePassword(userId: user.id, current: body.currentPassword, new: body.newPassword,
                                               keepToken: req.headers.bearerAuthorization.map { TokenHash.of($0.token) }, now: req.now)
        req.application.authCache.forget(userId: user.id)
        return .noContent
    }

    struct Credentials: Content {
        var username: String?
        var password: String?
    }

    struct TokenResponse: Content {
        var token: String
        var tokenType = "Bearer"
        var expiresAt: Date
        var user: UserDTO
    }

    static let lifetime: TimeInterval = 30 * 24 * 3600

    func token(req: Request) async throws -> TokenResponse {
        let body = try req.content.decode(Credentials.self)
        var errors = FieldErrors()
        errors.require(body.username, "username")
        errors.require(body.password, "password")
        try errors.throwIfAny()
        let user = try await LoginService.verify(username: body.username!, password: body.password!, on: req)
        let token = TokenHash.newToken()
        let record = APITokenRecord()
        record.tokenHash = TokenHash.of(token)
        record.$user.id = try user.requireID()
        record.expiresAt = req.now.addingTimeInterval(Self.lifetime)
        try await req.application.writePath.transaction(on: req.db) { tx in try await record.create(on: tx) }
        return TokenResponse(token: token, expiresAt: record.expiresAt, user: try await req.directory.dto(user))
    }

    func me(req: Request) async throws -> UserDTO {
        let user = try req.currentUser()
        guard let record = try await UserRecord.find(user.id, on: req.db) else { throw SafeGridError.unauthenticated }
        return try await req.directory.dto(record)
    }
}
