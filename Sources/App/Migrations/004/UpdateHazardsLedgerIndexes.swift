import Fluent
import SQLKit

/// Indexes that cover a ledger page's ids in the default order (newest first), with or
/// without a state filter: by township (the common scope, an equality, so the index order is
/// the page order) and by path range below it. They replace the two shorter indexes they
/// start with.
struct UpdateHazardsLedgerIndexes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX idx_hazards_township_discovered ON hazards (township_id, discovered_at, id)").run()
        try await sql.raw("CREATE INDEX idx_hazards_township_state_discovered ON hazards (township_id, state, discovered_at, id)").run()
        try await sql.raw("CREATE INDEX idx_hazards_path_discovered ON hazards (grid_path, discovered_at, id)").run()
        try await sql.raw("CREATE INDEX idx_hazards_state_path_discovered ON hazards (state, grid_path, discovered_at, id)").run()
        try await sql.raw("DROP INDEX idx_hazards_grid_path").run()
        try await sql.raw("DROP INDEX idx_hazards_township").run()
        try await sql.raw("DROP INDEX idx_hazards_state_path").run()
        // Statistics for the new indexes; without them SQLite's planner can prefer the state
        // index alone and read ten times the rows.
        try await sql.raw("ANALYZE").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX idx_hazards_grid_path ON hazards (grid_path)").run()
        try await sql.raw("CREATE INDEX idx_hazards_township ON hazards (township_id)").run()
        try await sql.raw("CREATE INDEX idx_hazards_state_path ON hazards (state, grid_path)").run()
        try await sql.raw("DROP INDEX idx_hazards_state_path_discovered").run()
        try await sql.raw("DROP INDEX idx_hazards_path_discovered").run()
        try await sql.raw("DROP INDEX idx_hazards_township_state_discovered").run()
        try await sql.raw("DROP INDEX idx_hazards_township_discovered").run()
    }
}
