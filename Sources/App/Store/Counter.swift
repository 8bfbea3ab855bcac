import Fluent
import SafeGridDomain
import SQLKit

/// Named sequences (hazard and notice numbers). Must run inside the transaction that uses
/// the value: the row lock (PostgreSQL) or the single writer (SQLite) orders concurrent
/// callers, and a rollback returns the number, so sequences stay gap-free.
enum Counter {
    static func next(_ name: String, on db: WriteTransaction) async throws -> Int {
        try await reserve(name, count: 1, on: db).lowerBound
    }

    /// `count` consecutive values in one statement (a group of registrations committed together).
    static func reserve(_ name: String, count: Int, on db: WriteTransaction) async throws -> ClosedRange<Int> {
        precondition(count > 0)
        let sql = db as! any SQLDatabase
        struct Row: Decodable { let value: Int }
        func advance() async throws -> Int? {
            try await sql.raw("UPDATE counters SET value = value + \(bind: count) WHERE name = \(bind: name) RETURNING value")
                .first(decoding: Row.self)?.value
        }
        if let last = try await advance() { return (last - count + 1)...last }
        // First use of this name: create it. ON CONFLICT covers another instance creating it
        // at the same moment; the update after it then takes the row lock in turn.
        try await sql.raw("INSERT INTO counters (name, value) VALUES (\(bind: name), 0) ON CONFLICT (name) DO NOTHING").run()
        guard let last = try await advance() else { throw SafeGridError(.unavailable, "error.internal") }
        return (last - count + 1)...last
    }
}
