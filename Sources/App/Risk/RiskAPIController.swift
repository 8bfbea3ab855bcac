import Fluent
import SafeGridDomain
import Vapor

/// `/api/v1/risk-tables`, `/api/v1/places/{id}/risk-assessments`, approval and the list of
/// major and significant risks.
struct RiskAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("risk-tables", use: tables)
        routes.post("risk-tables", use: publish)
        routes.get("places", ":placeID", "risk-assessments", use: history)
        routes.post("places", ":placeID", "risk-assessments", use: assess)
        routes.post("risk-assessments", ":assessmentID", "approve", use: approve)
        routes.get("risks", use: risks)
    }

    func tables(req: Request) async throws -> RiskTableList {
        _ = try req.currentUser()
        return RiskTableList(items: try await RiskService.allTables(on: req.db).map(RiskTableDTO.init))
    }

    func publish(req: Request) async throws -> Response {
        let user = try req.currentUser()
        guard RiskPermissions.mayEditTables(user.actor) else { throw SafeGridError.forbidden }
        let (method, factors, bands) = try req.content.decode(RiskTableRequest.self).parsed()
        let table = try await RiskService(req: req).publish(method: method, factors: factors, bands: bands, by: user)
        return try await RiskTableDTO(table).encodeResponse(status: .created, for: req)
    }

    func history(req: Request) async throws -> ListResponse<RiskAssessmentDTO> {
        let place = try await PlaceQuery.visible(try req.id("placeID"), to: try req.currentUser().actor, on: req.db)
        let rows = try await RiskQuery.history(of: try place.requireID(), on: req.db)
        return ListResponse(items: rows.map(RiskAssessmentDTO.init), total: rows.count, limit: rows.count, offset: 0)
    }

    func assess(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let place = try await PlaceQuery.visible(try req.id("placeID"), to: user.actor, on: req.db)
        let body = try req.content.decode(RiskAssessmentRequest.self)
        let (method, inputs) = try body.parsed()
        let record = try await RiskService(req: req).assess(place, method: method, inputs: inputs, note: body.note, by: user)
        return try await RiskAssessmentDTO(record).encodeResponse(status: .created, for: req)
    }

    func approve(req: Request) async throws -> RiskAssessmentDTO {
        let user = try req.currentUser()
        let assessment = try await RiskQuery.visible(try req.id("assessmentID"), to: user.actor, on: req.db)
        return RiskAssessmentDTO(try await RiskService(req: req).approve(assessment, by: user))
    }

    func risks(req: Request) async throws -> ListResponse<RiskEntryDTO> {
        let user = try req.currentUser()
        let page = try Page(query: req.query)
        let levels = try RiskQuery.levels(req.query[String.self, at: "level"])
        let query = RiskQuery.risks(levels: levels, for: user.actor, on: req.db)
        let total = try await query.copy().count()
        let entries = try await RiskQuery.entries(query, offset: page.offset, limit: page.limit,
                                                  rule: req.application.riskSettings.rule, on: req.db)
        return ListResponse(items: entries, total: total, limit: page.limit, offset: page.offset)
    }
}

/// Reads of assessments and the risk list, scoped as places are.
enum RiskQuery {
    /// Newest first.
    static func history(of placeId: Int, on db: any Database) async throws -> [RiskAssessmentRecord] {
        try await RiskAssessmentRecord.query(on: db).filter(\.$place.$id == placeId).sort(\.$id, .descending).all()
    }

    /// An assessment of a place the actor sees, or 404.
    static func visible(_ id: Int, to actor: Actor, on db: any Database) async throws -> RiskAssessmentRecord {
        guard let record = try await RiskAssessmentRecord.find(id, on: db) else { throw SafeGridError.notFound }
        _ = try await PlaceQuery.visible(record.$place.id, to: actor, on: db)
        return record
    }

    /// `level=red,orange` (the default: the list of major and significant risks).
    static func levels(_ raw: String?) throws(SafeGridError) -> [RiskLevel] {
        guard let raw, !raw.isEmpty else { return [.red, .orange] }
        var levels: [RiskLevel] = []
        for part in raw.split(separator: ",") {
            guard let level = RiskLevel(rawValue: part.trimmingCharacters(in: .whitespaces)) else {
                throw SafeGridError.invalid(field: "level", "error.field.choice", args: [RiskLevel.allCases.map(\.rawValue).joined(separator: ", ")])
            }
            levels.append(level)
        }
        return levels
    }

    /// Places in reach whose current (approved) level is one of `levels`, most serious first.
    static func risks(levels: [RiskLevel], for actor: Actor, on db: any Database) -> QueryBuilder<PlaceRecord> {
        PlaceQuery.scoped(to: actor, on: db).filter(\.$riskLevel ~~ levels)
    }

    /// Levels are stored as text, whose order is not their seriousness: rank them in SQL,
    /// most serious first. Built from the enum's fixed raw values, never from input.
    static let seriousnessOrder: String = {
        let ranked = RiskLevel.allCases.sorted(by: >).enumerated().map { "WHEN '\($0.element.rawValue)' THEN \($0.offset)" }
        return "CASE \"risk_level\" \(ranked.joined(separator: " ")) ELSE \(RiskLevel.allCases.count) END"
    }()

    static func entries(_ query: QueryBuilder<PlaceRecord>, offset: Int, limit: Int, rule: RiskDisplayRule,
                        on db: any Database) async throws -> [RiskEntryDTO] {
        let places = try await query.sort(.sql(unsafeRaw: seriousnessOrder)).sort(\.$name).sort(\.$id)
            .range(offset..<(offset + limit)).all()
        let ids = places.compactMap(\.id)
        let approved = try await RiskAssessmentRecord.query(on: db).filter(\.$place.$id ~~ ids)
            .filter(\.$state == .approved).sort(\.$approvedAt, .descending).sort(\.$id, .descending).all()
        var latest: [Int: RiskAssessmentRecord] = [:]
        for a in approved where latest[a.$place.id] == nil { latest[a.$place.id] = a }
        let major = try await RiskService.placesWithOpenMajorHazard(ids, on: db)
        return places.compactMap { p in
            guard let id = p.id, let level = p.riskLevel else { return nil }
            let open = major.contains(id)
            return RiskEntryDTO(placeId: id, placeName: p.name, category: p.category, gridId: p.$grid.id, level: level,
                                displayedLevel: rule.displayed(assessed: level, openMajorHazard: open) ?? level,
                                openMajorHazard: open, controlLevel: .of(level), assessment: latest[id].map(RiskAssessmentDTO.init))
        }
    }
}
