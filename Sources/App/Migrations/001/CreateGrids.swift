import Fluent

struct CreateGrids: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("grids")
            .field("id", .int, .identifier(auto: true))
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("level", .string, .required)
            .field("kind", .string, .required)
            .field("independent_type", .string)
            .field("parent_id", .int, .references("grids", "id"))
            .field("path", .string, .required)
            .field("boundary", .string)
            .field("created_at", .datetime)
            .unique(on: "code")
            .unique(on: "path")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("grids").delete()
    }
}
