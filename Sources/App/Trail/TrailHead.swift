import Foundation
import Fluent
import SafeGridDomain
import SQLKit

/// The newest link of a chain, read and moved inside the transaction that appends to it. On
/// PostgreSQL the row is locked (`FOR UPDATE`), so instances appending at once take turns; on
/// SQLite the write gate already lets one writer through at a time.
enum TrailHead {
    static func claim(_ chain: AuditTrail.Chain, on db: WriteTransaction) async throws -> (seq: Int, hash: String) {
        let sql = db as! any SQLDatabase
        let lock = sql.dialect.name == "postgresql" ? " FOR UPDATE" : ""
        guard let row = try await sql.raw("SELECT seq, hash FROM trail_heads WHERE chain = \(bind: chain.rawValue)\(unsafeRaw: lock)").first() else {
            throw SafeGridError(.unavailable, "error.internal")
        }
        return (try row.decode(column: "seq", as: Int.self), try row.decode(column: "hash", as: String.self))
    }

    static func read(_ chain: AuditTrail.Chain, on db: any Database) async throws -> (seq: Int, hash: String)? {
        let sql = db as! any SQLDatabase
        guard let row = try await sql.raw("SELECT seq, hash FROM trail_heads WHERE chain = \(bind: chain.rawValue)").first() else { return nil }
        return (try row.decode(column: "seq", as: Int.self), try row.decode(column: "hash", as: String.self))
    }

    static func advance(_ chain: AuditTrail.Chain, to head: (seq: Int, hash: String), on db: WriteTransaction) async throws {
        try await (db as! any SQLDatabase).raw("""
            UPDATE trail_heads SET seq = \(bind: head.seq), hash = \(bind: head.hash) WHERE chain = \(bind: chain.rawValue)
            """).run()
    }
}

/// How a hazard event's stored columns enter its hash, shared by the writer and the verifier.
enum HazardEventTrail {
    static let selectColumns = "id, hazard_id, action, actor_id, actor_role, occurred_at, from_state, to_state, note, latitude, longitude, details, attachment_ids"

    static func fields(of row: any SQLRow) throws -> [String?] {
        [AuditTrail.field(try row.decode(column: "hazard_id", as: Int.self)),
         try row.decode(column: "action", as: String.self),
         AuditTrail.field(try row.decode(column: "actor_id", as: Int.self)),
         try row.decode(column: "actor_role", as: String.self),
         AuditTrail.field(try row.decode(column: "occurred_at", as: Date.self)),
         try row.decode(column: "from_state", as: String?.self),
         try row.decode(column: "to_state", as: String.self),
         try row.decode(column: "note", as: String?.self),
         AuditTrail.field(try row.decode(column: "latitude", as: Double?.self)),
         AuditTrail.field(try row.decode(column: "longitude", as: Double?.self)),
         try row.decode(column: "details", as: String.self),
         try row.decode(column: "attachment_ids", as: String.self)]
    }
}

/// The line a bulletin prints: each chain's length and the start of its head's hash. Checking a
/// paper copy against `safegrid verify` shows whether anything written before it was changed.
enum TrailAnchor {
    static func current(on db: any Database) async throws -> String {
        var parts: [String] = []
        for chain in AuditTrail.Chain.allCases {
            let head = try await TrailHead.read(chain, on: db) ?? (0, AuditTrail.genesis)
            parts.append("\(chain.rawValue) \(AuditTrail.anchor(seq: head.seq, hash: head.hash))")
        }
        return parts.joined(separator: "; ")
    }
}
