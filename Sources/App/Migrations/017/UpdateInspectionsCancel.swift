import Fluent

/// Issue 14: an inspection started by mistake or twice is cancelled with a reason instead of
/// staying open for ever; the record keeps who cancelled it, when and why.
struct UpdateInspectionsCancel: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // SQLite adds one column per ALTER TABLE.
        try await database.schema("inspections").field("cancelled_at", .datetime).update()
        try await database.schema("inspections").field("cancelled_by_id", .int, .references("users", "id")).update()
        try await database.schema("inspections").field("cancel_reason", .string).update()
    }

    func revert(on database: any Database) async throws {
        for field in ["cancel_reason", "cancelled_by_id", "cancelled_at"] {
            try await database.schema("inspections").deleteField(.string(field)).update()
        }
    }
}
