import Fluent
import SafeGridDomain
import Vapor

/// What the hazard page reads for one request (`HazardDetailPage.load`).
struct HazardDetailData {
    var row: HazardDetailRow
    var attachments: [AttachmentLinkRow] = []
    var events: [HazardEventListItem] = []
    /// The photos a refused action form had uploaded, offered again beside it.
    var kept: [AttachmentRecord] = []
}

/// `GET /hazards/:id`: facts, photos, plan, timeline and the forms of the actions the viewer
/// may take now. Also the page an action comes back to when it fails.
struct HazardDetailPage {
    let page: PageContext
    let hazard: Heading
    let facts: [Fact]
    let photos: [PhotoLink]
    let plan: [Fact]
    let timeline: [TimelineEntry]
    let actions: [ActionForm]
    let alert: String?

    struct Heading: Encodable {
        let id: Int
        let number: String
        let title: String
        let description: String
        let state: String
        let stateLabel: String
        let grade: String
        let major: Bool
        let version: Int
        let overdue: String?
        let noticeHref: String?
    }

    struct Fact: Encodable {
        let label: String
        let value: String
        var href: String?
    }

    /// A submitted action that the rules refused, to show with the user's input.
    struct Failure {
        let input: ActionFormInput
        let error: SafeGridError
        let kept: [Int]
    }

    /// The status to send: 200, or the failure's 400/403/409.
    let status: HTTPResponseStatus

    /// The page for a request: `load` reads, the initialiser only arranges.
    static func build(_ req: Request, id: Int, failure: Failure? = nil) async throws -> HazardDetailPage {
        let user = try req.currentUser()
        let data = try await load(req, id: id, user: user, kept: failure?.kept ?? [])
        return HazardDetailPage(PageContext(req, title: data.row.hazard.number), data, actor: user.actor, failure: failure,
                                today: CivilDate(req.now), calendar: try await req.workCalendar())
    }

    /// Everything the page reads, in three statements whatever the history holds (the hazard
    /// with its names, its files, its events), plus the photos a refused form had uploaded.
    static func load(_ req: Request, id: Int, user: CurrentUser, kept: [Int]) async throws -> HazardDetailData {
        HazardDetailData(row: try await HazardReads.detail(id, to: user, on: req.db),
                         attachments: try await HazardReads.attachments(of: id, on: req.db),
                         events: try await HazardReads.events(of: id, on: req.db),
                         kept: try await WebUploads.kept(kept, by: user, on: req))
    }

    /// The page from what `load` read: no database, no request (HazardDetailPageTests build it
    /// from rows made in memory).
    init(_ page: PageContext, _ data: HazardDetailData, actor: Actor, failure: Failure?, today: CivilDate, calendar: WorkCalendar) {
        let t = page.texts
        let row = data.row, h = row.hazard, id = h.id
        let byId = Dictionary(data.attachments.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let overdue = Overdue.workdaysOverdue(state: h.state, deadline: h.deadline.flatMap(CivilDate.init(iso:)), today: today, calendar: calendar)
        self.page = page
        hazard = Heading(
            id: id, number: h.number, title: h.title, description: h.description, state: h.state.rawValue,
            stateLabel: t.label("state", h.state), grade: t.label("grade", h.grade), major: h.grade == .major,
            version: h.version, overdue: overdue.map { t("ledger.overdue_days", "\($0)") },
            noticeHref: h.noticeNumber == nil ? nil : SiteURL.hazardNotice(.id(id)).path)

        var actions: [ActionForm] = []
        for action in Permissions.allowedActions(actor, h.facts) {
            let failed = failure.flatMap { $0.input.action.flatMap(HazardAction.init(wire:)) == action ? $0 : nil }
            var fields = HazardActionForms.fields(for: action, grade: h.grade, values: failed?.input, today: today, t: t)
            let unplaced = failed.map { fields.attach($0.error.fields, t) } ?? []
            actions.append(ActionForm(
                action: action.rawValue, label: t.label("action", action), fields: fields, open: failed != nil,
                danger: action == .void, kept: failed == nil ? "" : data.kept.compactMap { $0.id.map(String.init) }.joined(separator: ","),
                keptPhotos: failed == nil ? [] : data.kept.map(PhotoLink.init), errors: unplaced))
        }
        self.actions = actions
        if let failure {
            let stale = Self.isStale(failure, current: h)
            alert = stale ? t("hazard.stale", t.label("state", h.state)) : t.message(failure.error)
            status = stale ? .conflict : failure.error.status
        } else {
            alert = nil
            status = .ok
        }
        facts = Self.facts(row, calendar: calendar, t: t)
        photos = data.attachments.map(PhotoLink.init)
        plan = Self.planFacts(h.plan.flatMap { JSONCoding.decode(GovernancePlan.self, $0) }, t: t)
        timeline = data.events.map { TimelineEntry($0, attachments: byId, t: t) }
    }

    /// When the hazard moved on since the form was loaded, that is what the user needs to
    /// hear, whatever the rules said about the old state.
    static func isStale(_ failure: Failure, current: HazardRow) -> Bool {
        let seen = failure.input.version.flatMap { Int($0) }
        return failure.error == .staleVersion || (seen != nil && seen != current.version && failure.error.kind != .invalid)
    }

    static func facts(_ row: HazardDetailRow, calendar: WorkCalendar, t: Texts) -> [Fact] {
        let h = row.hazard
        let grid = row.gridName ?? "", township = row.townshipName ?? ""
        var facts: [Fact] = [
            Fact(label: t("hazard.category"), value: t.label("category", h.category)),
            Fact(label: t("hazard.source"), value: t.label("source", h.source)),
            Fact(label: t("hazard.grid"), value: township == grid ? grid : "\(township) · \(grid)", href: SiteURL.hazards.with(query: "gridId=\(h.gridId)")),
        ]
        if let placeId = h.placeId, let name = row.placeName {
            facts.append(Fact(label: t("hazard.place"), value: t("form.with_detail", name, row.placeAddress ?? ""), href: SiteURL.hazards.with(query: "placeId=\(placeId)")))
        }
        if let text = h.locationText, !text.isEmpty { facts.append(Fact(label: t("hazard.location"), value: text)) }
        if let lat = h.latitude, let lon = h.longitude {
            facts.append(Fact(label: t("hazard.coordinates"), value: String(format: "%.6f, %.6f", lat, lon)))
        }
        facts.append(Fact(label: t("hazard.discovered"), value: [WebFormat.dateTime(h.discoveredAt), row.discovererName ?? ""].joined(separator: " · ")))
        if let deadline = h.deadline {
            // A deadline on a rest day is legal but often a slip: say so where it is read.
            let restDay = Overdue.isOnRestDay(CivilDate(iso: deadline), calendar: calendar)
            facts.append(Fact(label: t("hazard.deadline"), value: deadline + (restDay ? t("hazard.deadline_rest_day") : "")))
        }
        let responsible = [h.responsibleName, h.responsiblePhone, h.responsibleDepartment.map { t.label("department", $0) }]
            .compactMap { $0 }.filter { !$0.isEmpty }
        if !responsible.isEmpty { facts.append(Fact(label: t("hazard.responsible"), value: responsible.joined(separator: " · "))) }
        if let r = h.requirement, !r.isEmpty { facts.append(Fact(label: t("hazard.requirement"), value: r)) }
        if h.escalation > 0 { facts.append(Fact(label: t("hazard.escalation"), value: t("escalation.\(h.escalation)"))) }
        if let d = h.transferredTo { facts.append(Fact(label: t("hazard.transferred_to"), value: t.label("department", d))) }
        if h.reworkCount > 0 { facts.append(Fact(label: t("hazard.rework"), value: "\(h.reworkCount)")) }
        if let n = h.noticeNumber { facts.append(Fact(label: t("hazard.notice"), value: n, href: SiteURL.hazardNotice(.id(h.id)).path)) }
        if let closed = h.closedAt { facts.append(Fact(label: t("hazard.closed_at"), value: WebFormat.dateTime(closed))) }
        return facts
    }

    static func planFacts(_ plan: GovernancePlan?, t: Texts) -> [Fact] {
        guard let plan else { return [] }
        let values = [plan.goal, plan.measures, plan.funding, plan.organisation, plan.timeline, plan.safetyMeasures]
        return zip(GovernancePlan.partNames, values).map { Fact(label: t("plan.\($0)"), value: $1) }
    }
}
