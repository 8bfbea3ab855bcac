import Fluent
import SafeGridDomain
import Vapor

/// One hazard: `GET /hazards/:id`, `POST /hazards/:id/actions`, `GET /hazards/:id/notice`.
struct HazardWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.hazard(.key).pathComponents, use: show)
        routes.on(.POST, SiteURL.hazardActions(.key).pathComponents, body: .collect(maxSize: WebUploads.maxBody), use: act)
        routes.get(SiteURL.hazardNotice(.key).pathComponents, use: notice)
    }

    func show(req: Request) async throws -> Response {
        let view = try await HazardDetailPage.build(req, id: try id(req))
        return req.page(view, status: view.status)
    }

    /// Saves the photos, then asks the service. A refusal comes back as the detail page with
    /// the message, the field errors and the user's input; success goes back to it by GET.
    func act(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let id = try id(req)
        let (input, files) = try WebUploads.decode(ActionFormInput.self, req)
        var kept = WebFormat.ids(input.kept)
        do {
            let service = HazardService(req: req)
            // Read (and 404) before the photos are stored; the action then works on this read.
            let hazard = try await HazardReads.visible(id, to: user, on: req.db)
            let action = input.action.flatMap(HazardAction.init(wire:))
            kept += try await WebUploads.save(files, kind: action.map(HazardActionForms.photoKind) ?? .before,
                                              by: user, on: req)
            let (parsedAction, version, actionInput, coordinates) = try input.request(attachmentIds: kept).parsed()
            _ = try await service.act(on: hazard, parsedAction, version: version, input: actionInput, at: coordinates, by: user)
            return req.redirect(to: SiteURL.hazard(.id(id)).path, confirming: "flash.hazard_action", Texts(req).label("action", parsedAction))
        } catch let error as SafeGridError where error.kind != .notFound && error.kind != .unauthenticated {
            let failure = HazardDetailPage.Failure(input: input, error: error, kept: kept)
            let view = try await HazardDetailPage.build(req, id: id, failure: failure)
            return req.page(view, status: view.status)
        }
    }

    func notice(req: Request) async throws -> Response {
        req.page(try await NoticePage.build(req, id: try id(req)))
    }

    private func id(_ req: Request) throws -> Int {
        guard let id = req.parameters.get("hazardID", as: Int.self) else { throw SafeGridError.notFound }
        return id
    }
}
