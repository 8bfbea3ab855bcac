import Fluent

/// Versioned tables of the assessment methods, one row per (method, version); factors and
/// bands as JSON text. Version 1 of each method is the shipped default in code
/// (`RiskTable.defaultTable`), never stored, so a fresh database holds no rows (which
/// `migrate-data` requires of its target); an administrator's edits are versions 2 and on.
struct CreateRiskTables: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("risk_tables")
            .field("id", .int, .identifier(auto: true))
            .field("method", .string, .required)
            .field("version", .int, .required)
            .field("factors", .string, .required)
            .field("bands", .string, .required)
            .field("created_by_id", .int, .references("users", "id"))
            .field("created_at", .datetime)
            .unique(on: "method", "version")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("risk_tables").delete()
    }
}
