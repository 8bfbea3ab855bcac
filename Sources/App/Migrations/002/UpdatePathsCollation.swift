import Fluent
import SQLKit

/// On PostgreSQL, compare materialised paths byte by byte ("C" collation) so that subtree
/// ranges (`Subtree`) mean the same as on SQLite and use the index; a locale collation may
/// ignore the slashes. Also indexes the ledger's common shape: state within a subtree.
struct UpdatePathsCollation: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "postgresql" {
            for (table, column) in [("grids", "path"), ("places", "grid_path"), ("hazards", "grid_path")] {
                try await sql.raw("ALTER TABLE \(unsafeRaw: table) ALTER COLUMN \(unsafeRaw: column) TYPE TEXT COLLATE \"C\"").run()
            }
        }
        try await sql.raw("CREATE INDEX idx_hazards_state_path ON hazards (state, grid_path)").run()
        try await sql.raw("CREATE INDEX idx_hazards_state_closed ON hazards (state, closed_at)").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX idx_hazards_state_closed").run()
        try await sql.raw("DROP INDEX idx_hazards_state_path").run()
    }
}
