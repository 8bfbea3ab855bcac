import Fluent
import SQLKit

/// Running counts of hazards per (grid, state, on time), kept in step by every transaction
/// that creates a hazard or changes its state. The dashboard sums a few rows per grid instead
/// of counting the hazards table, so it costs the same for a township and for a province.
/// `on_time` is 1 or 0 for hazards closed with a deadline, -1 otherwise (no NULLs, so the
/// unique key works the same on both engines).
struct CreateHazardTallies: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("hazard_tallies")
            .field("id", .int, .identifier(auto: true))
            .field("grid_id", .int, .required, .references("grids", "id"))
            .field("state", .string, .required)
            .field("on_time", .int, .required)
            .field("n", .int, .required)
            .unique(on: "grid_id", "state", "on_time")
            .create()
        let sql = database as! any SQLDatabase
        // Open hazards past their deadline are counted from the hazards themselves, through
        // this index alone: (state, deadline) narrows to the late ones, grid_path rolls them up.
        try await sql.raw("CREATE INDEX idx_hazards_state_deadline_path ON hazards (state, deadline, grid_path)").run()
        try await HazardTallies.rebuild(on: database)
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP INDEX idx_hazards_state_deadline_path").run()
        try await database.schema("hazard_tallies").delete()
    }
}
