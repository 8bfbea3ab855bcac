import Fluent
import SafeGridDomain
import SQLKit
import Vapor

/// Checks credentials, slowed by `SignInThrottle` with its counters in the database (shared
/// by all instances). The answer is the same for a wrong password, an unknown username and a
/// deactivated account, and costs the same bcrypt check, so neither the words nor the timing
/// tell which usernames exist.
enum LoginService {
    static func verify(username: String, password: String, on req: Request) async throws -> UserRecord {
        let name = username.trimmingCharacters(in: .whitespaces)
        let address = clientAddress(req)
        let keys: [(String, SignInThrottle.Scope)] = [
            ("pair:\(name.lowercased().prefix(64))|\(address)", .accountAtAddress), ("address:\(address)", .address),
        ]
        for (key, scope) in keys {
            if let wait = try await reserveAttempt(key, scope: scope, on: req) {
                throw SafeGridError(.tooManyRequests, "error.too_many_logins", args: ["\(wait)"])
            }
        }
        let user = name.isEmpty ? nil : try await UserRecord.query(on: req.db).filter(\.$username == name).first()
        // bcrypt reads 72 bytes; a longer password cannot be one that was accepted when set.
        let checkable = password.utf8.count <= PasswordPolicy.maxBytes
        guard let user, user.active, checkable else {
            _ = try? await req.password.async.verify(password.utf8.count <= 72 ? password : "", created: dummyHash)
            throw SafeGridError(.unauthenticated, "error.bad_credentials")
        }
        guard try await req.password.async.verify(password, created: user.passwordHash) else {
            throw SafeGridError(.unauthenticated, "error.bad_credentials")
        }
        try await clear(keys[0].0, on: req)
        try await forgive(keys[1].0, on: req)
        return user
    }

    /// Takes back the attempt a success counted on the address: a township office signs in
    /// from one address (its NAT), and fifty colleagues signing in on a Monday morning must
    /// not lock the fifty-first out. Only failures then count towards the address's limit.
    static func forgive(_ key: String, on req: Request) async throws {
        try await req.writeTransaction { db in
            try await (db as! any SQLDatabase).raw(
                "UPDATE login_throttles SET failures = failures - 1 WHERE key = \(bind: key) AND failures > 0").run()
        }
    }

    /// Counts an attempt for `key`; the seconds left to wait when it gets none now.
    /// One statement, so parallel attempts each see the count the others left.
    static func reserveAttempt(_ key: String, scope: SignInThrottle.Scope, on req: Request) async throws -> Int? {
        let now = req.now.timeIntervalSince1970
        let free = scope.freeTries
        var cases = "CASE WHEN login_throttles.failures + 1 < \(free) THEN NULL"
        for n in free...(free + 5) {
            cases += " WHEN login_throttles.failures + 1 = \(n) THEN \(now + Double(SignInThrottle.delay(afterAttempt: n, scope: scope) ?? 0))"
        }
        cases += " ELSE \(now + Double(SignInThrottle.maxDelaySeconds)) END"
        let blockedUntil = cases
        let first = SignInThrottle.delay(afterAttempt: 1, scope: scope).map { now + Double($0) }
        let counted = try await req.writeTransaction { db in
            try await (db as! any SQLDatabase).raw("""
                INSERT INTO login_throttles (key, failures, blocked_until, updated_at) VALUES (\(bind: key), 1, \(bind: first), \(bind: now))
                ON CONFLICT (key) DO UPDATE SET failures = login_throttles.failures + 1, blocked_until = \(unsafeRaw: blockedUntil),
                    updated_at = \(bind: now)
                WHERE login_throttles.blocked_until IS NULL OR login_throttles.blocked_until <= \(bind: now)
                RETURNING failures
                """).first() != nil
        }
        if counted { return nil }
        let until = try await (req.db as! any SQLDatabase).raw("SELECT blocked_until FROM login_throttles WHERE key = \(bind: key)")
            .first()?.decode(column: "blocked_until", as: Double?.self) ?? now
        return max(1, Int((until ?? now) - now + 0.999))
    }

    static func clear(_ key: String, on req: Request) async throws {
        try await req.writeTransaction { db in
            try await (db as! any SQLDatabase).raw("DELETE FROM login_throttles WHERE key = \(bind: key)").run()
        }
    }

    /// The client's address: the peer's, or, when the peer is a proxy on this machine (nginx
    /// in deploy/), the last address it added to X-Forwarded-For. A header from anyone else is
    /// ignored, or a guesser could name a new address with every attempt.
    static func clientAddress(_ req: Request) -> String {
        let peer = req.remoteAddress?.ipAddress ?? "unknown"
        let isLocalProxy = peer == "127.0.0.1" || peer == "::1" || peer.hasPrefix("::ffff:127.")
        if isLocalProxy, let forwarded = req.headers.first(name: .xForwardedFor)?.split(separator: ",").last {
            let last = forwarded.trimmingCharacters(in: .whitespaces)
            if !last.isEmpty, last.count <= 64 { return last }
        }
        return peer
    }

    private static let dummyHash = "$2b$12$C6UzMDM.H6dfI/f/IKcEeO7Z1o6sVdQm1n5kRZ0b0uX5sQ2dSg5uW"
}
