import Fluent

struct CreatePlaces: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("places")
            .field("id", .int, .identifier(auto: true))
            .field("name", .string, .required)
            .field("category", .string, .required)
            .field("grid_id", .int, .required, .references("grids", "id"))
            .field("grid_path", .string, .required)
            .field("address", .string, .required)
            .field("latitude", .double)
            .field("longitude", .double)
            .field("contact_name", .string)
            .field("contact_phone", .string)
            .field("responsible_cadre_id", .int, .references("users", "id"))
            .field("above_scale", .bool, .required)
            .field("tags", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await database.schema("user_places")
            .field("id", .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references("users", "id", onDelete: .cascade))
            .field("place_id", .int, .required, .references("places", "id"))
            .unique(on: "user_id", "place_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("user_places").delete()
        try await database.schema("places").delete()
    }
}
