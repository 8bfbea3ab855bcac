import Fluent
import SQLKit

/// Indexes for the ledger and scoping queries. Plain CREATE INDEX is the same on SQLite and PostgreSQL.
struct CreateIndexes: AsyncMigration {
    static let indexes: [(name: String, table: String, columns: String)] = [
        ("idx_grids_parent", "grids", "parent_id"),
        ("idx_places_grid_path", "places", "grid_path"),
        ("idx_hazards_grid_path", "hazards", "grid_path"),
        ("idx_hazards_state_deadline", "hazards", "state, deadline"),
        ("idx_hazards_place", "hazards", "place_id"),
        ("idx_hazards_township", "hazards", "township_id"),
        ("idx_events_hazard", "hazard_events", "hazard_id, id"),
        ("idx_attachments_hazard", "attachments", "hazard_id"),
        ("idx_notices_hazard", "notices", "hazard_id"),
        ("idx_user_grids_user", "user_grids", "user_id"),
        ("idx_user_places_user", "user_places", "user_id"),
    ]

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for index in Self.indexes {
            try await sql.raw("CREATE INDEX \(unsafeRaw: index.name) ON \(unsafeRaw: index.table) (\(unsafeRaw: index.columns))").run()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for index in Self.indexes {
            try await sql.raw("DROP INDEX \(unsafeRaw: index.name)").run()
        }
    }
}
