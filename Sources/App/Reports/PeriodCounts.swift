import Fluent
import Foundation
import SafeGridDomain
import SQLKit

/// The instants and days that bound a reporting period. Figures about what is still open
/// are taken "as at" the end of the period, or now while the period runs.
struct PeriodWindow: Sendable {
    let period: ReportPeriod
    /// Midnight (China time) starting the first day, and the one after the last day.
    let from: Date
    let until: Date
    let asOf: Date
    /// The day of `asOf`: a deadline before it has passed.
    let asOfDay: CivilDate

    init(_ period: ReportPeriod, now: Date) {
        self.period = period
        from = HazardQuery.startOfDay(period.start)
        until = HazardQuery.startOfDay(period.end.adding(days: 1))
        asOf = min(now, until)
        asOfDay = CivilDate(asOf)
    }

    /// The day a bulletin states as 「截至」: the period's last day once it has ended (its counts
    /// are taken at midnight after it), else today.
    var statedDay: CivilDate { asOf >= until ? period.end : asOfDay }

    var startDay: String { period.start.description }
    var endDay: String { period.end.description }
}

/// SQL pieces shared by the bulletin and assessment counts.
enum PeriodSQL {
    /// `column` in the subtree of `path`, as a range the path indexes serve (`Subtree`).
    static func subtree(_ column: String, _ path: String) -> SQLQueryString {
        if path == "/" { return "1 = 1" }
        return "\(unsafeRaw: column) >= \(bind: path) AND \(unsafeRaw: column) < \(bind: Subtree.upperBound(path))"
    }

    /// Hazards open at `asOf`: found before it, not voided, not closed before it.
    static func openAt(_ w: PeriodWindow) -> SQLQueryString {
        "state <> 'voided' AND discovered_at < \(bind: w.asOf) AND (closed_at IS NULL OR closed_at >= \(bind: w.asOf))"
    }
}

/// Counts for one bulletin: everything in the subtree of `path` during the window.
enum BulletinCounts {
    struct OverdueRow: Codable, Sendable, Equatable {
        let id: Int
        let number: String
        let title: String
        let grid: String
        let deadline: String
        let grade: String
    }

    static func load(path: String, window w: PeriodWindow, on db: any Database) async throws -> (BulletinFacts, [OverdueRow]) {
        let sql = db as! any SQLDatabase
        var facts = BulletinFacts()
        let inHazards = PeriodSQL.subtree("grid_path", path)

        // Finished inspections only, each in its own figure (InspectionKind.countedAs).
        struct Visits: Decodable { let kind: String; let place_category: String; let night: Int; let n: Int }
        for row in try await sql.raw("""
            SELECT kind, place_category, CASE WHEN night THEN 1 ELSE 0 END AS night, COUNT(*) AS n FROM inspections
            WHERE \(PeriodSQL.subtree("grid_path", path)) AND ended_at IS NOT NULL
                AND started_at >= \(bind: w.from) AND started_at < \(bind: w.until)
            GROUP BY kind, place_category, night
            """).all(decoding: Visits.self) {
            switch InspectionKind(rawValue: row.kind)?.countedAs {
            case .office?:
                if let category = PlaceCategory(rawValue: row.place_category) { facts.visits[category, default: 0] += row.n }
                if row.night == 1 { facts.nightChecks += row.n }
            case .selfInspection?: facts.selfInspections += row.n
            case .expert?: facts.expertInspections += row.n
            case nil: break
            }
        }

        struct Graded: Decodable { let grade: String; let n: Int }
        for row in try await sql.raw("""
            SELECT grade, COUNT(*) AS n FROM hazards
            WHERE \(inHazards) AND state <> 'voided' AND discovered_at >= \(bind: w.from) AND discovered_at < \(bind: w.until)
            GROUP BY grade
            """).all(decoding: Graded.self) {
            facts.hazardsFound += row.n
            if row.grade == HazardGrade.major.rawValue { facts.majorFound += row.n }
        }
        struct Count: Decodable { let n: Int }
        facts.hazardsRectified = try await sql.raw("""
            SELECT COUNT(*) AS n FROM hazards
            WHERE \(inHazards) AND state = 'closed' AND closed_at >= \(bind: w.from) AND closed_at < \(bind: w.until)
            """).first(decoding: Count.self)?.n ?? 0

        struct Open: Decodable { let grade: String; let late: Int; let n: Int }
        for row in try await sql.raw("""
            SELECT grade, CASE WHEN deadline < \(bind: w.asOfDay.description) THEN 1 ELSE 0 END AS late, COUNT(*) AS n FROM hazards
            WHERE \(inHazards) AND \(PeriodSQL.openAt(w))
            GROUP BY grade, late
            """).all(decoding: Open.self) {
            facts.hazardsOpen += row.n
            if row.late == 1 { facts.hazardsOverdue += row.n }
            if row.grade == HazardGrade.major.rawValue { facts.majorOpen += row.n }
        }
        let overdue = try await sql.raw("""
            SELECT h.id AS id, h.number AS number, h.title AS title, g.name AS grid, h.deadline AS deadline, h.grade AS grade
            FROM hazards h JOIN grids g ON g.id = h.grid_id
            WHERE \(PeriodSQL.subtree("h.grid_path", path)) AND h.state <> 'voided' AND h.discovered_at < \(bind: w.asOf)
              AND (h.closed_at IS NULL OR h.closed_at >= \(bind: w.asOf)) AND h.deadline < \(bind: w.asOfDay.description)
            ORDER BY h.deadline, h.id LIMIT 100
            """).all(decoding: OverdueRow.self)

        let inRegisters = PeriodSQL.subtree("grid_path", path)
        facts.reportsReceived = try await sql.raw("""
            SELECT COUNT(*) AS n FROM public_reports WHERE \(inRegisters) AND received_on >= \(bind: w.startDay) AND received_on <= \(bind: w.endDay)
            """).first(decoding: Count.self)?.n ?? 0
        facts.reportsHandled = try await sql.raw("""
            SELECT COUNT(*) AS n FROM public_reports WHERE \(inRegisters) AND handled_on >= \(bind: w.startDay) AND handled_on <= \(bind: w.endDay)
            """).first(decoding: Count.self)?.n ?? 0

        // PostgreSQL sums bigint columns as numeric; the cast keeps the sum an integer on both engines.
        struct Kind: Decodable { let kind: String; let n: Int; let people: Int }
        for row in try await sql.raw("""
            SELECT kind, COUNT(*) AS n, CAST(COALESCE(SUM(people), 0) AS BIGINT) AS people FROM activities
            WHERE \(inRegisters) AND voided_at IS NULL AND held_on >= \(bind: w.startDay) AND held_on <= \(bind: w.endDay) GROUP BY kind
            """).all(decoding: Kind.self) {
            if let kind = ActivityKind(rawValue: row.kind) { facts.activities[kind] = ActivityTally(count: row.n, people: row.people) }
        }
        struct Liability: Decodable { let liability: String; let n: Int }
        for row in try await sql.raw("""
            SELECT liability, COUNT(*) AS n FROM accidents
            WHERE \(inRegisters) AND voided_at IS NULL AND occurred_on >= \(bind: w.startDay) AND occurred_on <= \(bind: w.endDay) GROUP BY liability
            """).all(decoding: Liability.self) {
            facts.accidents += row.n
            if row.liability == AccidentLiability.liability.rawValue { facts.liabilityAccidents += row.n }
        }
        return (facts, overdue)
    }
}
