import SafeGridDomain
import Vapor

/// `GET/POST /places/:id/risk`, approval, `GET /risks`, the two maps and the boundary upload.
struct RiskWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.placeRisk(.key).pathComponents, use: placeRisk)
        routes.post(SiteURL.placeRisk(.key).pathComponents, use: assess)
        routes.post(SiteURL.placeRiskApprove(.key, .key).pathComponents, use: approve)
        routes.get(SiteURL.risks.pathComponents, use: risks)
        routes.get(SiteURL.regionMap.pathComponents, use: region)
        routes.get(SiteURL.enterpriseMap.pathComponents, use: enterprises)
        routes.get(SiteURL.boundaries.pathComponents, use: boundaryForm)
        routes.on(.POST, SiteURL.boundaries.pathComponents, body: .collect(maxSize: "20mb"), use: uploadBoundaries)
    }

    func placeRisk(req: Request) async throws -> Response {
        let place = try await visiblePlace(req)
        let notice: String? = switch req.query[String.self, at: "done"] {
        case "saved": Texts(req)("risk.saved_ok")
        case "approved": Texts(req)("risk.approved_ok")
        default: nil
        }
        return req.page(try await PlaceRiskPage.build(req, place: place, notice: notice))
    }

    func assess(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let place = try await visiblePlace(req)
        let input = try req.content.decode(RiskFormInput.self)
        do {
            let (method, inputs) = try input.parsed()
            _ = try await RiskService(req: req).assess(place, method: method, inputs: inputs, note: input.note, by: user)
            return req.redirect(to: SiteURL.placeRisk(.id(place.id ?? 0)).with(query: "method=\(method.rawValue)&done=saved"))
        } catch let error as SafeGridError where error.kind == .invalid || error.kind == .forbidden {
            return req.page(try await PlaceRiskPage.build(req, place: place, input: input, error: error), status: error.status)
        }
    }

    func approve(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let place = try await visiblePlace(req)
        let id = try req.id("assessmentID")
        let assessment = try await RiskQuery.visible(id, to: user.actor, on: req.db)
        guard assessment.$place.id == place.id else { throw SafeGridError.notFound }
        do {
            _ = try await RiskService(req: req).approve(assessment, by: user)
            return req.redirect(to: SiteURL.placeRisk(.id(place.id ?? 0)).with(query: "method=\(assessment.method.rawValue)&done=approved"))
        } catch let error as SafeGridError where error.kind == .forbidden || error.kind == .conflict {
            return req.page(try await PlaceRiskPage.build(req, place: place, error: error), status: error.status)
        }
    }

    func risks(req: Request) async throws -> Response {
        let (context, status) = try await RiskListPage.build(req)
        return req.page(context, status: status)
    }

    func region(req: Request) async throws -> Response {
        req.page(try await RiskMapPage.build(req, kind: .region))
    }

    func enterprises(req: Request) async throws -> Response {
        req.page(try await RiskMapPage.build(req, kind: .enterprises))
    }

    func boundaryForm(req: Request) async throws -> Response {
        guard RiskPermissions.mayUploadBoundaries(try req.currentUser().actor) else { throw SafeGridError.forbidden }
        return req.page(try BoundaryUploadPage.build(req))
    }

    func uploadBoundaries(req: Request) async throws -> Response {
        let user = try req.currentUser()
        guard RiskPermissions.mayUploadBoundaries(user.actor) else { throw SafeGridError.forbidden }
        let input = try req.content.decode(BoundaryUploadPage.Input.self)
        do {
            guard let file = input.file, file.data.readableBytes > 0 else { throw SafeGridError.invalid(field: "file", "error.field.required") }
            let crs = try BoundaryImport.crs(input.crs)
            let property = input.property.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 } ?? "code"
            let result = try await BoundaryImport.run(Data(buffer: file.data), property: property, crs: crs, by: user.actor,
                                                      db: req.db, gate: req.application.writeGate, sqlite: req.application.isSQLite)
            return req.page(try BoundaryUploadPage.build(req, input: input, result: result))
        } catch let error as SafeGridError where error.kind == .invalid {
            return req.page(try BoundaryUploadPage.build(req, input: input, error: error), status: .badRequest)
        }
    }

    private func visiblePlace(_ req: Request) async throws -> PlaceRecord {
        guard let id = req.parameters.get("placeID", as: Int.self) else { throw SafeGridError.notFound }
        return try await PlaceQuery.visible(id, to: try req.currentUser().actor, on: req.db)
    }
}
