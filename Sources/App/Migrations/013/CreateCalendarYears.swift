import Fluent

/// Issue 12: the working-day calendar beyond the shipped years. An administrator enters a
/// year's official notice (holidays with their names, make-up workdays); entered years win
/// over the shipped file, and years in neither are provisional (computed statutory holidays).
struct CreateCalendarYears: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("calendar_years")
            .field("year", .int, .identifier(auto: false))
            .field("holidays", .string, .required)
            .field("workdays", .string, .required)
            .field("note", .string)
            .field("entered_by_id", .int, .references("users", "id"))
            .field("entered_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("calendar_years").delete()
    }
}
