import Fluent
import SafeGridDomain
import Vapor

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

    /// The page, and the status to send: 200, or the failure's 400/403/409.
    static func build(_ req: Request, id: Int, failure: Failure? = nil) async throws -> (HazardDetailPage, HTTPResponseStatus) {
        let user = try req.currentUser()
        let t = Texts(req)
        let today = CivilDate(req.now)
        // Three statements whatever the history holds: the hazard with its names, its files, its events.
        let row = try await HazardReads.detail(id, to: user, on: req.db)
        let h = row.hazard
        let attachments = try await HazardReads.attachments(of: id, on: req.db)
        let events = try await HazardReads.events(of: id, on: req.db)
        let byId = Dictionary(attachments.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let calendar = try await req.workCalendar()
        let overdue = Overdue.workdaysOverdue(state: h.state, deadline: h.deadline.flatMap(CivilDate.init(iso:)), today: today, calendar: calendar)

        let summary = Heading(
            id: id, number: h.number, title: h.title, description: h.description, state: h.state.rawValue,
            stateLabel: t.label("state", h.state), grade: t.label("grade", h.grade), major: h.grade == .major,
            version: h.version, overdue: overdue.map { t("ledger.overdue_days", "\($0)") },
            noticeHref: h.noticeNumber == nil ? nil : SiteURL.hazardNotice(.id(id)).path)

        var alert: String?
        var status = HTTPResponseStatus.ok
        var actions: [ActionForm] = []
        let kept = try await WebUploads.kept(failure?.kept ?? [], by: user, on: req)
        for action in Permissions.allowedActions(user.actor, h.facts) {
            let failed = failure.flatMap { $0.input.action.flatMap(HazardAction.init(wire:)) == action ? $0 : nil }
            var fields = HazardActionForms.fields(for: action, grade: h.grade, values: failed?.input, today: today, t: t)
            let unplaced = failed.map { fields.attach($0.error.fields, t) } ?? []
            actions.append(ActionForm(
                action: action.rawValue, label: t.label("action", action), fields: fields, open: failed != nil,
                danger: action == .void, kept: failed == nil ? "" : kept.compactMap { $0.id.map(String.init) }.joined(separator: ","),
                keptPhotos: failed == nil ? [] : kept.map(PhotoLink.init), errors: unplaced))
        }
        if let failure {
            let stale = isStale(failure, current: h)
            alert = stale ? t("hazard.stale", t.label("state", h.state)) : t.message(failure.error)
            status = stale ? .conflict : failure.error.status
        }

        return (HazardDetailPage(
            page: PageContext(req, title: h.number), hazard: summary,
            facts: facts(row, calendar: calendar, t: t),
            photos: attachments.map(PhotoLink.init),
            plan: planFacts(h.plan.flatMap { JSONCoding.decode(GovernancePlan.self, $0) }, t: t),
            timeline: events.map { TimelineEntry($0, attachments: byId, t: t) },
            actions: actions, alert: alert), status)
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
