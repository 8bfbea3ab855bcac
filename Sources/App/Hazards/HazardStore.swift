import Fluent
import Foundation
import SafeGridDomain
import SQLKit

/// The data boundary of the hazard aggregate: hazards, their append-only events and their
/// notices. It uses SQLKit, not Fluent (docs/architecture.md, "Stores"): the row types declare
/// their columns (`HazardRow.columns`) and every statement here is derived from them.
///
/// Reads take any database. Writes take a `WriteTransaction`, which only the write path makes,
/// so a hazard write on a read connection does not compile. Every change of a hazard goes
/// through `save` after `claim` (the version bump), together with its event (`append`).
enum HazardStore {
    // MARK: Reads

    static func find(_ id: Int, on db: any Database) async throws -> HazardRow? {
        try await HazardRow.rows(where: "hazards.id = \(bind: id)", on: db).first
    }

    /// Rows matching a condition, in id order; for jobs, tests and tools (pages use `HazardReads`).
    static func select(where condition: SQLQueryString, on db: any Database) async throws -> [HazardRow] {
        try await HazardRow.rows(where: condition, on: db)
    }

    static func count(where condition: SQLQueryString, on db: any Database) async throws -> Int {
        try await HazardRow.count(where: condition, on: db)
    }

    // MARK: Writes

    /// Inserts new hazards in one statement and returns them with their ids. Their numbers
    /// must be set (and unique): the ids are matched back by number.
    static func insert(_ rows: [HazardRow], in tx: WriteTransaction) async throws -> [HazardRow] {
        guard !rows.isEmpty else { return [] }
        var insert = tx.insert(into: HazardRow.table).columns(HazardRow.insertColumns.map(\.name))
        for row in rows { insert = insert.values(row.insertValues) }
        var ids: [String: Int] = [:]
        for row in try await insert.returning("id", "number").all() {
            ids[try row.decode(column: "number", as: String.self)] = try row.decode(column: "id", as: Int.self)
        }
        return try rows.map { row in
            guard let id = ids[row.number] else { throw SafeGridError(.unavailable, "error.internal") }
            var stored = row
            stored.id = id
            return stored
        }
    }

    /// Claims the version the caller read: bumps it and returns the new one, or refuses with
    /// 409 `stale_version` when another writer got there first. On PostgreSQL the update takes
    /// the row lock, which orders concurrent writers.
    static func claim(_ id: Int, version: Int, in tx: WriteTransaction) async throws -> Int {
        struct Row: Decodable { let version: Int }
        guard let claimed = try await tx
            .raw("UPDATE hazards SET version = version + 1 WHERE id = \(bind: id) AND version = \(bind: version) RETURNING version")
            .first(decoding: Row.self) else { throw SafeGridError.staleVersion }
        return claimed.version
    }

    /// Writes the columns in which `row` differs from `old`, the hazard as read before this
    /// change; the caller has claimed its version in this transaction (`claim`).
    static func save(_ row: HazardRow, from old: HazardRow, in tx: WriteTransaction) async throws {
        let changed = HazardRow.insertColumns.filter { !$0.same(row, old) }
        guard !changed.isEmpty else { return }
        let update = tx.update(HazardRow.table)
        for column in changed { update.set(SQLIdentifier(column.name), to: SQLBind(column.value(row))) }
        try await update.where(SQLIdentifier("id"), .equal, SQLBind(row.id)).run()
    }

    /// Appends events to the log (rows are only ever inserted) and to the trail's hash chain,
    /// in one multi-row statement.
    static func append(_ events: [HazardEventRow], in tx: WriteTransaction) async throws {
        guard !events.isEmpty else { return }
        var head = try await TrailHead.claim(.hazardEvents, on: tx)
        var insert = tx.insert(into: HazardEventRow.table).columns(HazardEventRow.insertColumns.map(\.name))
        for var event in events {
            let seq = head.seq + 1
            event.chainSeq = seq
            event.prevHash = head.hash
            event.hash = AuditTrail.hash(seq: seq, previous: head.hash, fields: event.trailFields)
            insert = insert.values(event.insertValues)
            head = (seq, event.hash!)
        }
        try await insert.run()
        try await TrailHead.advance(.hazardEvents, to: head, on: tx)
    }

    /// Inserts a notice; its number is taken in the same transaction.
    static func issue(_ notice: NoticeRow, in tx: WriteTransaction) async throws {
        try await tx.insert(into: NoticeRow.table).columns(NoticeRow.insertColumns.map(\.name)).values(notice.insertValues).run()
    }

    /// The latest notice of a hazard with its issuer's name.
    static func latestNotice(of hazardId: Int, on db: any Database) async throws -> (notice: NoticeRow, issuer: String?)? {
        guard let row = try await (db as! any SQLDatabase).raw("""
            SELECT \(unsafeRaw: NoticeRow.columnList), u.display_name AS issuer FROM notices
            LEFT JOIN users u ON u.id = notices.issued_by_id
            WHERE notices.hazard_id = \(bind: hazardId) ORDER BY notices.id DESC LIMIT 1
            """).first() else { return nil }
        return (try NoticeRow(row: row), try row.optionalText("issuer"))
    }

    /// A hazard's events, oldest first (tests and tools; the timeline reads `HazardReads.events`).
    static func events(of hazardId: Int, on db: any Database) async throws -> [HazardEventRow] {
        try await HazardEventRow.rows(where: "hazard_events.hazard_id = \(bind: hazardId)", on: db)
    }
}
