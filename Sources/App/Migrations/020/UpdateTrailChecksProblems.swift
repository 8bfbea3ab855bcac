import Fluent

/// The trail check's breaks as catalogue keys and arguments beside its English message, so
/// the administrator's dashboard says them in the reader's language.
struct UpdateTrailChecksProblems: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("trail_checks").field("problems", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("trail_checks").deleteField("problems").update()
    }
}
