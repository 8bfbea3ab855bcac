import Fluent
import SQLKit

/// Tags a hazard with the campaign during which (or for which) it was found, so a campaign
/// can count and list its hazards. Null for hazards outside any campaign.
struct UpdateHazardsCampaign: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("hazards").field("campaign_id", .int, .references("campaigns", "id")).update()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX idx_hazards_campaign ON hazards (campaign_id)").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX idx_hazards_campaign").run()
        try await database.schema("hazards").deleteField("campaign_id").update()
    }
}
