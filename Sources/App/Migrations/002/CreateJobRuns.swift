import Fluent

/// One row per (job, period): the unique key is what makes a period run once across instances.
struct CreateJobRuns: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("job_runs")
            .field("id", .int, .identifier(auto: true))
            .field("name", .string, .required)
            .field("period", .string, .required)
            .field("instance", .string, .required)
            .field("attempts", .int, .required)
            .field("started_at", .datetime, .required)
            .field("finished_at", .datetime)
            .field("result", .string)
            .unique(on: "name", "period")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("job_runs").delete()
    }
}
