import Fluent
import SQLKit

/// Inspections (检查, one row per visit 家次), their inspectors, per-item results and photos.
///
/// `inspections` is kept flat for reporting: `place_category` and `grid_path` are copies so a
/// bulletin counts visits by category or subtree without a join; `night` is the 夜查 flag;
/// `campaign_id` tags a special campaign (专项整治, no foreign key: campaigns live elsewhere);
/// `ended_at` is null while the inspection is under way; only finished rows are visits.
struct CreateInspections: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("inspections")
            .field("id", .int, .identifier(auto: true))
            .field("place_id", .int, .required, .references("places", "id"))
            .field("grid_id", .int, .required, .references("grids", "id"))
            .field("grid_path", .string, .required)
            .field("place_category", .string, .required)
            .field("kind", .string, .required)
            .field("template_id", .int, .required, .references("checklist_templates", "id"))
            .field("template_version", .int, .required)
            .field("lead_inspector_id", .int, .required, .references("users", "id"))
            .field("partners", .string)
            .field("started_at", .datetime, .required)
            .field("ended_at", .datetime)
            .field("night", .bool, .required)
            .field("campaign_id", .int)
            .field("latitude", .double)
            .field("longitude", .double)
            .field("note", .string)
            .field("failed_count", .int, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema("inspection_inspectors")
            .field("id", .int, .identifier(auto: true))
            .field("inspection_id", .int, .required, .references("inspections", "id"))
            .field("user_id", .int, .required, .references("users", "id"))
            .unique(on: "inspection_id", "user_id")
            .create()
        try await database.schema("inspection_items")
            .field("id", .int, .identifier(auto: true))
            .field("inspection_id", .int, .required, .references("inspections", "id"))
            .field("position", .int, .required)
            .field("topic", .string, .required)
            .field("text", .string, .required)
            .field("requires_photo", .bool, .required)
            .field("hazard_category", .string, .required)
            .field("result", .string)
            .field("note", .string)
            .field("hazard_id", .int, .references("hazards", "id"))
            .field("fixed_on_site", .bool, .required)
            .create()
        try await database.schema("inspection_photos")
            .field("id", .int, .identifier(auto: true))
            .field("inspection_id", .int, .required, .references("inspections", "id"))
            .field("item_id", .int, .required, .references("inspection_items", "id"))
            .field("attachment_id", .int, .required, .references("attachments", "id"))
            .unique(on: "item_id", "attachment_id")
            .create()
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "postgresql" {
            // Byte order for subtree ranges, as for the other path columns (migration 002).
            try await sql.raw("ALTER TABLE inspections ALTER COLUMN grid_path TYPE TEXT COLLATE \"C\"").run()
        }
        for (name, table, columns) in Self.indexes {
            try await sql.raw("CREATE INDEX \(unsafeRaw: name) ON \(unsafeRaw: table) (\(unsafeRaw: columns))").run()
        }
    }

    static let indexes = [
        ("idx_inspections_place_started", "inspections", "place_id, started_at"),
        ("idx_inspections_path_started", "inspections", "grid_path, started_at"),
        ("idx_inspections_started", "inspections", "started_at"),
        ("idx_inspection_inspectors_user", "inspection_inspectors", "user_id, inspection_id"),
        ("idx_inspection_inspectors_inspection", "inspection_inspectors", "inspection_id"),
        ("idx_inspection_items_inspection", "inspection_items", "inspection_id, position"),
        ("idx_inspection_items_hazard", "inspection_items", "hazard_id"),
        ("idx_inspection_photos_item", "inspection_photos", "item_id"),
        ("idx_inspection_photos_attachment", "inspection_photos", "attachment_id"),
    ]

    func revert(on database: any Database) async throws {
        for table in ["inspection_photos", "inspection_items", "inspection_inspectors", "inspections"] {
            try await database.schema(table).delete()
        }
    }
}
