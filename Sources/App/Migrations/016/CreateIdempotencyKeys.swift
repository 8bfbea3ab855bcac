import Fluent
import SQLKit

/// Issue 14: the first answer to each idempotency key, kept seven days so that a double tap,
/// a retry or a replayed offline queue does the work once (`Idempotency`, `IdempotencyStore`).
struct CreateIdempotencyKeys: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("idempotency_keys")
            .field("id", .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references("users", "id", onDelete: .cascade))
            .field("key", .string, .required)
            .field("method", .string, .required)
            .field("path", .string, .required)
            .field("completed", .bool, .required)
            .field("status", .int)
            .field("content_type", .string)
            .field("location", .string)
            // Base64 text rather than a blob: the same column type and reads on both engines.
            .field("body", .string)
            .field("created_at", .datetime, .required)
            .unique(on: "user_id", "key")
            .create()
        try await (database as! any SQLDatabase).raw("CREATE INDEX idx_idempotency_keys_created ON idempotency_keys (created_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("idempotency_keys").delete()
    }
}
