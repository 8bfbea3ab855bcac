import Fluent
import SafeGridDomain
import Vapor

/// The signed-in user with their reach resolved, as the rules need it.
struct CurrentUser: Authenticatable, Sendable {
    let id: Int
    let username: String
    let displayName: String
    let role: Role
    let actor: Actor
    /// The grids the user is attached to (id, path), for defaults in forms.
    let gridIds: [Int]

    static func load(_ user: UserRecord, on db: any Database) async throws -> CurrentUser {
        let id = try user.requireID()
        let grids = try await UserGridRecord.query(on: db).filter(\.$user.$id == id).with(\.$grid).all()
        let places = try await UserPlaceRecord.query(on: db).filter(\.$user.$id == id).all()
        let actor = Actor(userId: id, role: user.role, scopePaths: grids.map(\.grid.path),
                          department: user.department, placeIds: Set(places.map(\.$place.id)))
        return CurrentUser(id: id, username: user.username, displayName: user.displayName, role: user.role,
                           actor: actor, gridIds: grids.compactMap(\.grid.id))
    }
}

extension Request {
    /// The signed-in user, or 401.
    func currentUser() throws -> CurrentUser {
        guard let user = auth.get(CurrentUser.self) else { throw SafeGridError.unauthenticated }
        return user
    }
}

/// API: `Authorization: Bearer <token>`, looked up by the token's SHA-256.
struct BearerTokenAuthenticator: AsyncBearerAuthenticator {
    func authenticate(bearer: BearerAuthorization, for req: Request) async throws {
        let hash = TokenHash.of(bearer.token)
        let cache = req.application.authCache
        if let user = cache.user(for: "token:" + hash, now: req.now) {
            req.auth.login(user)
            req.logger[metadataKey: "user-id"] = .string(String(user.id))
            return
        }
        guard let token = try await APITokenRecord.query(on: req.db).filter(\.$tokenHash == hash).with(\.$user).first(),
              token.expiresAt > req.now, token.user.active else { return }
        let user = try await CurrentUser.load(token.user, on: req.db)
        // Cached no longer than the token lives.
        if token.expiresAt > req.now.addingTimeInterval(AuthCache.lifetime) { cache.store(user, for: "token:" + hash, now: req.now) }
        req.auth.login(user)
        req.logger[metadataKey: "user-id"] = .string(String(token.$user.id))
    }
}

/// Web: the session keeps the user id; the user is reloaded each request so that a
/// deactivated account or changed grids take effect at once.
struct SessionUserAuthenticator: AsyncMiddleware {
    /// On the API a session cookie only reads (e.g. photos shown on web pages); writes there
    /// need a bearer token, which a foreign page cannot forge.
    var readOnly = false

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if readOnly && !(req.method == .GET || req.method == .HEAD) { return try await next.respond(to: req) }
        if req.hasSession, let raw = req.session.data["uid"], let id = Int(raw) {
            let cache = req.application.authCache
            if let user = cache.user(for: "user:\(id)", now: req.now) {
                req.auth.login(user)
            } else if let record = try await UserRecord.find(id, on: req.db), record.active {
                let user = try await CurrentUser.load(record, on: req.db)
                cache.store(user, for: "user:\(id)", now: req.now)
                req.auth.login(user)
            }
            req.logger[metadataKey: "user-id"] = .string(String(id))
        }
        return try await next.respond(to: req)
    }
}

enum TokenHash {
    static func of(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func newToken() -> String {
        [UInt8].random(count: 32).base64.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "=", with: "")
    }
}
