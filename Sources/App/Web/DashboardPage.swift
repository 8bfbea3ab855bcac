import Fluent
import SafeGridDomain
import SQLKit
import Vapor

/// `GET /`: the state of the ledger in the user's scope.
struct DashboardPage: Encodable {
    let page: PageContext
    let states: [Stat]
    let figures: [Stat]
    let majors: [HazardRow]
    let villages: [VillageRow]

    struct Stat: Encodable {
        let label: String
        let value: String
        let href: String?
        var alert = false
        var hint: String?
    }

    struct VillageRow: Encodable {
        let name: String
        let kind: String
        let href: String
        let open: Int
        let overdue: Int
        let closed: Int
        let closureRate: String
    }

    static func build(_ req: Request) async throws -> DashboardPage {
        let user = try req.currentUser()
        let t = Texts(req)
        let today = CivilDate(req.now)
        let db = req.db
        let data = try await req.application.dashboardCache.data(for: DashboardCache.key(for: user.actor, today: today)) {
            try await load(for: user, today: today, on: db)
        }
        let counts = data.counts
        let none = t("dashboard.no_data")

        let states = HazardState.allCases.filter(\.isOpen).map { state in
            Stat(label: t.label("state", state), value: "\(counts.byState[state] ?? 0)", href: "/hazards?state=\(state.rawValue)")
        }
        let f = counts.figures
        let figures = [
            Stat(label: t("dashboard.overdue"), value: "\(f.tally.overdue)", href: "/hazards?overdue=true", alert: f.tally.overdue > 0),
            // No link: the ledger filters by the day found, not the day closed, so no list matches this count.
            Stat(label: t("dashboard.closed_this_week"), value: "\(counts.closedThisWeek)", href: nil),
            Stat(label: t("dashboard.closure_rate"), value: f.closureRate?.description ?? none, href: nil,
                 hint: t("dashboard.closure_rate_formula", "\(f.tally.closed)", "\(f.tally.closed + f.tally.openDue)")),
            Stat(label: t("dashboard.on_time_rate"), value: f.onTimeRate?.description ?? none, href: nil,
                 hint: t("dashboard.on_time_rate_formula", "\(f.closedOnTime)", "\(f.closedWithDeadline)")),
        ]
        let villages = data.villages.map { grid in
            let tally = counts.byVillage[grid.id] ?? LedgerTally()
            let kind = grid.level == .village ? t.label("kind", grid.kind) : t.label("level", grid.level)
            return VillageRow(name: grid.name, kind: kind, href: "/hazards?gridId=\(grid.id)", open: tally.open,
                              overdue: tally.overdue, closed: tally.closed, closureRate: tally.closureRate?.description ?? none)
        }
        return DashboardPage(page: PageContext(req, title: t("dashboard.title")), states: states, figures: figures,
                             majors: data.majors.map { HazardRow($0, today: today, t: t) }, villages: villages)
    }

    /// Counts, the twenty open major hazards due first, and the villages: four to six statements,
    /// none of them per row, and no Fluent model decoded.
    static func load(for user: CurrentUser, today: CivilDate, on db: any Database) async throws -> DashboardData {
        let counts = try await LedgerCounts.load(for: user, today: today, on: db)
        var filter = HazardFilter()
        filter.grade = .major
        filter.states = HazardState.allCases.filter(\.isOpen)
        filter.sort = .deadline
        filter.descending = false
        let majors = try await HazardReads.page(try await HazardQuery.scoped(filter, for: user, today: today, on: db),
                                                offset: 0, limit: 20, names: true)
        return DashboardData(counts: counts, majors: majors, villages: try await villages(counts, user: user, on: db))
    }

    /// Every village and independent grid in scope, also those without hazards (a clean
    /// village is news too), plus any grid the counts roll up to that lies outside them.
    private static func villages(_ counts: LedgerCounts, user: CurrentUser, on db: any Database) async throws -> [DashboardData.VillageGrid] {
        let sql = db as! any SQLDatabase
        func read(_ select: SQLSelect) async throws -> [DashboardData.VillageGrid] {
            var select = select
            select.columns = ["id", "code", "name", "level", "kind"].map { SQLColumn($0, table: GridRecord.schema) }
            select.orderBy = []
            let builder = SQLSelectBuilder(on: sql)
            builder.select = select
            return try await builder.all().map { row in
                DashboardData.VillageGrid(
                    id: try row.decode(column: "id", as: Int.self), code: try row.decode(column: "code", as: String.self),
                    name: try row.decode(column: "name", as: String.self), level: try row.decode(column: "level", as: GridLevel.self),
                    kind: try row.decode(column: "kind", as: GridKind.self))
            }
        }
        var grids: [DashboardData.VillageGrid] = []
        if !(user.actor.scopePaths.isEmpty && user.role != .admin) {
            grids = try await read(try GridQuery.visible(to: user.actor, on: db).filter(\.$level == .village).sqlSelect())
        }
        let outside = Set(counts.byVillage.keys).subtracting(grids.map(\.id))
        if !outside.isEmpty {
            grids += try await read(try GridRecord.query(on: db).filter(\.$id ~~ Array(outside)).sqlSelect())
        }
        return grids.sorted { $0.code < $1.code }
    }
}
