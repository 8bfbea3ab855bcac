import Fluent
import SafeGridDomain

/// Patrol frequency per risk level (巡查频次): one row per key (`red`…`blue`, `unassessed`),
/// seeded with `PatrolSchedule.standard`; administrators change them.
struct CreatePatrolFrequencies: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("patrol_frequencies")
            .field("id", .int, .identifier(auto: true))
            .field("risk_key", .string, .required)
            .field("interval_count", .int, .required)
            .field("unit", .string, .required)
            .field("updated_at", .datetime)
            .unique(on: "risk_key")
            .create()
        let rows = PatrolSchedule.keys.map { key in
            PatrolFrequencyRecord(key: key, interval: PatrolSchedule.standard.interval(key: key)!)
        }
        try await rows.create(on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("patrol_frequencies").delete()
    }
}
