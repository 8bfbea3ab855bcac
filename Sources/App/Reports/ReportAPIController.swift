import Fluent
import SafeGridDomain
import Vapor

/// `/api/v1/assessments` (平安考核) and `/api/v1/bulletins` (日调度、周通报、月例会).
struct ReportAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("assessments", use: assessment)
        routes.get("assessments", "history", use: history)
        routes.get("assessments", "indicator-sets", use: indicatorSets)
        routes.post("assessments", "indicator-sets", use: createIndicatorSet)
        routes.get("bulletins", use: bulletins)
        routes.post("bulletins", use: generate)
        routes.get("bulletins", ":bulletinID", use: bulletin)
    }

    func assessment(req: Request) async throws -> AssessmentDTO {
        let user = try req.currentUser()
        guard RegisterPermissions.mayViewAssessment(user.actor) else { throw SafeGridError.forbidden }
        let period = try ReportScope.period(req.query[String.self, at: "period"], allowCustom: false)
        var errors = FieldErrors()
        let target = req.query[String.self, at: "target"].map { Choice.parse(AssessmentTarget.self, $0, "target", &errors) } ?? .village
        try errors.throwIfAny()
        let grid = try await ReportScope.grid(try req.queryInt("gridId"), for: user, on: req.db)
        let (set, units) = try await AssessmentService(db: req.db, now: req.now).ranking(root: grid, period: period, target: target!)
        return AssessmentDTO(period: period.code, periodKind: period.kind, start: period.start.description, end: period.end.description,
                             gridId: try grid.requireID(), gridName: grid.name, target: target!, indicatorSet: IndicatorSetDTO(set),
                             units: units.map(AssessmentUnitDTO.init))
    }

    func history(req: Request) async throws -> AssessmentHistoryDTO {
        let user = try req.currentUser()
        guard RegisterPermissions.mayViewAssessment(user.actor) else { throw SafeGridError.forbidden }
        let period = try ReportScope.period(req.query[String.self, at: "period"], allowCustom: false)
        let count = try req.queryInt("count", in: 1...24) ?? 6
        let grid = try await ReportScope.grid(try req.queryInt("gridId"), for: user, on: req.db)
        let items = try await AssessmentService(db: req.db, now: req.now).history(grid: grid, periods: period.history(count))
        return AssessmentHistoryDTO(gridId: try grid.requireID(), gridName: grid.name, items: items.map { period, r in
            .init(period: period.code, score: r.score, points: r.score.map(Assessment.points), grade: r.grade, vetoed: r.vetoed, setVersion: r.setVersion)
        })
    }

    func indicatorSets(req: Request) async throws -> [IndicatorSetDTO] {
        let user = try req.currentUser()
        guard RegisterPermissions.mayViewAssessment(user.actor) else { throw SafeGridError.forbidden }
        let service = AssessmentService(db: req.db, now: req.now)
        var list: [IndicatorSetDTO] = []
        for target in AssessmentTarget.allCases {
            for kind in PeriodKind.allCases where kind != .custom { list.append(IndicatorSetDTO(try await service.indicatorSet(target, kind))) }
        }
        return list
    }

    /// A new version of a set; earlier results keep naming the version they used.
    func createIndicatorSet(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let body = try req.content.decode(IndicatorSetRequest.self)
        let set = try await AssessmentService(db: req.db, now: req.now).saveIndicatorSet(body, by: user, writes: req.application.writePath)
        return try await IndicatorSetDTO(set).encodeResponse(status: .created, for: req)
    }

    func bulletins(req: Request) async throws -> ListResponse<BulletinSummaryDTO> {
        let user = try req.currentUser()
        guard RegisterPermissions.mayViewAssessment(user.actor) else { throw SafeGridError.forbidden }
        let page = try Page(query: req.query)
        let query = BulletinRecord.query(on: req.db)
        if !user.actor.seesEverything { query.filter(\.$gridPath, inAnySubtree: user.actor.scopePaths) }
        if let gridId = try req.queryInt("gridId") { query.filter(\.$grid.$id == gridId) }
        let total = try await query.copy().count()
        let rows = try await query.sort(\.$startOn, .descending).sort(\.$id, .descending).range(page.offset..<(page.offset + page.limit)).all()
        return ListResponse(items: rows.map(BulletinSummaryDTO.init), total: total, limit: page.limit, offset: page.offset)
    }

    func generate(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let body = try req.content.decode(BulletinRequest.self)
        let period = try ReportScope.period(body.period, allowCustom: true)
        let grid = try await ReportScope.grid(body.gridId, for: user, on: req.db)
        guard RegisterPermissions.mayGenerateBulletin(user.actor, gridPath: grid.path) else { throw SafeGridError.forbidden }
        let record = try await BulletinService(db: req.db, now: req.now, writes: req.application.writePath).generate(grid: grid, period: period, by: user.id)
        record.$grid.value = grid
        return try await BulletinDTO(record).encodeResponse(status: .created, for: req)
    }

    func bulletin(req: Request) async throws -> BulletinDTO {
        BulletinDTO(try await ReportScope.bulletin(req.id("bulletinID"), for: try req.currentUser(), on: req.db))
    }
}

/// Reading the period and grid of a report request, with the scoping rules of the hazards:
/// a grid outside the user's reach does not exist for them.
enum ReportScope {
    static func period(_ raw: String?, allowCustom: Bool) throws -> ReportPeriod {
        guard let raw, !raw.isEmpty else { throw SafeGridError.invalid(field: "period", "error.field.required") }
        guard let period = ReportPeriod(code: raw), allowCustom || period.kind != .custom else {
            throw SafeGridError.invalid(field: "period", "error.report.period")
        }
        return period
    }

    /// The given grid if the user reaches it; otherwise the user's first grid (an admin's: the district).
    static func grid(_ id: Int?, for user: CurrentUser, on db: any Database) async throws -> GridRecord {
        if let id {
            guard let grid = try await GridRecord.find(id, on: db), user.actor.covers(gridPath: grid.path) else { throw SafeGridError.notFound }
            return grid
        }
        if let first = user.gridIds.first, let grid = try await GridRecord.find(first, on: db) { return grid }
        if user.actor.seesEverything, let root = try await GridRecord.query(on: db).filter(\.$parent.$id == nil).sort(\.$id).first() { return root }
        throw SafeGridError.invalid(field: "gridId", "error.field.required")
    }

    static func bulletin(_ id: Int, for user: CurrentUser, on db: any Database) async throws -> BulletinRecord {
        guard RegisterPermissions.mayViewAssessment(user.actor),
              let record = try await BulletinRecord.query(on: db).filter(\.$id == id).with(\.$grid).first(),
              user.actor.covers(gridPath: record.gridPath) else { throw SafeGridError.notFound }
        return record
    }
}
