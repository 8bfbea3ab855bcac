import Fluent
import SQLKit

/// Issue 14: 消息, what each person is told when someone else moves a hazard of theirs or
/// hands them a campaign task (`MessageRules`, `MessageStore`).
struct CreateMessages: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("messages")
            .field("id", .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references("users", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("hazard_id", .int, .references("hazards", "id", onDelete: .cascade))
            .field("campaign_id", .int, .references("campaigns", "id", onDelete: .cascade))
            .field("campaign_task_id", .int)
            // The hazard's number and title, or the task's, as they were when it was sent.
            .field("subject", .string, .required)
            .field("detail", .string)
            .field("deadline", .string)
            .field("actor_name", .string)
            .field("created_at", .datetime, .required)
            .field("read_at", .datetime)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX idx_messages_user ON messages (user_id, id)").run()
        try await sql.raw("CREATE INDEX idx_messages_unread ON messages (user_id, read_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("messages").delete()
    }
}
