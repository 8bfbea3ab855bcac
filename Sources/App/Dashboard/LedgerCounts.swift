import Fluent
import Foundation
import SafeGridDomain
import SQLKit

/// The counts behind the dashboard, taken in SQL over the user's scope (`HazardQuery.scoped`),
/// so a figure never includes a hazard its reader could not open. The arithmetic is
/// `LedgerFigures`; this type only counts.
struct LedgerCounts: Sendable {
    var figures: LedgerFigures
    var byState: [HazardState: Int]
    /// Keyed by the id of the village (or independent grid) a hazard's grid rolls up to.
    var byVillage: [Int: LedgerTally]
    /// Keyed by the id of the township a hazard's grid lies in.
    var byTownship: [Int: LedgerTally]
    var closedThisWeek: Int

    /// Users whose reach is whole subtrees read the running tallies (a few rows per grid);
    /// the others (departments, enterprises, experts: a handful of hazards each) are counted
    /// from the hazards they may see.
    static func load(for user: CurrentUser, today: CivilDate, on db: any Database) async throws -> LedgerCounts {
        let scope = Permissions.hazardScope(user.actor)
        if scope.isEverything { return try await fromTallies(paths: ["/"], today: today, on: db) }
        if let paths = scope.subtreesOnly { return try await fromTallies(paths: paths, today: today, on: db) }
        return try await byCounting(for: user, today: today, on: db)
    }

    static func fromTallies(paths: [String], today: CivilDate, on db: any Database) async throws -> LedgerCounts {
        let sql = db as! any SQLDatabase
        struct TallyRow: Decodable { let path: String; let state: String; let on_time: Int; let n: Int }
        struct LateRow: Decodable { let grid_path: String; let state: String; let n: Int }
        struct Count: Decodable { let n: Int }
        let tallies = try await sql.raw("""
            SELECT g.path AS path, t.state AS state, t.on_time AS on_time, t.n AS n
            FROM hazard_tallies t JOIN grids g ON g.id = t.grid_id
            WHERE t.n <> 0 AND \(subtrees("g.path", paths))
            """).all(decoding: TallyRow.self)
        let late = try await sql.raw("""
            SELECT grid_path, state, COUNT(*) AS n FROM hazards
            WHERE state IN ('rectifying', 'reviewing') AND deadline < \(bind: today.description) AND \(subtrees("grid_path", paths))
            GROUP BY grid_path, state
            """).all(decoding: LateRow.self)
        let weekStart = HazardQuery.startOfDay(LedgerFigures.weekStart(of: today))
        // `grid_path || ''` keeps the planner on the week's range of the closed-at index
        // (the path is then checked inside that index) instead of reading a whole township.
        let closedThisWeek = try await sql.raw("""
            SELECT COUNT(*) AS n FROM hazards WHERE state = 'closed' AND closed_at >= \(bind: weekStart) AND \(subtrees("grid_path || ''", paths))
            """).first(decoding: Count.self)?.n ?? 0

        var total = LedgerTally()
        var byState: [HazardState: Int] = [:]
        var byVillage: [Int: LedgerTally] = [:]
        var byTownship: [Int: LedgerTally] = [:]
        var withDeadline = 0, onTime = 0
        func add(_ part: LedgerTally, path: String) {
            total = total + part
            if let village = LedgerTally.villageId(ofPath: path) { byVillage[village] = (byVillage[village] ?? LedgerTally()) + part }
            if let township = LedgerTally.townshipId(ofPath: path) { byTownship[township] = (byTownship[township] ?? LedgerTally()) + part }
        }
        for row in tallies {
            guard let state = HazardState(rawValue: row.state) else { continue }
            byState[state, default: 0] += row.n
            add(LedgerTally.count(row.n, state: state, pastDeadline: false), path: row.path)
            if state == .closed && row.on_time >= 0 {
                withDeadline += row.n
                if row.on_time == 1 { onTime += row.n }
            }
        }
        for row in late {
            guard let state = HazardState(rawValue: row.state) else { continue }
            // The open count is already in the tallies; add only what lateness adds.
            let whole = LedgerTally.count(row.n, state: state, pastDeadline: true)
            add(LedgerTally(overdue: whole.overdue, openDue: whole.openDue), path: row.grid_path)
        }
        return LedgerCounts(figures: LedgerFigures(tally: total, closedWithDeadline: withDeadline, closedOnTime: onTime),
                            byState: byState, byVillage: byVillage, byTownship: byTownship, closedThisWeek: closedThisWeek)
    }

    /// `(column in subtree 1) OR (column in subtree 2) ...` as path ranges (see `Subtree`).
    private static func subtrees(_ column: String, _ paths: [String]) -> SQLQueryString {
        guard !paths.isEmpty else { return "1 = 0" }
        // Everything: no condition at all, or the planner may walk the whole path index.
        if paths.contains("/") { return "1 = 1" }
        var query: SQLQueryString = "("
        for (i, path) in paths.enumerated() {
            if i > 0 { query += " OR " }
            query += "(\(unsafeRaw: column) >= \(bind: path) AND \(unsafeRaw: column) < \(bind: Subtree.upperBound(path)))"
        }
        query += ")"
        return query
    }

    static func byCounting(for user: CurrentUser, today: CivilDate, on db: any Database) async throws -> LedgerCounts {
        let scoped = try await HazardQuery.scoped(HazardFilter(), for: user, today: today, on: db)
        // One row per (grid, state, past deadline or not): a few hundred rows at most.
        let pastDeadline: SQLQueryString =
            "CASE WHEN hazards.deadline < \(literal: today.description) THEN 1 ELSE 0 END"
        let rows = try await HazardReads.groupedCount(scoped, by: ["grid_path", "state"], extra: [("late", pastDeadline)], on: db)

        var total = LedgerTally()
        var byState: [HazardState: Int] = [:]
        var byVillage: [Int: LedgerTally] = [:]
        var byTownship: [Int: LedgerTally] = [:]
        for row in rows {
            let path = try row.decode(column: "grid_path", as: String.self)
            guard let state = HazardState(rawValue: try row.decode(column: "state", as: String.self)) else { continue }
            let n = try row.decode(column: "n", as: Int.self)
            let part = LedgerTally.count(n, state: state, pastDeadline: try row.decode(column: "late", as: Int.self) == 1)
            total = total + part
            byState[state, default: 0] += n
            if let village = LedgerTally.villageId(ofPath: path) {
                byVillage[village] = (byVillage[village] ?? LedgerTally()) + part
            }
            if let township = LedgerTally.townshipId(ofPath: path) {
                byTownship[township] = (byTownship[township] ?? LedgerTally()) + part
            }
        }

        let weekStart = HazardQuery.startOfDay(LedgerFigures.weekStart(of: today))
        let closedThisWeek = try await HazardReads.count(scoped.and("hazards.state = 'closed' AND hazards.closed_at >= \(bind: weekStart)"), on: db)
        let (withDeadline, onTime) = try await closedOnTime(scoped, on: db)
        return LedgerCounts(figures: LedgerFigures(tally: total, closedWithDeadline: withDeadline, closedOnTime: onTime),
                            byState: byState, byVillage: byVillage, byTownship: byTownship, closedThisWeek: closedThisWeek)
    }

    /// Closed hazards with a deadline, and those closed by it. Deadlines are text days and
    /// closing times instants, and turning one into the other needs dialect-specific SQL;
    /// instead, count per distinct deadline (a few hundred a year) against its first late
    /// instant, in chunks so no statement grows unbounded.
    private static func closedOnTime(_ scoped: HazardSelection, on db: any Database) async throws -> (Int, Int) {
        let closed = scoped.and("hazards.state = 'closed' AND hazards.deadline IS NOT NULL")
        var deadlines: [String] = []
        var withDeadline = 0
        for row in try await HazardReads.groupedCount(closed, by: ["deadline"], on: db) {
            deadlines.append(try row.decode(column: "deadline", as: String.self))
            withDeadline += try row.decode(column: "n", as: Int.self)
        }
        var onTime = 0
        for start in stride(from: 0, to: deadlines.count, by: 100) {
            let chunk = deadlines[start..<min(start + 100, deadlines.count)].compactMap(CivilDate.init(iso:))
            guard !chunk.isEmpty else { continue }
            var any: SQLQueryString = "1 = 0"
            for deadline in chunk {
                let late = HazardQuery.startOfDay(LedgerFigures.firstLateDay(deadline: deadline))
                any += " OR (hazards.deadline = \(bind: deadline.description) AND hazards.closed_at < \(bind: late))"
            }
            onTime += try await HazardReads.count(closed.and(any), on: db)
        }
        return (withDeadline, onTime)
    }
}
