import FluentKit
import Foundation
import SafeGridDomain
import SQLKit
import Vapor

/// The first answer to an idempotency key: the one row type of `idempotency_keys`.
struct IdempotencyRow: TableRow, Sendable {
    var id = 0
    var userId = 0
    var key = ""
    var method = ""
    var path = ""
    var completed = false
    var status: Int?
    var contentType: String?
    var location: String?
    /// The answer's body, base64.
    var body: String?
    var createdAt = Date(timeIntervalSince1970: 0)

    static let table = "idempotency_keys"
    static let blank = IdempotencyRow()
    static let columns: [Column<IdempotencyRow>] = [
        .value("id", \.id), .value("user_id", \.userId), .value("key", \.key), .value("method", \.method), .value("path", \.path),
        .value("completed", \.completed), .optional("status", \.status), .optional("content_type", \.contentType),
        .optional("location", \.location), .optional("body", \.body), .value("created_at", \.createdAt),
    ]

    var record: Idempotency.Record { Idempotency.Record(method: method, path: path, completed: completed, createdAt: createdAt) }
}

/// Keys and their answers. A request claims its key in a write transaction before it runs, so
/// of two requests with one key (a double tap) exactly one runs and the other is told so.
enum IdempotencyStore {
    enum Claim: Sendable {
        /// This request holds the key (row id): run it, then `complete` or `release`.
        case run(Int)
        case replay(IdempotencyRow)
        case inProgress
        case reused
    }

    /// An answer larger than this is not kept (a repeat then runs again); answers to POSTs are
    /// a redirect or one record's JSON.
    static let maxStoredBody = 1 << 20

    static func find(user: Int, key: String, on db: any SQLDatabase) async throws -> IdempotencyRow? {
        try await db.raw("""
            SELECT \(unsafeRaw: IdempotencyRow.selection) FROM idempotency_keys
            WHERE user_id = \(bind: user) AND key = \(bind: key)
            """).first().map(IdempotencyRow.init(row:))
    }

    static func claim(user: Int, key: String, method: String, path: String, now: Date, writes: WritePath,
                      on db: any Database) async throws -> Claim {
        do {
            return try await writes.transaction(on: db) { tx in
                let existing = try await find(user: user, key: key, on: tx)
                switch Idempotency.decide(existing?.record, method: method, path: path, now: now) {
                case .replay: return .replay(existing!)
                case .inProgress: return .inProgress
                case .reused: return .reused
                case .run:
                    if let existing { try await tx.delete(from: IdempotencyRow.table).where("id", .equal, existing.id).run() }
                    let row = IdempotencyRow(userId: user, key: key, method: method, path: path, createdAt: now)
                    let id = try await tx.insert(into: IdempotencyRow.table).columns(IdempotencyRow.insertColumns.map(\.name))
                        .values(row.insertValues).returning("id").first()?.decode(column: "id", as: Int.self)
                    guard let id else { throw SafeGridError(.unavailable, "error.internal") }
                    return .run(id)
                }
            }
        } catch {
            // On PostgreSQL two first requests may both find nothing; the unique key lets one
            // insert, and the other reads what it holds.
            guard let existing = try await find(user: user, key: key, on: db as! any SQLDatabase) else { throw error }
            switch Idempotency.decide(existing.record, method: method, path: path, now: now) {
            case .replay: return .replay(existing)
            case .reused: return .reused
            case .run, .inProgress: return .inProgress
            }
        }
    }

    static func complete(_ id: Int, status: Int, contentType: String?, location: String?, body: Data, in tx: WriteTransaction) async throws {
        try await tx.update(IdempotencyRow.table)
            .set("completed", to: true).set("status", to: status).set("content_type", to: contentType)
            .set("location", to: location).set("body", to: body.base64EncodedString())
            .where("id", .equal, id).run()
    }

    /// The request did nothing to keep (refused, failed, or too large an answer): the key is
    /// free for the next attempt.
    static func release(_ id: Int, in tx: WriteTransaction) async throws {
        try await tx.delete(from: IdempotencyRow.table).where("id", .equal, id).run()
    }

    /// Keys past their retention, in batches so that the writer is never held long.
    static func sweep(before cutoff: Date, in tx: WriteTransaction) async throws -> Int {
        let ids = try await tx.raw("SELECT id FROM idempotency_keys WHERE created_at < \(bind: cutoff) ORDER BY id LIMIT 5000").all()
            .map { try $0.decode(column: "id", as: Int.self) }
        guard !ids.isEmpty else { return 0 }
        try await tx.delete(from: IdempotencyRow.table).where("id", .in, ids).run()
        return ids.count
    }
}
