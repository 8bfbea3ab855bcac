import Fluent
import Foundation
import SafeGridDomain
import SQLKit

/// Maintenance of `hazard_tallies` (see CreateHazardTallies). Every change runs inside the
/// transaction that changes the hazard, so the counts are exact, never eventually right.
enum HazardTallies {
    struct Key: Hashable, Sendable {
        var gridId: Int
        var state: HazardState
        var onTime: Int
    }

    /// 1 or 0 for a closure with a deadline, -1 for everything else.
    static func onTime(state: HazardState, deadline: CivilDate?, closedAt: Date?) -> Int {
        guard state == .closed, let deadline, let closedAt else { return -1 }
        return LedgerFigures.isOnTime(closedOn: CivilDate(closedAt), deadline: deadline) ? 1 : 0
    }

    static func key(of hazard: HazardRow) -> Key {
        Key(gridId: hazard.gridId, state: hazard.state,
            onTime: onTime(state: hazard.state, deadline: hazard.deadline.flatMap(CivilDate.init(iso:)), closedAt: hazard.closedAt))
    }

    static func add(_ delta: Int, to key: Key, on db: WriteTransaction) async throws {
        try await add([key: delta], on: db)
    }

    /// One upsert for any number of keys (SQLite 3.24+, PostgreSQL 9.5+): this runs inside
    /// every hazard write, where each statement holds the single SQLite writer a little longer.
    static func add(_ deltas: [Key: Int], on db: WriteTransaction) async throws {
        guard !deltas.isEmpty else { return }
        var query: SQLQueryString = "INSERT INTO hazard_tallies (grid_id, state, on_time, n) VALUES "
        // Sorted, so concurrent writers on PostgreSQL lock the rows in one order.
        let sorted = deltas.sorted { ($0.key.gridId, $0.key.state.rawValue, $0.key.onTime) < ($1.key.gridId, $1.key.state.rawValue, $1.key.onTime) }
        for (i, (key, delta)) in sorted.enumerated() {
            if i > 0 { query += ", " }
            query += "(\(bind: key.gridId), \(bind: key.state.rawValue), \(bind: key.onTime), \(bind: delta))"
        }
        query += " ON CONFLICT (grid_id, state, on_time) DO UPDATE SET n = hazard_tallies.n + excluded.n"
        try await (db as! any SQLDatabase).raw(query).run()
    }

    /// Moves one hazard from one key to another (nothing when they are equal).
    static func move(from old: Key, to new: Key, on db: WriteTransaction) async throws {
        guard old != new else { return }
        try await add([old: -1, new: 1], on: db)
    }

    /// Recounts everything from the hazards, in chunks (migration, bulk loads, repair).
    static func rebuild(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.raw("DELETE FROM hazard_tallies").run()
        var counts: [Key: Int] = [:]
        var lastId = 0
        struct Row: Decodable {
            let id: Int
            let grid_id: Int
            let state: String
            let deadline: String?
            let closed_at: Date?
        }
        while true {
            let rows = try await sql.raw("""
                SELECT id, grid_id, state, deadline, closed_at FROM hazards WHERE id > \(bind: lastId) ORDER BY id LIMIT 20000
                """).all(decoding: Row.self)
            guard let last = rows.last else { break }
            for row in rows {
                guard let state = HazardState(rawValue: row.state) else { continue }
                let key = Key(gridId: row.grid_id, state: state,
                              onTime: onTime(state: state, deadline: row.deadline.flatMap(CivilDate.init(iso:)), closedAt: row.closed_at))
                counts[key, default: 0] += 1
            }
            lastId = last.id
        }
        try await write(counts, on: db)
    }

    static func write(_ counts: [Key: Int], on db: any Database) async throws {
        let rows: [[any Encodable & Sendable]] = counts.map { [$0.key.gridId, $0.key.state.rawValue, $0.key.onTime, $0.value] }
        try await BulkWriter(sql: db as! any SQLDatabase).insert("hazard_tallies", ["grid_id", "state", "on_time", "n"], rows)
    }
}
