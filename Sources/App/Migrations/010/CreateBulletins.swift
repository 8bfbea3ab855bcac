import Fluent
import SQLKit

/// Indicator sets of the assessment (versioned: a new version is a new row) and stored
/// bulletins (one per grid and period; regenerating replaces the row).
struct CreateBulletins: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("indicator_sets")
            .field("id", .int, .identifier(auto: true))
            .field("target", .string, .required)
            .field("period_kind", .string, .required)
            .field("version", .int, .required)
            // {"closureRate": 30, ...}: the weights as JSON text.
            .field("weights", .string, .required)
            .field("activity_target", .int, .required)
            .field("excellent_from", .int, .required)
            .field("good_from", .int, .required)
            .field("pass_from", .int, .required)
            .field("created_by_id", .int, .references("users", "id"))
            .field("created_at", .datetime)
            .unique(on: "target", "period_kind", "version")
            .create()
        try await database.schema("bulletins")
            .field("id", .int, .identifier(auto: true))
            .field("grid_id", .int, .required, .references("grids", "id"))
            .field("grid_path", .string, .required)
            .field("period", .string, .required)
            .field("period_kind", .string, .required)
            .field("start_on", .string, .required)
            .field("end_on", .string, .required)
            // BulletinFacts and the overdue list as JSON, so a stored bulletin never changes
            // when the ledger does.
            .field("facts", .string, .required)
            .field("overdue", .string, .required)
            .field("text_zh", .string, .required)
            .field("text_en", .string, .required)
            .field("generated_at", .datetime, .required)
            .field("generated_by_id", .int, .references("users", "id"))
            .unique(on: "grid_id", "period")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("bulletins").delete()
        try await database.schema("indicator_sets").delete()
    }
}
