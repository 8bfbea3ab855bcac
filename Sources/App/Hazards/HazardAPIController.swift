import Fluent
import SafeGridDomain
import Vapor

/// `/api/v1/hazards`: the ledger, registration, actions and timeline.
struct HazardAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let hazards = routes.grouped("hazards")
        hazards.get(use: list)
        hazards.post(use: create)
        hazards.get(":hazardID", use: show)
        hazards.post(":hazardID", "actions", use: act)
        hazards.get(":hazardID", "events", use: events)
    }

    func list(req: Request) async throws -> ListResponse<HazardDTO> {
        let user = try req.currentUser()
        let filter = try HazardFilter(query: req.query)
        let page = try Page(query: req.query)
        let today = CivilDate(req.now)
        let selection = try await HazardQuery.scoped(filter, for: user, today: today, on: req.db)
        // Two statements on purpose: one with COUNT(*) OVER () read every match before the
        // page (a quarter of the speed on SQLite, bench/results/2026-11-30-window-count.md).
        let total = try await HazardReads.count(selection, on: req.db)
        let rows = try await HazardReads.page(selection, offset: page.offset, limit: page.limit, names: false, on: req.db)
        let calendar = try await req.workCalendar()
        return ListResponse(items: rows.map { HazardDTO($0.hazard, for: user, today: today, calendar: calendar) }, total: total,
                            limit: page.limit, offset: page.offset)
    }

    func create(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let draft = try HazardDraft(try req.content.decode(HazardCreateRequest.self))
        let hazard = try await HazardService(req: req).register(draft, by: user)
        let response = try await HazardDTO(hazard, for: user, today: CivilDate(req.now), calendar: try await req.workCalendar())
            .encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/hazards/\(hazard.id)")
        return response
    }

    func show(req: Request) async throws -> HazardDTO {
        let user = try req.currentUser()
        let hazard = try await HazardReads.visible(try req.id("hazardID"), to: user, on: req.db)
        return HazardDTO(hazard, for: user, today: CivilDate(req.now), calendar: try await req.workCalendar())
    }

    func act(req: Request) async throws -> HazardDTO {
        let user = try req.currentUser()
        let id = try req.id("hazardID")
        let (action, version, input, coordinates) = try req.content.decode(HazardActionRequest.self).parsed()
        let service = HazardService(req: req)
        let hazard = try await service.act(on: id, action, version: version, input: input, at: coordinates, by: user)
        return HazardDTO(hazard, for: user, today: service.today, calendar: try await req.workCalendar())
    }

    func events(req: Request) async throws -> ListResponse<HazardEventDTO> {
        let user = try req.currentUser()
        let hazard = try await HazardReads.visible(try req.id("hazardID"), to: user, on: req.db)
        let events = try await HazardReads.events(of: hazard.id, on: req.db)
        return ListResponse(items: events.map(HazardEventDTO.init), total: events.count, limit: events.count, offset: 0)
    }
}
