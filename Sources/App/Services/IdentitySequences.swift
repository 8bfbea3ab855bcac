import Fluent
import SQLKit

/// After rows are written with explicit ids (bulk generation, migration from SQLite),
/// PostgreSQL's identity sequences must be moved past the largest id, or the next normal
/// insert collides. SQLite derives the next rowid from the table itself and needs nothing.
enum IdentitySequences {
    static func reset(tables: [String], on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        for table in tables {
            try await sql.raw("""
                SELECT setval(pg_get_serial_sequence('\(unsafeRaw: table)', 'id'), COALESCE((SELECT MAX(id) FROM \(unsafeRaw: table)), 0) + 1, false)
                """).run()
        }
    }
}
