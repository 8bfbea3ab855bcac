import Fluent
import SQLKit
import SafeGridDomain
import Vapor

/// `/api/v1/inspections`: start, record results, finish or cancel, and turn a failed item into a hazard.
struct InspectionAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let inspections = routes.grouped("inspections")
        inspections.get(use: list)
        inspections.post(use: start)
        inspections.get(":inspectionID", use: show)
        inspections.put(":inspectionID", "items", ":itemID", use: recordItem)
        inspections.post(":inspectionID", "finish", use: finish)
        inspections.post(":inspectionID", "cancel", use: cancel)
        inspections.post(":inspectionID", "items", ":itemID", "hazard", use: raiseHazard)
    }

    func list(req: Request) async throws -> ListResponse<InspectionDTO> {
        let user = try req.currentUser()
        let page = try Page(query: req.query)
        let query = try await InspectionQuery.filtered(req.query, for: user, on: req.db)
        let total = try await query.copy().count()
        let rows = try await query.sort(\.$startedAt, .descending).sort(\.$id, .descending)
            .range(page.offset..<(page.offset + page.limit)).all()
        return ListResponse(items: try await InspectionQuery.dtos(rows, items: false, on: req.db), total: total,
                            limit: page.limit, offset: page.offset)
    }

    func start(req: Request) async throws -> Response {
        let user = try req.currentUser()
        // 200 with the open one where this start continues it (`InspectionRules.continues`), 201 for a new one.
        let (inspection, continued) = try await InspectionService(req: req).startOrContinue(
            try req.content.decode(InspectionStartRequest.self), by: user)
        let response = try await InspectionQuery.dto(inspection, on: req.db).encodeResponse(status: continued ? .ok : .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/inspections/\(inspection.id ?? 0)")
        return response
    }

    func show(req: Request) async throws -> InspectionDTO {
        let (inspection, _) = try await InspectionService(req: req).visible(try req.id("inspectionID"),
                                                                            to: try req.currentUser())
        return try await InspectionQuery.dto(inspection, on: req.db)
    }

    func recordItem(req: Request) async throws -> InspectionDTO {
        var body = try req.content.decode(ItemResultRequest.self)
        body.itemId = try req.id("itemID")
        let inspection = try await InspectionService(req: req).record(try req.id("inspectionID"), [body],
                                                                      by: try req.currentUser())
        return try await InspectionQuery.dto(inspection, on: req.db)
    }

    func finish(req: Request) async throws -> InspectionDTO {
        let body = try req.content.decode(InspectionFinishRequest.self)
        let inspection = try await InspectionService(req: req).finish(try req.id("inspectionID"), body,
                                                                      by: try req.currentUser())
        return try await InspectionQuery.dto(inspection, on: req.db)
    }

    func cancel(req: Request) async throws -> InspectionDTO {
        let body = try req.content.decode(InspectionCancelRequest.self)
        let inspection = try await InspectionService(req: req).cancel(try req.id("inspectionID"), body, by: try req.currentUser())
        return try await InspectionQuery.dto(inspection, on: req.db)
    }

    func raiseHazard(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let body = try req.content.decode(InspectionHazardRequest.self)
        let hazard = try await InspectionService(req: req).raiseHazard(
            inspectionId: try req.id("inspectionID"), itemId: try req.id("itemID"),
            body, by: user)
        let response = try await HazardDTO(hazard, for: user, today: CivilDate(req.now), calendar: try await req.workCalendar())
            .encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/hazards/\(hazard.id ?? 0)")
        return response
    }
}
