import Fluent
import SQLKit

/// A place's current risk level (its latest approved assessment), kept on the place so
/// that maps, patrol schedules and lists read it without a join. Null until assessed.
struct UpdatePlacesRiskLevel: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("places").field("risk_level", .string).update()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX idx_places_risk_path ON places (risk_level, grid_path)").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX idx_places_risk_path").run()
        try await database.schema("places").deleteField("risk_level").update()
    }
}
