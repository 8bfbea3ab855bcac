import Fluent
import SQLKit

/// Indexes for the two dashboard lists that the tallies cannot answer: closures this week
/// (covering, so the week's range is read from the index alone) and open major hazards by
/// deadline. The first replaces the shorter (state, closed_at).
struct UpdateHazardsDashboardIndexes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX idx_hazards_closed_path ON hazards (state, closed_at, grid_path)").run()
        try await sql.raw("CREATE INDEX idx_hazards_grade_state_deadline ON hazards (grade, state, deadline)").run()
        try await sql.raw("DROP INDEX idx_hazards_state_closed").run()
        try await sql.raw("ANALYZE").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX idx_hazards_state_closed ON hazards (state, closed_at)").run()
        try await sql.raw("DROP INDEX idx_hazards_grade_state_deadline").run()
        try await sql.raw("DROP INDEX idx_hazards_closed_path").run()
    }
}
