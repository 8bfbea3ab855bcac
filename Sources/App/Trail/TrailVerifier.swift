import Fluent
import Foundation
import SafeGridDomain
import SQLKit

/// Walks both chains from their first link to their heads and names the first broken link.
/// Run by `safegrid verify`, by a daily job, and by the tests that tamper with the tables.
enum TrailVerifier {
    struct ChainResult: Sendable {
        let chain: AuditTrail.Chain
        let events: Int
        let head: (seq: Int, hash: String)
        let problem: AuditTrail.Break?
    }

    /// A break as kept with the check (`trail_checks.problems`), for pages to say in their language.
    struct Problem: Codable, Equatable, Sendable {
        let chain: String
        let key: String
        let args: [String]
    }

    struct Report: Sendable {
        let chains: [ChainResult]
        var ok: Bool { chains.allSatisfy { $0.problem == nil } }
        var events: Int { chains.reduce(0) { $0 + $1.events } }
        /// One line per chain, for the command line.
        var lines: [String] {
            chains.map { c in
                "\(c.chain.rawValue): " + (c.problem.map { "BROKEN: \($0.description)" }
                    ?? "ok, \(c.events) events, head \(AuditTrail.anchor(seq: c.head.seq, hash: c.head.hash))")
            }
        }

        /// The same on one line, for the check record and `/readyz`.
        var summary: String { lines.joined(separator: "; ") }

        var problems: [Problem] {
            chains.compactMap { c in c.problem.map { Problem(chain: c.chain.rawValue, key: $0.key, args: $0.args) } }
        }
    }

    static let batch = 5_000

    static func verify(on db: any Database) async throws -> Report {
        var results: [ChainResult] = []
        for chain in AuditTrail.Chain.allCases { results.append(try await verify(chain, on: db)) }
        return Report(chains: results)
    }

    static func verify(_ chain: AuditTrail.Chain, on db: any Database) async throws -> ChainResult {
        let sql = db as! any SQLDatabase
        let (table, columns): (String, String) = switch chain {
        case .hazardEvents: ("hazard_events", HazardEventTrail.selectColumns)
        case .registerEvents: ("register_events", RegisterTrail.selectColumns)
        }
        var state = (seq: 0, hash: AuditTrail.genesis)
        var events = 0
        let unchained = try await sql.raw("SELECT count(*) AS n FROM \(unsafeRaw: table) WHERE chain_seq IS NULL OR hash IS NULL").first()?
            .decode(column: "n", as: Int.self) ?? 0
        if unchained > 0 {
            return ChainResult(chain: chain, events: 0, head: state, problem: .unchained(count: unchained))
        }
        while true {
            let rows = try await sql.raw("""
                SELECT \(unsafeRaw: columns), chain_seq, prev_hash, hash FROM \(unsafeRaw: table)
                WHERE chain_seq > \(bind: state.seq) ORDER BY chain_seq LIMIT \(unsafeRaw: String(batch))
                """).all()
            if rows.isEmpty { break }
            let links = try rows.map { row in
                AuditTrail.Link(id: try row.decode(column: "id", as: Int.self), seq: try row.decode(column: "chain_seq", as: Int.self),
                                previous: try row.decode(column: "prev_hash", as: String.self), hash: try row.decode(column: "hash", as: String.self),
                                fields: chain == .hazardEvents ? try HazardEventTrail.fields(of: row) : try RegisterTrail.fields(of: row))
            }
            switch AuditTrail.verify(links, after: state) {
            case .success(let next):
                state = next
                events += links.count
            case .failure(let error):
                return ChainResult(chain: chain, events: events, head: state, problem: error.problem)
            }
        }
        let head = try await TrailHead.read(chain, on: db) ?? (0, AuditTrail.genesis)
        if head.seq != state.seq || head.hash != state.hash {
            return ChainResult(chain: chain, events: events, head: state,
                               problem: .headMismatch(headSeq: head.seq, lastSeq: state.seq))
        }
        return ChainResult(chain: chain, events: events, head: state, problem: nil)
    }

    /// Verifies and keeps the result, which `/readyz`, `/metrics` and the dashboard read.
    @discardableResult
    static func check(on db: any Database, at instant: Date) async throws -> Report {
        let report = try await verify(on: db)
        let problems = report.problems.isEmpty ? nil : try JSONCoding.string(report.problems)
        try await (db as! any SQLDatabase).insert(into: "trail_checks").columns("checked_at", "ok", "events", "message", "problems")
            .values(SQLBind(instant), SQLBind(report.ok), SQLBind(report.events), SQLBind(report.summary), SQLBind(problems)).run()
        return report
    }

    /// The newest kept result: whether it passed, when, and what it said (in English, and as
    /// catalogue keys since migration 020).
    static func latest(on db: any Database) async throws -> (ok: Bool, at: Date, message: String, problems: [Problem])? {
        guard let row = try await (db as! any SQLDatabase)
            .raw("SELECT ok, checked_at, message, problems FROM trail_checks ORDER BY id DESC LIMIT 1").first() else {
            return nil
        }
        return (try row.decode(column: "ok", as: Bool.self), try row.decode(column: "checked_at", as: Date.self),
                try row.decode(column: "message", as: String.self),
                try row.optionalText("problems").flatMap { JSONCoding.decode([Problem].self, $0) } ?? [])
    }
}
