import SafeGridDomain
import Vapor

/// `GET/POST /hazards/new`: recording a hazard with photos and, where the phone allows, its position.
struct NewHazardWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.newHazard.pathComponents, use: form)
        routes.on(.POST, SiteURL.newHazard.pathComponents, body: .collect(maxSize: WebUploads.maxBody), use: create)
    }

    func form(req: Request) async throws -> Response {
        req.page(try await NewHazardPage.build(req))
    }

    func create(req: Request) async throws -> Response {
        let user = try req.currentUser()
        guard !NewHazardDefaults.sources(user.actor).isEmpty else { throw SafeGridError.forbidden }
        let (input, files) = try WebUploads.decode(NewHazardInput.self, req)
        var kept = WebFormat.ids(input.kept)
        do {
            kept += try await WebUploads.save(files, kind: .before, by: user, on: req)
            let draft = try HazardDraft(try input.request(attachmentIds: kept))
            let hazard = try await HazardService(req: req).register(draft, by: user)
            return req.redirect(to: SiteURL.hazard(.id(hazard.id)).path, confirming: "flash.hazard_registered", hazard.number)
        } catch let error as SafeGridError where error.kind != .unauthenticated {
            let context = try await NewHazardPage.build(req, input: input, error: error, kept: kept)
            return req.page(context, status: error.status)
        }
    }
}
