import Fluent
import SQLKit

/// Special campaigns (专项整治) and their task lists (任务清单). Dates are `yyyy-MM-dd` text like
/// hazard deadlines; target place categories are a comma-separated list of raw values.
struct CreateCampaigns: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("campaigns")
            .field("id", .int, .identifier(auto: true))
            .field("name", .string, .required)
            .field("theme", .string)
            .field("start_date", .string, .required)
            .field("end_date", .string, .required)
            .field("grid_id", .int, .required, .references("grids", "id"))
            .field("grid_path", .string, .required)
            .field("target_categories", .string, .required)
            .field("goals", .string)
            // Set when the progress page is published: the unguessable part of its link.
            .field("share_token", .string)
            .field("created_by_id", .int, .required, .references("users", "id"))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "share_token")
            .create()

        try await database.schema("campaign_tasks")
            .field("id", .int, .identifier(auto: true))
            .field("campaign_id", .int, .required, .references("campaigns", "id"))
            .field("position", .int, .required)
            .field("title", .string, .required)
            .field("description", .string)
            .field("owner_name", .string, .required)
            .field("owner_user_id", .int, .references("users", "id"))
            .field("deadline", .string, .required)
            .field("target_count", .int)
            .field("done_count", .int, .required)
            .field("completed_on", .string)
            .field("result", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()

        // Evidence (佐证材料) of a task: uploads kept by AttachmentStore, linked here.
        try await database.schema("campaign_task_evidence")
            .field("id", .int, .identifier(auto: true))
            .field("task_id", .int, .required, .references("campaign_tasks", "id"))
            .field("attachment_id", .int, .required, .references("attachments", "id"))
            .unique(on: "task_id", "attachment_id")
            .create()

        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX idx_campaign_tasks_campaign ON campaign_tasks (campaign_id, position)").run()
        try await sql.raw("CREATE INDEX idx_campaign_task_evidence_task ON campaign_task_evidence (task_id)").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["campaign_task_evidence", "campaign_tasks", "campaigns"] {
            try await database.schema(table).delete()
        }
    }
}
