import Fluent
import Foundation
import SafeGridDomain
import SQLKit

/// The rows behind the assessment of every unit under one grid in one period, read once per
/// table and grouped by grid path, so that any unit (a village's subtree, a grid worker's
/// grids) sums its facts in memory. A place, an inspection and a hazard carry the path of
/// the same grid, so distinct places per path add up across paths.
struct AssessmentCounts: Sendable {
    private(set) var byPath: [String: AssessmentFacts] = [:]

    static func load(path: String, window w: PeriodWindow, on db: any Database) async throws -> AssessmentCounts {
        let sql = db as! any SQLDatabase
        var counts = AssessmentCounts()
        let inTree = PeriodSQL.subtree("grid_path", path)

        struct Closed: Decodable { let grid_path: String; let deadline: String?; let closed_at: Date; let rework_count: Int }
        for row in try await sql.raw("""
            SELECT grid_path, deadline, closed_at, rework_count FROM hazards
            WHERE \(inTree) AND state = 'closed' AND closed_at >= \(bind: w.from) AND closed_at < \(bind: w.until)
            """).all(decoding: Closed.self) {
            counts.add(row.grid_path) { f in
                f.closed += 1
                if row.rework_count > 0 { f.reworked += 1 }
                if let deadline = row.deadline.flatMap(CivilDate.init(iso:)) {
                    f.closedWithDeadline += 1
                    if LedgerFigures.isOnTime(closedOn: CivilDate(row.closed_at), deadline: deadline) { f.closedOnTime += 1 }
                }
            }
        }
        struct Due: Decodable { let grid_path: String; let reworked: Int; let n: Int }
        for row in try await sql.raw("""
            SELECT grid_path, CASE WHEN rework_count > 0 THEN 1 ELSE 0 END AS reworked, COUNT(*) AS n FROM hazards
            WHERE \(inTree) AND \(PeriodSQL.openAt(w)) AND deadline < \(bind: w.asOfDay.description)
            GROUP BY grid_path, reworked
            """).all(decoding: Due.self) {
            counts.add(row.grid_path) { f in
                f.openDue += row.n
                if row.reworked == 1 { f.reworked += row.n }
            }
        }
        struct PerPath: Decodable { let grid_path: String; let n: Int }
        func perPath(_ query: SQLQueryString, _ apply: (inout AssessmentFacts, Int) -> Void) async throws {
            for row in try await sql.raw(query).all(decoding: PerPath.self) { counts.add(row.grid_path) { apply(&$0, row.n) } }
        }
        try await perPath("SELECT grid_path, COUNT(*) AS n FROM places WHERE \(inTree) GROUP BY grid_path") { $0.places += $1 }
        // Self-inspections are the enterprise's own duty and do not cover a place (InspectionKind.countsAsPatrol).
        try await perPath("""
            SELECT grid_path, COUNT(DISTINCT place_id) AS n FROM inspections
            WHERE \(inTree) AND kind <> 'enterprise' AND ended_at IS NOT NULL
                AND started_at >= \(bind: w.from) AND started_at < \(bind: w.until)
            GROUP BY grid_path
            """) { $0.placesInspected += $1 }
        try await perPath("""
            SELECT grid_path, COUNT(*) AS n FROM public_reports
            WHERE \(inTree) AND received_on >= \(bind: w.startDay) AND received_on <= \(bind: w.endDay) GROUP BY grid_path
            """) { $0.reportsReceived += $1 }
        try await perPath("""
            SELECT grid_path, COUNT(*) AS n FROM public_reports
            WHERE \(inTree) AND received_on >= \(bind: w.startDay) AND received_on <= \(bind: w.endDay)
              AND handled_on IS NOT NULL AND handled_on <= \(bind: w.endDay) GROUP BY grid_path
            """) { $0.reportsHandled += $1 }
        try await perPath("""
            SELECT grid_path, COUNT(*) AS n FROM activities
            WHERE \(inTree) AND voided_at IS NULL AND held_on >= \(bind: w.startDay) AND held_on <= \(bind: w.endDay) GROUP BY grid_path
            """) { $0.activities += $1 }
        try await perPath("""
            SELECT grid_path, COUNT(*) AS n FROM accidents
            WHERE \(inTree) AND voided_at IS NULL AND liability = 'liability' AND occurred_on >= \(bind: w.startDay) AND occurred_on <= \(bind: w.endDay)
            GROUP BY grid_path
            """) { $0.liabilityAccidents += $1 }
        return counts
    }

    private mutating func add(_ path: String, _ change: (inout AssessmentFacts) -> Void) {
        var facts = byPath[path] ?? AssessmentFacts()
        change(&facts)
        byPath[path] = facts
    }

    /// The facts of a unit made of the subtrees of `paths` (overlapping subtrees count once).
    func facts(inAny paths: [String]) -> AssessmentFacts {
        var total = AssessmentFacts()
        for (path, f) in byPath where paths.contains(where: { path.hasPrefix($0) }) {
            total.closed += f.closed; total.closedWithDeadline += f.closedWithDeadline; total.closedOnTime += f.closedOnTime
            total.reworked += f.reworked; total.openDue += f.openDue; total.places += f.places
            total.placesInspected += f.placesInspected; total.reportsReceived += f.reportsReceived
            total.reportsHandled += f.reportsHandled; total.activities += f.activities
            total.liabilityAccidents += f.liabilityAccidents
        }
        return total
    }
}
