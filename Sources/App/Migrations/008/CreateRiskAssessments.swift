import Fluent
import SQLKit

/// Assessments of places: method, inputs, score, level, the table version used, and the
/// draft → approved step with who did each. Never re-scored; a new assessment supersedes.
struct CreateRiskAssessments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("risk_assessments")
            .field("id", .int, .identifier(auto: true))
            .field("place_id", .int, .required, .references("places", "id"))
            .field("grid_path", .string, .required)
            .field("method", .string, .required)
            .field("table_version", .int, .required)
            .field("inputs", .string, .required)
            .field("score", .double, .required)
            .field("level", .string, .required)
            .field("control_level", .string, .required)
            .field("state", .string, .required)
            .field("note", .string)
            .field("assessed_by_id", .int, .required, .references("users", "id"))
            .field("assessed_at", .datetime, .required)
            .field("approved_by_id", .int, .references("users", "id"))
            .field("approved_at", .datetime)
            .create()
        let sql = database as! any SQLDatabase
        // Subtree ranges over paths compare bytes on both engines (see migration 002).
        if sql.dialect.name == "postgresql" {
            try await sql.raw("ALTER TABLE risk_assessments ALTER COLUMN grid_path TYPE TEXT COLLATE \"C\"").run()
        }
        try await sql.raw("CREATE INDEX idx_risk_assessments_place ON risk_assessments (place_id, id)").run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP INDEX idx_risk_assessments_place").run()
        try await database.schema("risk_assessments").delete()
    }
}
