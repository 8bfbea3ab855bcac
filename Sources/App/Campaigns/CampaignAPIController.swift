import Fluent
import SafeGridDomain
import Vapor

/// `/api/v1/campaigns`: special campaigns, their task lists, progress, evidence, tagged
/// hazards, and the task list as `.xlsx` or CSV.
struct CampaignAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let campaigns = routes.grouped("campaigns")
        campaigns.get(use: list)
        campaigns.post(use: create)
        campaigns.get(":campaignID", use: show)
        campaigns.put(":campaignID", use: update)
        campaigns.get(":campaignID", "tasks", use: tasks)
        campaigns.post(":campaignID", "tasks", use: addTask)
        campaigns.get(":campaignID", "tasks.xlsx") { try await export($0, .xlsx) }
        campaigns.get(":campaignID", "tasks.csv") { try await export($0, .csv) }
        campaigns.put(":campaignID", "tasks", ":taskID", use: updateTask)
        campaigns.delete(":campaignID", "tasks", ":taskID", use: deleteTask)
        campaigns.post(":campaignID", "tasks", ":taskID", "progress", use: report)
        campaigns.grouped(BodyLimitMiddleware()).post(":campaignID", "tasks", ":taskID", "evidence", use: addEvidence)
        campaigns.get(":campaignID", "tasks", ":taskID", "evidence", ":attachmentID", use: evidence)
        campaigns.get(":campaignID", "hazards", use: hazards)
        campaigns.post(":campaignID", "hazards", use: tagHazards)
    }

    func list(req: Request) async throws -> ListResponse<CampaignDTO> {
        let user = try req.currentUser()
        let service = CampaignService(req: req)
        let campaigns = try await service.list(for: user)
        let tasks = Dictionary(grouping: try await service.tasks(of: campaigns.compactMap(\.id)), by: { $0.$campaign.id })
        var items: [CampaignDTO] = []
        for c in campaigns {
            items.append(try await dto(c, tasks: tasks[c.id ?? 0] ?? [], service: service))
        }
        return ListResponse(items: items, total: items.count, limit: items.count, offset: 0)
    }

    func create(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let draft = try CampaignDraft(try req.content.decode(CampaignRequest.self))
        let service = CampaignService(req: req)
        let campaign = try await service.create(draft, by: user)
        let response = try await dto(campaign, tasks: [], service: service).encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/campaigns/\(campaign.id ?? 0)")
        return response
    }

    func show(req: Request) async throws -> CampaignDTO {
        let service = CampaignService(req: req)
        let campaign = try await service.visible(try req.id("campaignID"), to: try req.currentUser())
        return try await dto(campaign, tasks: try await service.tasks(of: [campaign.requireID()]), service: service)
    }

    func update(req: Request) async throws -> CampaignDTO {
        let user = try req.currentUser()
        let service = CampaignService(req: req)
        let campaign = try await service.managed(try req.id("campaignID"), by: user)
        let draft = try CampaignDraft(try req.content.decode(CampaignRequest.self))
        let saved = try await service.update(campaign, draft, by: user)
        return try await dto(saved, tasks: try await service.tasks(of: [saved.requireID()]), service: service)
    }

    func tasks(req: Request) async throws -> ListResponse<CampaignTaskDTO> {
        let service = CampaignService(req: req)
        let campaign = try await service.visible(try req.id("campaignID"), to: try req.currentUser())
        let tasks = try await service.tasks(of: [campaign.requireID()])
        let evidence = try await service.evidence(of: tasks.compactMap(\.id))
        let items = tasks.map { CampaignTaskDTO($0, today: service.today, evidenceIds: evidence[$0.id ?? 0] ?? []) }
        return ListResponse(items: items, total: items.count, limit: items.count, offset: 0)
    }

    func addTask(req: Request) async throws -> Response {
        let service = CampaignService(req: req)
        let campaign = try await service.managed(try req.id("campaignID"), by: try req.currentUser())
        let draft = try CampaignTaskDraft(try req.content.decode(CampaignTaskRequest.self), period: campaign.period, today: CivilDate(req.now))
        let task = try await service.addTask(draft, to: campaign)
        let response = try await CampaignTaskDTO(task, today: service.today, evidenceIds: []).encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/campaigns/\(campaign.id ?? 0)/tasks/\(task.id ?? 0)")
        return response
    }

    func updateTask(req: Request) async throws -> CampaignTaskDTO {
        let service = CampaignService(req: req)
        let campaign = try await service.managed(try req.id("campaignID"), by: try req.currentUser())
        let task = try await service.task(try req.id("taskID"), of: campaign)
        let draft = try CampaignTaskDraft(try req.content.decode(CampaignTaskRequest.self), period: campaign.period, today: CivilDate(req.now))
        let saved = try await service.updateTask(task, draft)
        let evidence = try await service.evidence(of: [saved.requireID()])
        return CampaignTaskDTO(saved, today: service.today, evidenceIds: evidence[saved.id ?? 0] ?? [])
    }

    func deleteTask(req: Request) async throws -> HTTPStatus {
        let service = CampaignService(req: req)
        let campaign = try await service.managed(try req.id("campaignID"), by: try req.currentUser())
        try await service.deleteTask(try await service.task(try req.id("taskID"), of: campaign))
        return .noContent
    }

    /// The owner (or a manager) reports the count reached, and on completion the result.
    func report(req: Request) async throws -> CampaignTaskDTO {
        let user = try req.currentUser()
        let service = CampaignService(req: req)
        let (campaign, task) = try await reportable(req, user: user, service: service)
        var errors = FieldErrors()
        let progress = CampaignTaskProgress.parse(try req.content.decode(CampaignProgressRequest.self), period: campaign.period,
                                                  today: CivilDate(req.now), errors: &errors)
        try errors.throwIfAny()
        let saved = try await service.report(progress!, on: task)
        let evidence = try await service.evidence(of: [saved.requireID()])
        return CampaignTaskDTO(saved, today: service.today, evidenceIds: evidence[saved.id ?? 0] ?? [])
    }

    /// Multipart `file` (JPEG, PNG, WebP or PDF), stored by AttachmentStore and linked to the task.
    func addEvidence(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let service = CampaignService(req: req)
        let (_, task) = try await reportable(req, user: user, service: service)
        guard req.headers.contentType?.type == "multipart",
              let file = try req.content.decode(EvidenceForm.self).file else {
            throw SafeGridError.invalid(field: "file", "error.field.required")
        }
        let record = try await AttachmentStore(app: req.application)
            .save(bytes: Array(file.data.readableBytesView), filename: file.filename, kind: .document, by: user.id, on: req.db)
        try await service.addEvidence(record, to: task)
        let evidence = try await service.evidence(of: [task.requireID()])
        return try await CampaignTaskDTO(task, today: service.today, evidenceIds: evidence[task.id ?? 0] ?? [])
            .encodeResponse(status: .created, for: req)
    }

    struct EvidenceForm: Content {
        var file: File?
    }

    func evidence(req: Request) async throws -> Response {
        let service = CampaignService(req: req)
        let campaign = try await service.visible(try req.id("campaignID"), to: try req.currentUser())
        let task = try await service.task(try req.id("taskID"), of: campaign)
        return try await CampaignEvidence.serve(req, task: task, attachmentId: try req.id("attachmentID"))
    }

    func hazards(req: Request) async throws -> ListResponse<HazardDTO> {
        let user = try req.currentUser()
        let service = CampaignService(req: req)
        let campaign = try await service.visible(try req.id("campaignID"), to: user)
        let hazards = try await HazardStore.select(where: "hazards.campaign_id = \(bind: try campaign.requireID())", on: req.db)
            .filter { Permissions.canView(user.actor, $0.facts) }
        let calendar = try await req.workCalendar()
        return ListResponse(items: hazards.map { HazardDTO($0, for: user, today: service.today, calendar: calendar) }, total: hazards.count,
                            limit: hazards.count, offset: 0)
    }

    func tagHazards(req: Request) async throws -> ListResponse<HazardDTO> {
        let user = try req.currentUser()
        let service = CampaignService(req: req)
        let campaign = try await service.managed(try req.id("campaignID"), by: user)
        let body = try req.content.decode(CampaignHazardsRequest.self)
        guard let ids = body.hazardIds, !ids.isEmpty else { throw SafeGridError.invalid(field: "hazardIds", "error.field.required") }
        _ = try await service.tagHazards(ids, remove: body.remove ?? false, campaign: campaign, by: user)
        return try await hazards(req: req)
    }

    func export(_ req: Request, _ format: Download.Format) async throws -> Response {
        let service = CampaignService(req: req)
        let campaign = try await service.visible(try req.id("campaignID"), to: try req.currentUser())
        return try await CampaignEvidence.export(req, campaign: campaign, service: service, format)
    }

    private func reportable(_ req: Request, user: CurrentUser, service: CampaignService) async throws -> (CampaignRecord, CampaignTaskRecord) {
        let campaign = try await service.visible(try req.id("campaignID"), to: user)
        let task = try await service.task(try req.id("taskID"), of: campaign)
        guard CampaignPermissions.mayReport(user.actor, campaignPath: campaign.gridPath, ownerUserId: task.$ownerUser.id) else {
            throw SafeGridError.forbidden
        }
        return (campaign, task)
    }

    private func dto(_ c: CampaignRecord, tasks: [CampaignTaskRecord], service: CampaignService) async throws -> CampaignDTO {
        CampaignDTO(c, progress: CampaignProgressDTO(service.progress(c, tasks: tasks), links: try await service.links(c.requireID())))
    }
}

/// Shared by the API and the web pages: evidence files and the task list download.
enum CampaignEvidence {
    static func serve(_ req: Request, task: CampaignTaskRecord, attachmentId: Int) async throws -> Response {
        guard try await CampaignTaskEvidenceRecord.query(on: req.db).filter(\.$task.$id == task.requireID())
                .filter(\.$attachment.$id == attachmentId).first() != nil,
              let attachment = try await AttachmentRecord.find(attachmentId, on: req.db) else { throw SafeGridError.notFound }
        let path = AttachmentStore(app: req.application).path(for: attachment.sha256)
        let response = try await req.fileio.asyncStreamFile(at: path)
        response.headers.replaceOrAdd(name: .contentType, value: attachment.contentType)
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, max-age=86400")
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return response
    }

    static func export(_ req: Request, campaign: CampaignRecord, service: CampaignService, _ format: Download.Format) async throws -> Response {
        let tasks = try await service.tasks(of: [campaign.requireID()])
        let evidence = try await service.evidence(of: tasks.compactMap(\.id))
        let progress = CampaignProgressDTO(service.progress(campaign, tasks: tasks), links: try await service.links(campaign.requireID()))
        let t = Texts(req)
        let book = CampaignExport.workbook(campaign, tasks: tasks, evidence: evidence, progress: progress, today: service.today, t: t)
        return try Download.workbook(book, format, asciiName: "campaign-\(campaign.id ?? 0)-tasks",
                                     localName: "\(campaign.name)-\(t("campaign.sheet.tasks"))")
    }
}
