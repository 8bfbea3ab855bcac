import Fluent
import SafeGridDomain
import SQLKit
import Vapor

/// `GET /`: the state of the ledger in the user's scope.
struct DashboardPage {
    let page: PageContext
    let states: [Stat]
    let figures: [Stat]
    let majors: [HazardLine]
    /// Townships for readers of several, otherwise villages (`DashboardRows`).
    let unitsTitle: String
    let unitColumn: String
    let noUnits: String
    let units: [UnitRow]
    /// For administrators: the last verification of the trail found a break.
    let trailAlert: String?
    /// For administrators: days ahead whose working status is only provisional.
    let calendarAlert: String?

    struct Stat: Encodable {
        let label: String
        let value: String
        let href: String?
        var alert = false
        var hint: String?
    }

    struct UnitRow: Encodable {
        let name: String
        let kind: String
        let href: String
        let open: Int
        let overdue: Int
        let closed: Int
        let closureRate: String
    }

    /// The trail's last verification, shown to administrators when it failed.
    /// Administrators are told when the next 90 days reach a year without its official notice.
    static func calendarAlert(_ user: CurrentUser, t: Texts, _ req: Request) async throws -> String? {
        guard CalendarPermissions.mayEnter(user.actor),
              let first = try await req.workCalendar().firstProvisional(from: CivilDate(req.now), days: CalendarWarning.days) else { return nil }
        return t("dashboard.calendar_provisional", first.description, "\(first.year)")
    }

    static func trailAlert(_ user: CurrentUser, t: Texts, on db: any Database) async throws -> String? {
        guard TrailPermissions.maySeeVerification(user.actor), let check = try await TrailVerifier.latest(on: db), !check.ok else { return nil }
        // Checks kept before migration 020 have only the English message.
        let said = check.problems.isEmpty ? check.message : t.list(check.problems.map { p in
            t("trail.chain." + p.chain) + t("punct.colon") + Catalogue.text(p.key, t.locale, p.args)
        })
        return t("dashboard.trail_broken", WebFormat.dateTime(check.at), said)
    }

    static func build(_ req: Request) async throws -> DashboardPage {
        let user = try req.currentUser()
        let t = Texts(req)
        let today = CivilDate(req.now)
        // Loads run on the background connections: a reload behind the readers must not hold
        // the connection their own requests read from.
        let db = req.backgroundDB
        let data = try await req.application.dashboardCache.data(for: DashboardCache.key(for: user.actor, today: today)) {
            try await load(for: user, today: today, on: db)
        }
        let counts = data.counts
        let none = t("dashboard.no_data")

        let states = HazardState.allCases.filter(\.isOpen).map { state in
            Stat(label: t.label("state", state), value: "\(counts.byState[state] ?? 0)", href: SiteURL.hazards.with(query: "state=\(state.rawValue)"))
        }
        let f = counts.figures
        let figures = [
            Stat(label: t("dashboard.overdue"), value: "\(f.tally.overdue)", href: SiteURL.hazards.with(query: "overdue=true"), alert: f.tally.overdue > 0),
            // No link: the ledger filters by the day found, not the day closed, so no list matches this count.
            Stat(label: t("dashboard.closed_this_week"), value: "\(counts.closedThisWeek)", href: nil),
            Stat(label: t("dashboard.closure_rate"), value: f.closureRate?.description ?? none, href: nil,
                 hint: t("dashboard.closure_rate_formula", "\(f.tally.closed)", "\(f.tally.closed + f.tally.openDue)")),
            Stat(label: t("dashboard.on_time_rate"), value: f.onTimeRate?.description ?? none, href: nil,
                 hint: t("dashboard.on_time_rate_formula", "\(f.closedOnTime)", "\(f.closedWithDeadline)")),
        ]
        let byUnit = data.rows == .townships ? counts.byTownship : counts.byVillage
        let units = data.units.map { grid in
            let tally = byUnit[grid.id] ?? LedgerTally()
            let kind = grid.level == .village ? t.label("kind", grid.kind) : t.label("level", grid.level)
            return UnitRow(name: grid.name, kind: kind, href: SiteURL.hazards.with(query: "gridId=\(grid.id)"), open: tally.open,
                           overdue: tally.overdue, closed: tally.closed, closureRate: tally.closureRate?.description ?? none)
        }
        let townships = data.rows == .townships
        let calendar = try await req.workCalendar()
        return DashboardPage(page: PageContext(req, title: t("dashboard.title")), states: states, figures: figures,
                             majors: data.majors.map { HazardLine($0, today: today, calendar: calendar, t: t) },
                             unitsTitle: t(townships ? "dashboard.townships" : "dashboard.villages"),
                             unitColumn: t(townships ? "dashboard.township" : "dashboard.village"),
                             noUnits: t(townships ? "dashboard.no_townships" : "dashboard.no_villages"), units: units,
                             trailAlert: try await trailAlert(user, t: t, on: req.db),
                             calendarAlert: try await calendarAlert(user, t: t, req))
    }

    /// Counts, the twenty open major hazards due first, and the townships or villages: four to
    /// six statements, none of them per row, and no Fluent model decoded.
    static func load(for user: CurrentUser, today: CivilDate, on db: any Database) async throws -> DashboardData {
        let counts = try await LedgerCounts.load(for: user, today: today, on: db)
        var filter = HazardFilter()
        filter.grade = .major
        filter.states = HazardState.allCases.filter(\.isOpen)
        filter.sort = .deadline
        filter.descending = false
        let majors = try await HazardReads.page(try await HazardQuery.scoped(filter, for: user, today: today, on: db),
                                                offset: 0, limit: 20, names: true, on: db)
        let rows = DashboardRows.of(user.actor)
        return DashboardData(counts: counts, majors: majors, rows: rows, units: try await units(rows, counts, user: user, on: db))
    }

    /// Every township, or every village and independent grid, in scope, also those without
    /// hazards (a clean village is news too), plus any grid the counts roll up to that lies
    /// outside them.
    private static func units(_ rows: DashboardRows, _ counts: LedgerCounts, user: CurrentUser,
                              on db: any Database) async throws -> [DashboardData.UnitGrid] {
        let sql = db as! any SQLDatabase
        func read(_ select: SQLSelect) async throws -> [DashboardData.UnitGrid] {
            var select = select
            select.columns = ["id", "code", "name", "level", "kind"].map { SQLColumn($0, table: GridRecord.schema) }
            select.orderBy = []
            let builder = SQLSelectBuilder(on: sql)
            builder.select = select
            return try await builder.all().map { row in
                DashboardData.UnitGrid(
                    id: try row.decode(column: "id", as: Int.self), code: try row.decode(column: "code", as: String.self),
                    name: try row.decode(column: "name", as: String.self), level: try row.decode(column: "level", as: GridLevel.self),
                    kind: try row.decode(column: "kind", as: GridKind.self))
            }
        }
        let level: GridLevel = rows == .townships ? .township : .village
        var grids: [DashboardData.UnitGrid] = []
        if !(user.actor.scopePaths.isEmpty && !user.actor.seesEverything) {
            grids = try await read(try GridQuery.visible(to: user.actor, on: db).filter(\.$level == level).sqlSelect())
        }
        let counted = rows == .townships ? counts.byTownship : counts.byVillage
        let outside = Set(counted.keys).subtracting(grids.map(\.id))
        if !outside.isEmpty {
            grids += try await read(try GridRecord.query(on: db).filter(\.$id ~~ Array(outside)).sqlSelect())
        }
        return grids.sorted { $0.code < $1.code }
    }
}
