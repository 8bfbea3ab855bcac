import Fluent
import SafeGridDomain
import Vapor

/// The campaign pages: list, form, detail with the task list, progress reports with evidence,
/// task import from `.xlsx` or CSV, and the exports.
struct CampaignWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.campaigns.pathComponents, use: list)
        routes.get(SiteURL.newCampaign.pathComponents, use: newForm)
        routes.post(SiteURL.newCampaign.pathComponents, use: save)
        routes.get(SiteURL.campaign(.key).pathComponents, use: show)
        routes.get(SiteURL.editCampaign(.key).pathComponents, use: editForm)
        routes.post(SiteURL.editCampaign(.key).pathComponents, use: save)
        routes.post(SiteURL.campaignTasks(.key).pathComponents, use: addTask)
        routes.post(SiteURL.campaignTaskDelete(.key, .key).pathComponents, use: deleteTask)
        routes.post(SiteURL.campaignTaskEdit(.key, .key).pathComponents, use: editTask)
        routes.on(.POST, SiteURL.campaignTaskProgress(.key, .key).pathComponents, body: .collect(maxSize: WebUploads.maxBody), use: report)
        routes.on(.POST, SiteURL.campaignImport(.key).pathComponents, body: .collect(maxSize: WebUploads.maxBody), use: importTasks)
        routes.get(SiteURL.campaignTasksXLSX(.key).pathComponents) { try await export($0, .xlsx) }
        routes.get(SiteURL.campaignTasksCSV(.key).pathComponents) { try await export($0, .csv) }
        routes.get(SiteURL.campaignEvidence(.key, .key).pathComponents, use: evidence)
    }

    func list(req: Request) async throws -> Response {
        req.page(try await CampaignsPage.build(req))
    }

    func show(req: Request) async throws -> Response {
        let campaign = try await CampaignService(req: req).visible(try id(req), to: try req.currentUser())
        let notice = req.query[String.self, at: "imported"].map { Texts(req)("campaign.imported", $0) }
        return req.page(try await CampaignPage.build(req, campaign: campaign, notice: notice))
    }

    func newForm(req: Request) async throws -> Response {
        req.page(try await CampaignFormPage.build(req, campaignId: nil, input: CampaignFormInput()))
    }

    func editForm(req: Request) async throws -> Response {
        let campaign = try await CampaignService(req: req).managed(try id(req), by: try req.currentUser())
        return req.page(try await CampaignFormPage.build(req, campaignId: campaign.id, input: CampaignFormInput(campaign)))
    }

    func save(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let service = CampaignService(req: req)
        let existing = req.parameters.get("campaignID") == nil ? nil : try await service.managed(try id(req), by: user)
        let input = try req.content.decode(CampaignFormInput.self)
        do {
            let draft = try CampaignDraft(try input.request())
            let saved = if let existing { try await service.update(existing, draft, by: user) } else { try await service.create(draft, by: user) }
            return req.redirect(to: SiteURL.campaign(.id(saved.id ?? 0)).path, confirming: "flash.saved")
        } catch let error as SafeGridError where error.kind == .invalid {
            let context = try await CampaignFormPage.build(req, campaignId: existing?.id, input: input, error: error)
            return req.page(context, status: error.status)
        }
    }

    func addTask(req: Request) async throws -> Response {
        let service = CampaignService(req: req)
        let campaign = try await service.managed(try id(req), by: try req.currentUser())
        let input = try req.content.decode(CampaignTaskFormInput.self)
        do {
            _ = try await service.addTask(try CampaignTaskDraft(try input.request(), period: campaign.period, today: CivilDate(req.now)), to: campaign)
            return req.redirect(to: SiteURL.campaign(.id(campaign.id ?? 0)).path, confirming: "flash.saved")
        } catch let error as SafeGridError where error.kind == .invalid {
            return req.page(try await CampaignPage.build(req, campaign: campaign, input: input, error: error), status: .badRequest)
        }
    }

    /// Title, owner, deadline, target and description of a task; its progress and evidence stay.
    func editTask(req: Request) async throws -> Response {
        let service = CampaignService(req: req)
        let campaign = try await service.managed(try id(req), by: try req.currentUser())
        let task = try await service.task(try req.id("taskID"), of: campaign)
        let input = try req.content.decode(CampaignTaskFormInput.self)
        do {
            var body = try input.request()
            body.ownerUserId = task.$ownerUser.id
            body.doneCount = task.doneCount; body.completedOn = task.completedOn; body.result = task.result
            _ = try await service.updateTask(task, try CampaignTaskDraft(body, period: campaign.period, today: CivilDate(req.now)))
            return req.redirect(to: SiteURL.campaign(.id(campaign.id ?? 0)).path + "#task-\(task.id ?? 0)", confirming: "flash.saved")
        } catch let error as SafeGridError where error.kind == .invalid {
            return req.page(try await CampaignPage.build(req, campaign: campaign, taskEdit: (try task.requireID(), input, error)), status: .badRequest)
        }
    }

    func deleteTask(req: Request) async throws -> Response {
        let service = CampaignService(req: req)
        let campaign = try await service.managed(try id(req), by: try req.currentUser())
        try await service.deleteTask(try await service.task(try req.id("taskID"), of: campaign))
        return req.redirect(to: SiteURL.campaign(.id(campaign.id ?? 0)).path, confirming: "flash.saved")
    }

    struct ReportForm: Content {
        var doneCount: String?
        var completedOn: String?
        var result: String?
    }

    /// Progress, an optional completion with its result, and evidence files in one form.
    func report(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let service = CampaignService(req: req)
        let campaign = try await service.visible(try id(req), to: user)
        let task = try await service.task(try req.id("taskID"), of: campaign)
        guard CampaignPermissions.mayReport(user.actor, campaignPath: campaign.gridPath, ownerUserId: task.$ownerUser.id) else {
            throw SafeGridError.forbidden
        }
        let (form, files) = try WebUploads.decode(ReportForm.self, req)
        do {
            var errors = FieldErrors()
            let count = WebFormat.int(form.doneCount, field: "doneCount", errors: &errors)
            let progress = CampaignTaskProgress.parse(CampaignProgressRequest(doneCount: count, completedOn: form.completedOn, result: form.result),
                                                      period: campaign.period, today: CivilDate(req.now), errors: &errors)
            try errors.throwIfAny()
            for attachmentId in try await WebUploads.save(files, kind: .after, by: user, on: req) {
                guard let record = try await AttachmentRecord.find(attachmentId, on: req.db) else { continue }
                try await service.addEvidence(record, to: task)
            }
            _ = try await service.report(progress!, on: task)
            return req.redirect(to: SiteURL.campaign(.id(campaign.id ?? 0)).path + "#task-\(task.id ?? 0)", confirming: "flash.saved")
        } catch let error as SafeGridError where error.kind == .invalid || error.kind == .tooLarge {
            let t = Texts(req)
            let messages = error.fields.isEmpty ? [t.message(error)] : error.fields.map { t("punct.labelled", task.title, t.message($0)) }
            return req.page(try await CampaignPage.build(req, campaign: campaign, messages: messages), status: error.status)
        }
    }

    struct ImportForm: Content {
        var file: File?
    }

    /// The task list from `.xlsx` or CSV: all rows or none, problems listed by sheet, row and column.
    func importTasks(req: Request) async throws -> Response {
        let service = CampaignService(req: req)
        let campaign = try await service.managed(try id(req), by: try req.currentUser())
        guard let file = try? req.content.decode(ImportForm.self).file, file.data.readableBytes > 0 else {
            return req.page(try await CampaignPage.build(req, campaign: campaign, messages: [Texts(req)("error.field.required")]), status: .badRequest)
        }
        do {
            let count = try await CSVImport.run(.tasks, data: Data(file.data.readableBytesView), on: req.application, campaignId: campaign.id)
            return req.redirect(to: SiteURL.campaign(.id(campaign.id ?? 0)).with(query: "imported=\(count)"))
        } catch let failure as CSVImport.Failure {
            let en = Texts(req).locale == .en
            let lines = failure.problems.map { p -> String in
                let message = p.message.components(separatedBy: " / ")
                return "\(p.place): \((en ? message.last : message.first) ?? p.message)"
            }
            return req.page(try await CampaignPage.build(req, campaign: campaign, messages: [Texts(req)("error.import.failed")] + lines),
                            status: .badRequest)
        }
    }

    func export(_ req: Request, _ format: Download.Format) async throws -> Response {
        let service = CampaignService(req: req)
        let campaign = try await service.visible(try id(req), to: try req.currentUser())
        return try await CampaignEvidence.export(req, campaign: campaign, service: service, format)
    }

    func evidence(req: Request) async throws -> Response {
        let service = CampaignService(req: req)
        let campaign = try await service.visible(try id(req), to: try req.currentUser())
        let attachmentId = try req.id("attachmentID")
        let link = try await CampaignTaskEvidenceRecord.query(on: req.db).filter(\.$attachment.$id == attachmentId).with(\.$task).all()
            .first { $0.task.$campaign.id == campaign.id }
        guard let link else { throw SafeGridError.notFound }
        return try await CampaignEvidence.serve(req, task: link.task, attachmentId: attachmentId)
    }

    private func id(_ req: Request) throws -> Int {
        guard let id = req.parameters.get("campaignID", as: Int.self) else { throw SafeGridError.notFound }
        return id
    }
}

/// `GET /p/campaigns/:token`: the published progress page. No sign-in: township offices hand
/// the link out (or print the page); it cannot be guessed and stops working when withdrawn.
struct CampaignPublicController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.publicCampaign(.key).pathComponents) { req async throws -> Response in
            let token = try req.parameters.require("token")
            let page = try await CampaignPublicPage.build(req, token: token)
            let response = Response(status: .ok, body: .init(string: page.document()))
            response.headers.contentType = .html
            response.headers.replaceOrAdd(name: "X-Robots-Tag", value: "noindex")
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
            return response
        }
    }
}
