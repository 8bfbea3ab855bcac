import Fluent
import SQLKit

/// The registers of issue 6: safety activities (宣传、培训、安全大讲堂、演练), accidents (事故)
/// and public reports (群众举报). Days are `yyyy-MM-dd` text like hazard deadlines; each row
/// keeps its grid's path so scoped lists and period counts need no join.
struct CreateActivities: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("activities")
            .field("id", .int, .identifier(auto: true))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("held_on", .string, .required)
            .field("venue", .string, .required)
            .field("grid_id", .int, .required, .references("grids", "id"))
            .field("grid_path", .string, .required)
            .field("people", .int, .required)
            .field("note", .string)
            .field("created_by_id", .int, .required, .references("users", "id"))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await database.schema("accidents")
            .field("id", .int, .identifier(auto: true))
            .field("occurred_on", .string, .required)
            .field("venue", .string, .required)
            .field("grid_id", .int, .required, .references("grids", "id"))
            .field("grid_path", .string, .required)
            .field("type", .string, .required)
            .field("deaths", .int, .required)
            .field("injuries", .int, .required)
            .field("liability", .string, .required)
            .field("description", .string, .required)
            .field("created_by_id", .int, .required, .references("users", "id"))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await database.schema("public_reports")
            .field("id", .int, .identifier(auto: true))
            .field("received_on", .string, .required)
            .field("channel", .string, .required)
            .field("grid_id", .int, .required, .references("grids", "id"))
            .field("grid_path", .string, .required)
            .field("content", .string, .required)
            .field("reporter", .string)
            .field("hazard_id", .int, .references("hazards", "id"))
            .field("handled_on", .string)
            .field("reply", .string)
            .field("created_by_id", .int, .required, .references("users", "id"))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "postgresql" {
            // Byte order for path ranges, as migration 002 does for the older tables.
            for table in ["activities", "accidents", "public_reports"] {
                try await sql.raw("ALTER TABLE \(unsafeRaw: table) ALTER COLUMN grid_path TYPE TEXT COLLATE \"C\"").run()
            }
        }
        // Period counts read a subtree's rows over a span of days: path first, then the day.
        try await sql.raw("CREATE INDEX idx_activities_path_day ON activities (grid_path, held_on)").run()
        try await sql.raw("CREATE INDEX idx_accidents_path_day ON accidents (grid_path, occurred_on)").run()
        try await sql.raw("CREATE INDEX idx_public_reports_path_day ON public_reports (grid_path, received_on)").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["public_reports", "accidents", "activities"] {
            try await database.schema(table).delete()
        }
    }
}
