import Fluent
import SafeGridDomain
import SQLKit

/// Named sequences (hazard and notice numbers). Must run inside the transaction that uses
/// the value: the row lock (PostgreSQL) or the single writer (SQLite) orders concurrent
/// callers, and a rollback returns the number, so sequences stay gap-free.
enum Counter {
    static func next(_ name: String, on db: any Database) async throws -> Int {
        let sql = db as! any SQLDatabase
        struct Row: Decodable { let value: Int }
        if let row = try await sql.raw("UPDATE counters SET value = value + 1 WHERE name = \(bind: name) RETURNING value")
            .first(decoding: Row.self) {
            return row.value
        }
        // First use of this name: create it. ON CONFLICT covers another instance creating it
        // at the same moment; the update after it then takes the row lock in turn.
        try await sql.raw("INSERT INTO counters (name, value) VALUES (\(bind: name), 0) ON CONFLICT (name) DO NOTHING").run()
        guard let row = try await sql.raw("UPDATE counters SET value = value + 1 WHERE name = \(bind: name) RETURNING value")
            .first(decoding: Row.self) else {
            throw SafeGridError(.unavailable, "error.internal")
        }
        return row.value
    }
}
