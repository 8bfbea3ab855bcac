import Fluent
import SafeGridDomain
import Vapor

/// `/api/v1/checklist-templates`: everyone signed in reads them; administrators write new
/// versions. An edit never changes a version that inspections already used.
struct ChecklistTemplateAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let templates = routes.grouped("checklist-templates")
        templates.get(use: list)
        templates.post(use: create)
        templates.get(":templateID", use: show)
        templates.put(":templateID", use: update)
    }

    func list(req: Request) async throws -> ListResponse<ChecklistTemplateDTO> {
        _ = try req.currentUser()
        var errors = FieldErrors()
        let query = ChecklistTemplateRecord.query(on: req.db)
        if (try? req.query.get(String.self, at: "all")) != "true" { query.filter(\.$active == true) }
        if let raw = try? req.query.get(String.self, at: "category"), !raw.isEmpty,
           let category = Choice.parse(PlaceCategory.self, raw, "category", &errors) {
            query.filter(\.$category == category)
        }
        try errors.throwIfAny()
        let rows = try await query.sort(\.$category).sort(\.$id).all()
        let dtos = try await ChecklistTemplates.dtos(rows, on: req.db)
        return ListResponse(items: dtos, total: dtos.count, limit: dtos.count, offset: 0)
    }

    func show(req: Request) async throws -> ChecklistTemplateDTO {
        _ = try req.currentUser()
        guard let template = try await ChecklistTemplateRecord.find(try req.id("templateID"), on: req.db) else {
            throw SafeGridError.notFound
        }
        return try await ChecklistTemplates.dtos([template], on: req.db)[0]
    }

    func create(req: Request) async throws -> Response {
        let user = try req.currentUser()
        guard InspectionRules.mayEditChecklists(user.actor) else { throw SafeGridError.forbidden }
        let spec = try req.content.decode(ChecklistTemplateRequest.self).spec(existing: nil)
        let template = try await ChecklistTemplates.save(spec, replacing: nil, by: user, on: req)
        return try await ChecklistTemplates.dtos([template], on: req.db)[0].encodeResponse(status: .created, for: req)
    }

    func update(req: Request) async throws -> ChecklistTemplateDTO {
        let user = try req.currentUser()
        guard InspectionRules.mayEditChecklists(user.actor) else { throw SafeGridError.forbidden }
        guard let current = try await ChecklistTemplateRecord.find(try req.id("templateID"), on: req.db) else {
            throw SafeGridError.notFound
        }
        let spec = try req.content.decode(ChecklistTemplateRequest.self).spec(existing: current.category)
        let template = try await ChecklistTemplates.save(spec, replacing: current, by: user, on: req)
        return try await ChecklistTemplates.dtos([template], on: req.db)[0]
    }
}

enum ChecklistTemplates {
    /// Saves a new family, or the next version of `replacing`'s family. Only the current
    /// version may be edited (409 otherwise), so two admins editing at once cannot fork it.
    static func save(_ spec: ChecklistSpec, replacing current: ChecklistTemplateRecord?, by user: CurrentUser,
                     on req: Request) async throws -> ChecklistTemplateRecord {
        let currentId = current?.id
        return try await req.writeTransaction { tx in
            guard let currentId else { return try await ChecklistStore.insert(spec, family: nil, version: 1, by: user.id, on: tx) }
            guard let fresh = try await ChecklistTemplateRecord.find(currentId, on: tx), fresh.active else {
                throw SafeGridError(.conflict, "error.checklist.not_current")
            }
            fresh.active = false
            try await fresh.save(on: tx)
            return try await ChecklistStore.insert(spec, family: fresh.family, version: fresh.version + 1, by: user.id, on: tx)
        }
    }

    static func dtos(_ rows: [ChecklistTemplateRecord], on db: any Database) async throws -> [ChecklistTemplateDTO] {
        let ids = rows.compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        let items = try await ChecklistItemRecord.query(on: db).filter(\.$template.$id ~~ ids).all()
        let grouped = Dictionary(grouping: items, by: { $0.$template.id })
        return rows.map { ChecklistTemplateDTO($0, items: grouped[$0.id ?? 0] ?? []) }
    }
}
