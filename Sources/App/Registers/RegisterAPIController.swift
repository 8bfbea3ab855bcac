import Fluent
import SafeGridDomain
import Vapor

/// `/api/v1/activities`, `/api/v1/accidents`, `/api/v1/public-reports`: the registers of
/// safety activities, accidents and public reports (群众举报).
struct RegisterAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("activities", use: activities)
        routes.post("activities", use: createActivity)
        routes.patch("activities", ":activityID", use: correctActivity)
        routes.post("activities", ":activityID", "void", use: voidActivity)
        routes.get("accidents", use: accidents)
        routes.post("accidents", use: createAccident)
        routes.patch("accidents", ":accidentID", use: correctAccident)
        routes.post("accidents", ":accidentID", "void", use: voidAccident)
        routes.get("public-reports", use: reports)
        routes.post("public-reports", use: createReport)
        routes.patch("public-reports", ":reportID", use: updateReport)
    }

    func activities(req: Request) async throws -> ListResponse<ActivityDTO> {
        let actor = try req.currentUser().actor
        let query = try await RegisterQuery.filtered(
            try RegisterQuery.scoped(ActivityRecord.query(on: req.db), path: \.$gridPath, actor: actor), req.query,
            path: \.$gridPath, day: \.$heldOn, on: req.db)
        if let kind = try RegisterQuery.choice(ActivityKind.self, req.query, "kind") { query.filter(\.$kind == kind) }
        return try await page(req, query.with(\.$grid).sort(\.$heldOn, .descending), map: ActivityDTO.init)
    }

    func createActivity(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let record = try await service(req).saveActivity(try req.content.decode(ActivityRequest.self), existing: nil, by: user.actor)
        return try await ActivityDTO(record).encodeResponse(status: .created, for: req)
    }

    /// `PATCH /activities/{id}`: corrects an entry; fields left out keep their value.
    func correctActivity(req: Request) async throws -> ActivityDTO {
        let user = try req.currentUser()
        let record = try await RegisterQuery.entry(ActivityRecord.self, try req.id("activityID"), for: user.actor, on: req.db)
        return ActivityDTO(try await service(req).saveActivity(try req.content.decode(ActivityRequest.self), existing: record, by: user.actor))
    }

    func voidActivity(req: Request) async throws -> ActivityDTO {
        let user = try req.currentUser()
        let record = try await RegisterQuery.entry(ActivityRecord.self, try req.id("activityID"), for: user.actor, on: req.db)
        try await service(req).void(record, reason: try req.content.decode(VoidRequest.self).reason, by: user.actor)
        return ActivityDTO(record)
    }

    func correctAccident(req: Request) async throws -> AccidentDTO {
        let user = try req.currentUser()
        let record = try await RegisterQuery.entry(AccidentRecord.self, try req.id("accidentID"), for: user.actor, on: req.db)
        return AccidentDTO(try await service(req).saveAccident(try req.content.decode(AccidentRequest.self), existing: record, by: user.actor))
    }

    func voidAccident(req: Request) async throws -> AccidentDTO {
        let user = try req.currentUser()
        let record = try await RegisterQuery.entry(AccidentRecord.self, try req.id("accidentID"), for: user.actor, on: req.db)
        try await service(req).void(record, reason: try req.content.decode(VoidRequest.self).reason, by: user.actor)
        return AccidentDTO(record)
    }

    func accidents(req: Request) async throws -> ListResponse<AccidentDTO> {
        let actor = try req.currentUser().actor
        let query = try await RegisterQuery.filtered(
            try RegisterQuery.scoped(AccidentRecord.query(on: req.db), path: \.$gridPath, actor: actor), req.query,
            path: \.$gridPath, day: \.$occurredOn, on: req.db)
        if let liability = try RegisterQuery.choice(AccidentLiability.self, req.query, "liability") { query.filter(\.$liability == liability) }
        return try await page(req, query.with(\.$grid).sort(\.$occurredOn, .descending), map: AccidentDTO.init)
    }

    func createAccident(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let record = try await service(req).saveAccident(try req.content.decode(AccidentRequest.self), by: user.actor)
        return try await AccidentDTO(record).encodeResponse(status: .created, for: req)
    }

    func reports(req: Request) async throws -> ListResponse<PublicReportDTO> {
        let actor = try req.currentUser().actor
        let query = try await RegisterQuery.filtered(
            try RegisterQuery.scoped(PublicReportRecord.query(on: req.db), path: \.$gridPath, actor: actor), req.query,
            path: \.$gridPath, day: \.$receivedOn, on: req.db)
        if let channel = try RegisterQuery.choice(ReportChannel.self, req.query, "channel") { query.filter(\.$channel == channel) }
        if let handled = req.query[String.self, at: "handled"] {
            guard ["true", "false"].contains(handled) else { throw SafeGridError.invalid(field: "handled", "error.field.invalid") }
            if handled == "true" { query.filter(\.$handledOn != nil) } else { query.filter(\.$handledOn == nil) }
        }
        return try await page(req, query.with(\.$grid).sort(\.$receivedOn, .descending), map: PublicReportDTO.init)
    }

    func createReport(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let record = try await service(req).saveReport(try req.content.decode(PublicReportRequest.self), existing: nil, by: user.actor)
        return try await PublicReportDTO(record).encodeResponse(status: .created, for: req)
    }

    /// Marks a report handled (day and reply) or corrects it; the grid may not leave the user's reach.
    func updateReport(req: Request) async throws -> PublicReportDTO {
        let user = try req.currentUser()
        let id = try req.id("reportID")
        guard let record = try await RegisterQuery.scoped(PublicReportRecord.query(on: req.db), path: \.$gridPath, actor: user.actor)
            .filter(\.$id == id).first() else { throw SafeGridError.notFound }
        guard RegisterPermissions.mayRecord(.publicReports, user.actor, gridPath: record.gridPath) else { throw SafeGridError.forbidden }
        return PublicReportDTO(try await service(req).saveReport(try req.content.decode(PublicReportRequest.self), existing: record, by: user.actor))
    }

    private func service(_ req: Request) -> RegisterService {
        RegisterService(db: req.db, today: CivilDate(req.now), now: req.now, writes: req.application.writePath)
    }

    private func page<M: Model, D: Content>(_ req: Request, _ query: QueryBuilder<M>, map: (M) -> D) async throws -> ListResponse<D> {
        let page = try Page(query: req.query)
        let total = try await query.copy().count()
        let rows = try await query.sort(\M._$id).range(page.offset..<(page.offset + page.limit)).all()
        return ListResponse(items: rows.map(map), total: total, limit: page.limit, offset: page.offset)
    }
}
