import Fluent
import SafeGridDomain
import SQLKit

/// Checklist templates (检查表) and their items. A template row is one version: editing makes
/// a new row with the same `family_id` and `version + 1` and retires the old one, so an
/// inspection's `template_id` always names the exact wording it was run with.
/// The shipped defaults (`DefaultChecklists`) are inserted as version 1.
struct CreateChecklistTemplates: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("checklist_templates")
            .field("id", .int, .identifier(auto: true))
            .field("family_id", .int)
            .field("version", .int, .required)
            .field("category", .string, .required)
            .field("name", .string, .required)
            .field("active", .bool, .required)
            .field("created_by_id", .int, .references("users", "id"))
            .field("created_at", .datetime)
            .create()
        try await database.schema("checklist_template_items")
            .field("id", .int, .identifier(auto: true))
            .field("template_id", .int, .required, .references("checklist_templates", "id"))
            .field("position", .int, .required)
            .field("topic", .string, .required)
            .field("text", .string, .required)
            .field("requires_photo", .bool, .required)
            .field("hazard_category", .string, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX idx_checklist_templates_category ON checklist_templates (category, active)").run()
        try await sql.raw("CREATE INDEX idx_checklist_items_template ON checklist_template_items (template_id, position)").run()
        // Migrations run before the server serves anything: the plain transaction of `.joined`.
        try await WritePath.joined.transaction(on: database) { tx in
            for spec in DefaultChecklists.all {
                _ = try await ChecklistStore.insert(spec, family: nil, version: 1, by: nil, on: tx)
            }
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("checklist_template_items").delete()
        try await database.schema("checklist_templates").delete()
    }
}
