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
    /// Web sessions signed in before this were revoked (password change, deactivation).
    var sessionsValidAfter: Date? = nil

    static func load(_ user: UserRecord, on db: any Database) async throws -> CurrentUser {
        let id = try user.requireID()
        let grids = try await UserGridRecord.query(on: db).filter(\.$user.$id == id).with(\.$grid).all()
        let places = try await UserPlaceRecord.query(on: db).filter(\.$user.$id == id).all()
        let actor = Actor(userId: id, role: user.role, scopePaths: grids.map(\.grid.path),
                          department: user.department, placeIds: Set(places.map(\.$place.id)))
        return CurrentUser(id: id, username: user.username, displayName: user.displayName, role: user.role,
                           actor: actor, gridIds: grids.compactMap(\.grid.id), sessionsValidAfter: user.sessionsValidAfter)
    }
}

extension Request {
    /// The signed-in user, or 401.
    func currentUser() throws -> CurrentUser {
        guard let user = auth.get(CurrentUser.self) else { throw SafeGridError.unauthenticated }
        return user
    }
}

/// API: `Authorization: Bearer <token>`, looked up by the token's SHA-256. A token seen in
/// the last minute answers from `AuthCache` without leaving the event loop.
struct BearerTokenAuthenticator: BearerAuthenticator {
    func authenticate(bearer: BearerAuthorization, for req: Request) -> EventLoopFuture<Void> {
        let hash = TokenHash.of(bearer.token)
        if let user = req.application.authCache.user(for: "token:" + hash, now: req.now) {
            Self.admit(user, req)
            return req.eventLoop.makeSucceededVoidFuture()
        }
        return req.eventLoop.makeFutureWithTask { try await Self.load(hash, req) }
    }

    private static func load(_ hash: String, _ req: Request) async throws {
        guard let token = try await APITokenRecord.query(on: req.db).filter(\.$tokenHash == hash).with(\.$user).first(),
              token.expiresAt > req.now, token.user.active else { return }
        let user = try await CurrentUser.load(token.user, on: req.db)
        // Cached no longer than the token lives.
        if token.expiresAt > req.now.addingTimeInterval(AuthCache.lifetime) {
            req.application.authCache.store(user, for: "token:" + hash, now: req.now)
        }
        admit(user, req)
    }

    private static func admit(_ user: CurrentUser, _ req: Request) {
        req.auth.login(user)
        req.logger[metadataKey: "user-id"] = .string(String(user.id))
    }
}

/// Web: the session keeps the user id; the user is reloaded each request so that a
/// deactivated account or changed grids take effect at once (within `AuthCache`'s minute,
/// which every change to a user clears).
struct SessionUserAuthenticator: Middleware {
    /// On the API a session cookie only reads (e.g. photos shown on web pages); writes there
    /// need a bearer token, which a foreign page cannot forge.
    var readOnly = false

    func respond(to req: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        if readOnly && !(req.method == .GET || req.method == .HEAD) { return next.respond(to: req) }
        guard req.hasSession, let raw = req.session.data["uid"], let id = Int(raw) else { return next.respond(to: req) }
        if let user = req.application.authCache.user(for: "user:\(id)", now: req.now) {
            admit(user, id: id, req)
            return next.respond(to: req)
        }
        return req.eventLoop.makeFutureWithTask { try await Self.load(id, req) }.flatMap { user in
            admit(user, id: id, req)
            return next.respond(to: req)
        }
    }

    private static func load(_ id: Int, _ req: Request) async throws -> CurrentUser? {
        guard let record = try await UserRecord.find(id, on: req.db), record.active else { return nil }
        let loaded = try await CurrentUser.load(record, on: req.db)
        req.application.authCache.store(loaded, for: "user:\(id)", now: req.now)
        return loaded
    }

    private func admit(_ user: CurrentUser?, id: Int, _ req: Request) {
        let session = WebSessionMarks(req.session.data)
        if let user, SessionPolicy.isValid(since: session.since, seen: session.seen, now: req.now, validAfter: user.sessionsValidAfter) {
            req.auth.login(user)
            req.logger[metadataKey: "user-id"] = .string(String(id))
            if !readOnly, SessionPolicy.shouldMarkSeen(seen: session.seen, now: req.now) {
                req.session.data["seen"] = WebSessionMarks.format(req.now)
            }
        } else {
            // Expired, revoked or deactivated: the row goes now, the cookie with the answer.
            req.session.destroy()
        }
    }
}

/// The instants a web session keeps beside the user id, as seconds since 1970.
struct WebSessionMarks {
    let since: Date
    let seen: Date

    /// A session from before the marks existed counts as signed in long ago: it has expired,
    /// and its user signs in once more.
    init(_ data: SessionData) {
        since = data["since"].flatMap(Double.init).map(Date.init(timeIntervalSince1970:)) ?? .distantPast
        seen = data["seen"].flatMap(Double.init).map(Date.init(timeIntervalSince1970:)) ?? since
    }

    static func format(_ date: Date) -> String { String(date.timeIntervalSince1970) }

    /// The data of a session that signs in `userId` at `now`.
    static func signedIn(_ userId: Int, now: Date) -> SessionData {
        var data = SessionData()
        data["uid"] = String(userId)
        data["since"] = format(now)
        data["seen"] = format(now)
        return data
    }
}

enum TokenHash {
    /// Lower-case hex of the token's SHA-256, as stored. Every API request hashes its bearer
    /// token; formatting each byte with `String(format:)` was a twelfth of a small answer's CPU
    /// (bench/results/2026-11-30-render.md).
    static func of(_ token: String) -> String {
        hex(SHA256.hash(data: Data(token.utf8)))
    }

    /// Lower-case hex of a digest (also the uploads' file names, `AttachmentStore.hash`).
    static func hex(_ digest: some Sequence<UInt8>) -> String {
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in digest {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    private static let digits = Array("0123456789abcdef".utf8)

    static func newToken() -> String {
        [UInt8].random(count: 32).base64.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "=", with: "")
    }
}
