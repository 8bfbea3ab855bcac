import Fluent

/// Issue 12: an activity or accident entered by mistake is voided (作废), never deleted: it
/// stays in the register, marked, with the reason, and counts in no figure.
struct UpdateRegistersVoid: AsyncMigration {
    func prepare(on database: any Database) async throws {
        for table in ["activities", "accidents"] {
            // SQLite adds one column per ALTER TABLE.
            try await database.schema(table).field("voided_at", .datetime).update()
            try await database.schema(table).field("void_reason", .string).update()
        }
    }

    func revert(on database: any Database) async throws {
        for table in ["activities", "accidents"] {
            try await database.schema(table).deleteField("void_reason").update()
            try await database.schema(table).deleteField("voided_at").update()
        }
    }
}
