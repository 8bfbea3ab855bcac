import Fluent
import SafeGridDomain
import Vapor

/// Checks credentials with throttling kept in the database (shared by all instances):
/// after `maxFailures` wrong passwords the account waits `lockMinutes`.
enum LoginService {
    static let maxFailures = 5
    static let lockMinutes = 15

    static func verify(username: String, password: String, on req: Request) async throws -> UserRecord {
        let name = username.trimmingCharacters(in: .whitespaces)
        guard let user = try await UserRecord.query(on: req.db).filter(\.$username == name).first(), user.active else {
            // Same cost as a real check, so timing does not reveal which usernames exist.
            _ = try? await req.password.async.verify(password, created: dummyHash)
            throw SafeGridError(.unauthenticated, "error.bad_credentials")
        }
        if let until = user.lockedUntil, until > req.now {
            let minutes = Int((until.timeIntervalSince(req.now) / 60).rounded(.up))
            throw SafeGridError(.tooManyRequests, "error.too_many_logins", args: ["\(minutes)"])
        }
        let ok = try await req.password.async.verify(password, created: user.passwordHash)
        guard ok else {
            user.failedLogins += 1
            if user.failedLogins >= maxFailures {
                user.lockedUntil = req.now.addingTimeInterval(Double(lockMinutes * 60))
                user.failedLogins = 0
            }
            try await user.save(on: req.db)
            throw SafeGridError(.unauthenticated, "error.bad_credentials")
        }
        if user.failedLogins != 0 || user.lockedUntil != nil {
            user.failedLogins = 0
            user.lockedUntil = nil
            try await user.save(on: req.db)
        }
        return user
    }

    private static let dummyHash = "$2b$12$C6UzMDM.H6dfI/f/IKcEeO7Z1o6sVdQm1n5kRZ0b0uX5sQ2dSg5uW"
}
