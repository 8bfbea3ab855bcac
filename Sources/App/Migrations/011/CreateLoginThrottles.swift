import Fluent
import SQLKit

/// Issue 11: sign-in throttling per account and client address, and server-side session
/// limits. `login_throttles` holds one row per key (`pair:<username>|<address>` or
/// `address:<address>`), its failures since the last success and, once it has had its free
/// tries, the instant (seconds since 1970) before which it gets no more. Instants are plain
/// numbers so that the one atomic upsert reads the same on SQLite and PostgreSQL.
struct CreateLoginThrottles: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("login_throttles")
            .field("key", .string, .identifier(auto: false))
            .field("failures", .int, .required)
            .field("blocked_until", .double)
            .field("updated_at", .double, .required)
            .create()
        // Sessions and API tokens issued before this instant stop working: set when a
        // password changes or an administrator deactivates the account or revokes its access.
        try await database.schema("users")
            .field("sessions_valid_after", .datetime)
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("users").deleteField("sessions_valid_after").update()
        try await database.schema("login_throttles").delete()
    }
}
