import Fluent
import SafeGridDomain
import Vapor

/// `/api/v1/my-tasks`, `/api/v1/coverage` and `/api/v1/patrol-frequencies`.
struct PatrolAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("my-tasks", use: myTasks)
        routes.get("coverage", use: coverage)
        routes.get("patrol-frequencies", use: frequencies)
        routes.put("patrol-frequencies", use: updateFrequencies)
    }

    func myTasks(req: Request) async throws -> MyTasksDTO {
        try await PatrolReports.myTasks(req, user: try req.currentUser())
    }

    func coverage(req: Request) async throws -> CoverageDTO {
        try await PatrolReports.coverage(req, user: try req.currentUser())
    }

    func frequencies(req: Request) async throws -> PatrolFrequenciesDTO {
        _ = try req.currentUser()
        return PatrolFrequenciesDTO(try await PatrolFrequencyRecord.schedule(on: req.db))
    }

    func updateFrequencies(req: Request) async throws -> PatrolFrequenciesDTO {
        let user = try req.currentUser()
        let schedule = try req.content.decode(PatrolFrequenciesDTO.self).schedule
        try await PatrolFrequencyService.save(schedule, by: user.actor, on: req)
        return PatrolFrequenciesDTO(schedule)
    }
}

/// "My tasks" and coverage, shared by the API and the pages.
enum PatrolReports {
    /// Places in the user's grids due within `days` (default 7) or overdue, most urgent first.
    static func myTasks(_ req: Request, user: CurrentUser) async throws -> MyTasksDTO {
        var errors = FieldErrors()
        var horizon = 7
        if let raw = try? req.query.get(String.self, at: "days"), !raw.isEmpty {
            if let n = Int(raw), (0...366).contains(n) { horizon = n } else { errors.add("days", "error.field.invalid") }
        }
        let path = try await subtree(req, user: user, errors: &errors)
        try errors.throwIfAny()
        let today = CivilDate(req.now)
        let patrol = try await PatrolQuery.make(req)
        let facts = try await patrol.places(for: user.actor, inSubtree: path, before: req.now.addingTimeInterval(1))
        let byId = Dictionary(uniqueKeysWithValues: facts.map { ($0.place.id ?? 0, $0) })
        let tasks = facts.map {
            PatrolTask(placeId: $0.place.id ?? 0, due: patrol.due($0), riskLevel: $0.place.riskLevel, lastInspected: $0.lastVisit)
        }
        let list = PatrolTasks.list(tasks, today: today, horizon: horizon)
        let items = list.map { task -> PatrolTaskDTO in
            let place = byId[task.placeId]!.place
            return PatrolTaskDTO(placeId: task.placeId, placeName: place.name, placeCategory: place.category, gridId: place.$grid.id,
                                 riskLevel: task.riskLevel, lastInspectedOn: task.lastInspected, dueOn: task.due,
                                 overdue: task.isOverdue(today: today), daysLate: task.daysLate(today: today),
                                 workdaysLate: task.workdaysLate(today: today, calendar: patrol.calendar),
                                 interval: patrol.schedule.interval(for: task.riskLevel))
        }
        return MyTasksDTO(today: today, horizonDays: horizon, overdueCount: items.filter(\.overdue).count, items: items)
    }

    /// On-time coverage over `from`–`to` (default: this month up to today) for the user's
    /// scope or one subtree of it: a total, a row per child grid and a row per grid worker.
    static func coverage(_ req: Request, user: CurrentUser) async throws -> CoverageDTO {
        guard InspectionRules.mayViewCoverage(user.actor) else { throw SafeGridError.forbidden }
        var errors = FieldErrors()
        let today = CivilDate(req.now)
        func day(_ name: String) -> CivilDate? {
            guard let raw = try? req.query.get(String.self, at: name), !raw.isEmpty else { return nil }
            guard let value = CivilDate(iso: raw) else { errors.add(name, "error.field.date"); return nil }
            return value
        }
        let from = day("from") ?? today.firstOfMonth
        let through = min(day("to") ?? today, today)
        if from > through { errors.add("from", "error.coverage.range") }
        let path = try await subtree(req, user: user, errors: &errors)
        try errors.throwIfAny()

        let patrol = try await PatrolQuery.make(req)
        let facts = try await patrol.places(for: user.actor, inSubtree: path, before: from.start())
        let firstVisits = try await patrol.visits(of: facts.compactMap(\.place.id), from: from.start(),
                                                  before: through.adding(days: 1).start(), aggregate: "MIN")
        let outcomes: [(path: String, outcome: CoverageOutcome)] = facts.map {
            ($0.place.gridPath, PatrolCoverage.outcome(due: patrol.due($0), firstVisit: firstVisits[$0.place.id ?? 0].map { CivilDate($0) },
                                                        through: through, today: today))
        }
        func figures(_ roots: [String]) -> CoverageFigures {
            var f = CoverageFigures()
            for row in outcomes where roots.contains(where: { GridRules.isInSubtree(path: row.path, of: $0) }) { f.add(row.outcome) }
            return f
        }
        var total = CoverageFigures()
        outcomes.forEach { total.add($0.outcome) }

        let roots = try await rootGrids(path: path, user: user, on: req.db)
        let children = try await GridRecord.query(on: req.db).filter(\.$parent.$id ~~ roots.compactMap(\.id)).sort(\.$code).all()
        let gridRows = children.map { CoverageRowDTO(gridId: $0.id, name: $0.name, figures([$0.path])) }

        let scopePaths = path.map { [$0] } ?? (user.actor.seesEverything ? ["/"] : user.actor.scopePaths)
        let workers = try await UserRecord.query(on: req.db).filter(\.$role == .gridWorker).filter(\.$active == true).sort(\.$displayName).all()
        let links = try await UserGridRecord.query(on: req.db).filter(\.$user.$id ~~ workers.compactMap(\.id)).with(\.$grid).all()
        let workerRows: [CoverageRowDTO] = workers.compactMap { worker in
            let paths = links.filter { $0.$user.id == worker.id }.map(\.grid.path)
                .filter { p in scopePaths.contains { GridRules.isInSubtree(path: p, of: $0) } }
            return paths.isEmpty ? nil : CoverageRowDTO(userId: worker.id, name: worker.displayName, figures(paths))
        }
        let totalName = roots.count == 1 ? roots[0].name : Catalogue.text("coverage.total", AppLocale.of(req))
        return CoverageDTO(from: from, through: through, total: CoverageRowDTO(name: totalName, total), grids: gridRows, workers: workerRows)
    }

    /// `gridId` narrows to a subtree the user covers; nil means the whole scope.
    static func subtree(_ req: Request, user: CurrentUser, errors: inout FieldErrors) async throws -> String? {
        guard let raw = try? req.query.get(String.self, at: "gridId"), !raw.isEmpty else { return nil }
        guard let id = Int(raw), let grid = try await GridRecord.find(id, on: req.db), user.actor.covers(gridPath: grid.path) else {
            errors.add("gridId", "error.field.unknown_grid")
            return nil
        }
        return grid.path
    }

    /// The grids whose children make the rows: the chosen one, or the user's own grids.
    static func rootGrids(path: String?, user: CurrentUser, on db: any Database) async throws -> [GridRecord] {
        if let path { return try await GridRecord.query(on: db).filter(\.$path == path).all() }
        if user.actor.seesEverything { return try await GridRecord.query(on: db).filter(\.$parent.$id == nil).all() }
        return try await GridRecord.query(on: db).filter(\.$id ~~ user.gridIds).all()
    }
}
