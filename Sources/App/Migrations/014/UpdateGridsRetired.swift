import Fluent

/// Issue 12: a grid can be retired (撤销) — kept for the history that names it, hidden from
/// pickers and closed to new places.
struct UpdateGridsRetired: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("grids").field("retired_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("grids").deleteField("retired_at").update()
    }
}
