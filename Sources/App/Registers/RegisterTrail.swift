import Fluent
import Foundation
import SafeGridDomain
import SQLKit

/// The history of the registers an office edits (public reports, places, users, campaign
/// tasks): each save appends the record as saved to the `register_events` chain, in the same
/// transaction as the save.
enum RegisterTrail {
    enum Register: String, Sendable {
        case publicReport, place, user, campaignTask, grid, activity, accident
    }

    enum Action: String, Sendable {
        case created, updated, deleted, deactivated, activated, accessRevoked, passwordChanged, renamed, moved, retired, reinstated, voided
    }

    static let selectColumns = "id, register, record_id, action, actor_id, occurred_at, changes"

    /// `snapshot` is the record as saved (its DTO); secrets never go in.
    static func append(_ register: Register, recordId: Int, _ action: Action, actorId: Int?, at instant: Date,
                       snapshot: some Encodable, on db: WriteTransaction) async throws {
        let changes = try JSONCoding.string(snapshot)
        let head = try await TrailHead.claim(.registerEvents, on: db)
        let seq = head.seq + 1
        let fields = [register.rawValue, AuditTrail.field(recordId), action.rawValue, AuditTrail.field(actorId), AuditTrail.field(instant), changes]
        let hash = AuditTrail.hash(seq: seq, previous: head.hash, fields: fields)
        try await (db as! any SQLDatabase).insert(into: "register_events")
            .columns("chain_seq", "prev_hash", "hash", "register", "record_id", "action", "actor_id", "occurred_at", "changes")
            .values(seq, head.hash, hash, register.rawValue, recordId, action.rawValue, actorId, instant, changes)
            .run()
        try await TrailHead.advance(.registerEvents, to: (seq, hash), on: db)
    }

    static func fields(of row: any SQLRow) throws -> [String?] {
        [try row.decode(column: "register", as: String.self),
         AuditTrail.field(try row.decode(column: "record_id", as: Int.self)),
         try row.decode(column: "action", as: String.self),
         AuditTrail.field(try row.decode(column: "actor_id", as: Int?.self)),
         AuditTrail.field(try row.decode(column: "occurred_at", as: Date.self)),
         try row.decode(column: "changes", as: String.self)]
    }

    /// One record's history, oldest first, for its page.
    static func history(_ register: Register, recordId: Int, on db: any Database) async throws -> [(action: String, actorId: Int?, at: Date, changes: String)] {
        try await (db as! any SQLDatabase).raw("""
            SELECT action, actor_id, occurred_at, changes FROM register_events
            WHERE register = \(bind: register.rawValue) AND record_id = \(bind: recordId) ORDER BY id
            """).all().map {
            (try $0.decode(column: "action", as: String.self), try $0.decode(column: "actor_id", as: Int?.self),
             try $0.decode(column: "occurred_at", as: Date.self), try $0.decode(column: "changes", as: String.self))
        }
    }
}
