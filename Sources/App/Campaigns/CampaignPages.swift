import Fluent
import SafeGridDomain
import Vapor

/// The figures of a campaign as pages print them.
struct CampaignSummary: Encodable {
    let id: Int
    let name: String
    let theme: String?
    let goals: String?
    let period: String
    let phase: String
    let day: String
    let progress: String
    /// 0–100 for the width of the bar.
    let progressWidth: Int
    let tasks: String
    let overdue: Int
    let behind: Bool
    let hazards: String
    let inspections: Int
    let categories: String
    let href: String

    init(_ c: CampaignRecord, progress p: CampaignProgressDTO, t: Texts) {
        id = c.id ?? 0
        name = c.name
        theme = c.theme
        goals = c.goals
        period = "\(c.startDate) — \(c.endDate)"
        phase = t.label("campaign.phase", p.phase)
        day = p.dayNumber.map { t("campaign.day_of", "\($0)", "\(p.days)") } ?? t("campaign.days_total", "\(p.days)")
        progress = String(format: "%.1f%%", p.progressPercent)
        progressWidth = Int(p.progressPercent.rounded())
        tasks = t("campaign.tasks_of", "\(p.done)", "\(p.total)")
        overdue = p.overdue
        behind = p.behindSchedule
        hazards = t("campaign.hazards_of", "\(p.hazardsClosed)", "\(p.hazards)")
        inspections = p.inspections
        categories = c.targetCategories.map { t.label("place", $0) }.joined(separator: t("form.list_separator"))
        href = SiteURL.campaign(.id(c.id ?? 0)).path
    }
}

/// One task line of the detail and public pages; overdue lines are flagged like overdue hazards.
struct CampaignTaskRow: Encodable {
    let id: Int
    let position: Int
    let title: String
    let description: String?
    let owner: String
    let deadline: String
    let counts: String
    let progress: String
    let status: String
    let done: Bool
    let overdue: String?
    let late: Bool
    let result: String?
    let evidence: [Link]
    /// The progress form, for the owner and managers.
    let reportAction: String?
    let doneCount: String
    let deleteAction: String?
    /// The edit form (title, owner, deadline, target, description) for managers; progress keeps.
    let editAction: String?
    let editFields: [FormField]
    let editOpen: Bool

    struct Link: Encodable {
        let href: String
        let label: String
    }

    init(_ task: CampaignTaskRecord, evidence ids: [Int], today: CivilDate, t: Texts, mayReport: Bool, mayManage: Bool, links: Bool,
         edit: (input: CampaignTaskFormInput, error: SafeGridError)? = nil) {
        let facts = task.facts
        let campaignId = task.$campaign.id
        id = task.id ?? 0
        position = task.position
        title = task.title
        description = task.description
        owner = task.ownerName
        deadline = task.deadline
        counts = task.targetCount.map { "\(task.doneCount) / \($0)" } ?? (task.doneCount > 0 ? "\(task.doneCount)" : "")
        progress = String(format: "%.0f%%", Double(CampaignRules.progressPerMille(facts)) / 10)
        status = t.label("campaign.status", CampaignRules.status(facts))
        done = facts.completedOn != nil
        overdue = CampaignRules.daysOverdue(facts, today: today).map { t("campaign.overdue_days", "\($0)") }
        late = CampaignRules.completedLate(facts)
        result = task.result.map { r in task.completedOn.map { t("punct.labelled", "\($0)", r) } ?? r }
        evidence = links ? ids.enumerated().map {
            Link(href: SiteURL.campaignEvidence(.id(campaignId), .id($1)).path, label: t("campaign.evidence_n", "\($0 + 1)"))
        } : []
        reportAction = mayReport ? SiteURL.campaignTaskProgress(.id(campaignId), .id(id)).path : nil
        doneCount = "\(task.doneCount)"
        deleteAction = mayManage ? SiteURL.campaignTaskDelete(.id(campaignId), .id(id)).path : nil
        editAction = mayManage ? SiteURL.campaignTaskEdit(.id(campaignId), .id(id)).path : nil
        var fields: [FormField] = []
        if mayManage {
            let current = CampaignTaskFormInput(title: task.title, ownerName: task.ownerName, deadline: task.deadline,
                                                targetCount: task.targetCount.map { "\($0)" } ?? "", description: task.description)
            fields = CampaignTaskFormInput.fields(edit?.input ?? current, t: t, idPrefix: "task-\(id)")
            if let error = edit?.error { _ = fields.attach(error.fields, t) }
        }
        editFields = fields
        editOpen = edit != nil
    }
}

/// `GET /campaigns`.
struct CampaignsPage {
    let page: PageContext
    let campaigns: [CampaignSummary]
    let mayCreate: Bool

    static func build(_ req: Request) async throws -> CampaignsPage {
        let user = try req.currentUser()
        let service = CampaignService(req: req)
        let t = Texts(req)
        let campaigns = try await service.list(for: user)
        let tasks = Dictionary(grouping: try await service.tasks(of: campaigns.compactMap(\.id)), by: { $0.$campaign.id })
        var summaries: [CampaignSummary] = []
        for c in campaigns {
            let p = CampaignProgressDTO(service.progress(c, tasks: tasks[c.id ?? 0] ?? []), links: try await service.links(c.requireID()))
            summaries.append(CampaignSummary(c, progress: p, t: t))
        }
        return CampaignsPage(page: PageContext(req, title: t("campaign.list_title")), campaigns: summaries,
                             mayCreate: CampaignPermissions.mayCreate(user.actor))
    }
}

/// `GET /campaigns/:id`: figures, task list with progress forms, import and export.
struct CampaignPage {
    let page: PageContext
    let campaign: CampaignSummary
    let rows: [CampaignTaskRow]
    let mayManage: Bool
    let editHref: String
    let shareHref: String?
    let xlsxHref: String
    let csvHref: String
    let taskFields: [FormField]
    let errors: [String]
    let notice: String?

    static func build(_ req: Request, campaign: CampaignRecord, input: CampaignTaskFormInput? = nil, error: SafeGridError? = nil,
                      messages: [String] = [], notice: String? = nil,
                      taskEdit: (taskId: Int, input: CampaignTaskFormInput, error: SafeGridError)? = nil) async throws -> CampaignPage {
        let user = try req.currentUser()
        let service = CampaignService(req: req)
        let t = Texts(req)
        let id = try campaign.requireID()
        let tasks = try await service.tasks(of: [id])
        let evidence = try await service.evidence(of: tasks.compactMap(\.id))
        let p = CampaignProgressDTO(service.progress(campaign, tasks: tasks), links: try await service.links(id))
        let manage = CampaignPermissions.mayManage(user.actor, campaignPath: campaign.gridPath)
        let rows = tasks.map { task in
            CampaignTaskRow(task, evidence: evidence[task.id ?? 0] ?? [], today: service.today, t: t,
                            mayReport: CampaignPermissions.mayReport(user.actor, campaignPath: campaign.gridPath, ownerUserId: task.$ownerUser.id),
                            mayManage: manage, links: true,
                            edit: taskEdit.flatMap { $0.taskId == task.id ? ($0.input, $0.error) : nil })
        }
        var fields = CampaignTaskFormInput.fields(input, t: t)
        var errors = messages
        if let error { errors += error.fields.isEmpty ? [t.message(error)] : fields.attach(error.fields, t) }
        return CampaignPage(page: PageContext(req, title: campaign.name), campaign: CampaignSummary(campaign, progress: p, t: t),
                            rows: rows, mayManage: manage, editHref: SiteURL.editCampaign(.id(id)).path,
                            shareHref: campaign.shareToken.map { SiteURL.publicCampaign(.value($0)).path },
                            xlsxHref: SiteURL.campaignTasksXLSX(.id(id)).path, csvHref: SiteURL.campaignTasksCSV(.id(id)).path,
                            taskFields: manage ? fields : [], errors: errors, notice: notice)
    }
}

/// `GET /p/campaigns/:token`: the published progress (晾晒), printable, no sign-in.
struct CampaignPublicPage {
    let lang: String
    let t: Texts
    let title: String
    let campaign: CampaignSummary
    let rows: [CampaignTaskRow]
    let asOf: String

    static func build(_ req: Request, token: String) async throws -> CampaignPublicPage {
        let service = CampaignService(req: req)
        let campaign = try await service.published(token: token)
        let t = Texts(req)
        let id = try campaign.requireID()
        let tasks = try await service.tasks(of: [id])
        let evidence = try await service.evidence(of: tasks.compactMap(\.id))
        let p = CampaignProgressDTO(service.progress(campaign, tasks: tasks), links: try await service.links(id))
        let rows = tasks.map {
            CampaignTaskRow($0, evidence: evidence[$0.id ?? 0] ?? [], today: service.today, t: t, mayReport: false, mayManage: false, links: false)
        }
        return CampaignPublicPage(lang: t.locale.rawValue, t: t, title: campaign.name,
                                  campaign: CampaignSummary(campaign, progress: p, t: t), rows: rows,
                                  asOf: t("campaign.as_of_day", service.today.description))
    }
}

/// What the add-task form posts.
struct CampaignTaskFormInput: Content {
    var title: String?
    var ownerName: String?
    var deadline: String?
    var targetCount: String?
    var description: String?

    func request() throws(SafeGridError) -> CampaignTaskRequest {
        var errors = FieldErrors()
        let target = WebFormat.int(targetCount, field: "targetCount", errors: &errors)
        try errors.throwIfAny()
        return CampaignTaskRequest(title: title, description: description, ownerName: ownerName, deadline: deadline, targetCount: target)
    }

    static func fields(_ input: CampaignTaskFormInput?, t: Texts, idPrefix p: String = "task") -> [FormField] {
        return [
            FormField("title", label: t("campaign.col.title"), value: input?.title ?? "", required: true, idPrefix: p),
            FormField("ownerName", label: t("campaign.col.ownerName"), value: input?.ownerName ?? "", required: true, idPrefix: p),
            FormField("deadline", label: t("campaign.col.deadline"), kind: .date, value: input?.deadline ?? "", required: true, idPrefix: p),
            FormField("targetCount", label: t("campaign.col.targetCount"), kind: .number, value: input?.targetCount ?? "", idPrefix: p),
            FormField("description", label: t("campaign.col.description"), kind: .textarea, value: input?.description ?? "", idPrefix: p),
        ]
    }
}
