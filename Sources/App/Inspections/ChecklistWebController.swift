import SafeGridDomain
import Vapor

/// `GET /checklists`, `GET /checklists/:id`, and for administrators `GET/POST /checklists/new`
/// and `GET/POST /checklists/:id/edit`.
struct ChecklistWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.checklists.pathComponents, use: list)
        routes.get(SiteURL.newChecklist.pathComponents, use: newForm)
        routes.post(SiteURL.newChecklist.pathComponents, use: save)
        routes.get(SiteURL.checklist(.key).pathComponents, use: show)
        routes.get(SiteURL.editChecklist(.key).pathComponents, use: editForm)
        routes.post(SiteURL.editChecklist(.key).pathComponents, use: save)
    }

    func list(req: Request) async throws -> Response {
        req.page(try await ChecklistsPage.build(req))
    }

    func show(req: Request) async throws -> Response {
        req.page(try await ChecklistPage.build(req, id: try req.id("templateID")))
    }

    func newForm(req: Request) async throws -> Response {
        guard InspectionRules.mayEditChecklists(try req.currentUser().actor) else { throw SafeGridError.forbidden }
        return req.page(try await ChecklistFormPage.build(req, template: nil, input: nil))
    }

    func editForm(req: Request) async throws -> Response {
        guard InspectionRules.mayEditChecklists(try req.currentUser().actor) else { throw SafeGridError.forbidden }
        return req.page(try await ChecklistFormPage.build(req, template: try await template(req), input: nil))
    }

    func save(req: Request) async throws -> Response {
        let user = try req.currentUser()
        guard InspectionRules.mayEditChecklists(user.actor) else { throw SafeGridError.forbidden }
        let current = req.parameters.get("templateID") == nil ? nil : try await template(req)
        let input = try req.content.decode(ChecklistFormInput.self)
        do {
            let spec = try input.request.spec(existing: current?.category)
            let saved = try await ChecklistTemplates.save(spec, replacing: current, by: user, on: req)
            return req.redirect(to: SiteURL.checklist(.id(try saved.requireID())).path, confirming: "flash.saved")
        } catch let error as SafeGridError where error.kind == .invalid || error.kind == .conflict {
            let context = try await ChecklistFormPage.build(req, template: current, input: input, error: error)
            return req.page(context, status: error.status)
        }
    }

    private func template(_ req: Request) async throws -> ChecklistTemplateRecord {
        guard let id = req.parameters.get("templateID", as: Int.self), let found = try await ChecklistTemplateRecord.find(id, on: req.db) else {
            throw SafeGridError.notFound
        }
        return found
    }
}
