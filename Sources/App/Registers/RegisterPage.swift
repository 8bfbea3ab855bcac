import Fluent
import SafeGridDomain
import Vapor

/// What the register forms post: the fields of all three registers, as text.
struct RegisterFormInput: Content {
    var kind, title, heldOn, venue, gridId, people, note: String?
    var occurredOn, type, deaths, injuries, liability, description: String?
    var receivedOn, channel, content, reporter, hazardId, handledOn, reply: String?

    func activity() -> (ActivityRequest, [FieldError]) {
        var errors = FieldErrors()
        let body = ActivityRequest(kind: kind, title: title, heldOn: heldOn, venue: venue, gridId: WebFormat.int(gridId, field: "gridId", errors: &errors),
                                   people: WebFormat.int(people, field: "people", errors: &errors), note: note)
        return (body, errors.items)
    }

    func accident() -> (AccidentRequest, [FieldError]) {
        var errors = FieldErrors()
        let body = AccidentRequest(occurredOn: occurredOn, venue: venue, gridId: WebFormat.int(gridId, field: "gridId", errors: &errors),
                                   type: type, deaths: WebFormat.int(deaths, field: "deaths", errors: &errors),
                                   injuries: WebFormat.int(injuries, field: "injuries", errors: &errors), liability: liability, description: description)
        return (body, errors.items)
    }

    func report() -> (PublicReportRequest, [FieldError]) {
        var errors = FieldErrors()
        let body = PublicReportRequest(receivedOn: receivedOn, channel: channel, gridId: WebFormat.int(gridId, field: "gridId", errors: &errors),
                                       content: content, reporter: reporter, hazardId: WebFormat.int(hazardId, field: "hazardId", errors: &errors),
                                       handledOn: handledOn, reply: reply)
        return (body, errors.items)
    }
}

/// `GET /registers/:register`: one register's rows in reach, the form to add one (for those
/// who may), date filters and exports.
struct RegisterPage {
    let page: PageContext
    let register: String
    let tabs: [PageContext.NavItem]
    let filters: [FormField]
    let form: [FormField]
    let formAction: String?
    let alert: String?
    let errors: [String]
    let headers: [String]
    let rows: [Row]
    let pager: Pager
    let csvHref: String
    let xlsxHref: String

    struct Row: Encodable {
        let cells: [String]
        /// Unhandled public reports: where the handle form posts.
        let handleAction: String?
        /// Activities and accidents: the entry's page (history, correction, voiding).
        let entryHref: String?
        let voided: Bool
    }

    static func build(_ req: Request, _ register: Register, input: RegisterFormInput? = nil, error: SafeGridError? = nil) async throws -> RegisterPage {
        let user = try req.currentUser()
        let t = Texts(req)
        let number = try Pager.page(req)
        let table = try await RegisterTable.load(req, register, limit: Pager.perPage, offset: (number - 1) * Pager.perPage)
        let grids = try await GridOptions.covered(by: user, on: req) { RegisterPermissions.mayRecord(register, user.actor, gridPath: $0.path) }
        var form = grids.isEmpty ? [] : fields(register, input: input, grids: grids, today: CivilDate(req.now), t)
        let unplaced = form.attach(error?.fields ?? [], t)
        func value(_ key: String) -> String { (try? req.query.get(String.self, at: key)) ?? "" }
        let filters = [FormField("from", label: t("registers.from"), kind: .date, value: value("from"), idPrefix: "filter"),
                       FormField("to", label: t("registers.to"), kind: .date, value: value("to"), idPrefix: "filter")]
        let path = SiteURL.register(.value(register.rawValue)).path
        let query = Pager.query(req.url.query, dropping: ["page", "format"])
        let canHandle = register == .publicReports
        return RegisterPage(
            page: PageContext(req, title: t("registers.\(register.rawValue)")), register: register.rawValue,
            tabs: Register.allCases.map {
                PageContext.NavItem(href: SiteURL.register(.value($0.rawValue)).path, label: t("registers.\($0.rawValue)"), active: $0 == register)
            },
            filters: filters, form: form, formAction: form.isEmpty ? nil : path,
            alert: error.map { t.message($0) }, errors: unplaced, headers: table.headers,
            rows: table.rows.map { row in
                let handles = canHandle && !row.handled && RegisterPermissions.mayRecord(.publicReports, user.actor, gridPath: row.gridPath)
                return Row(cells: row.cells, handleAction: handles ? SiteURL.registerEntryHandle(.value(register.rawValue), .id(row.id)).path : nil,
                           entryHref: canHandle ? nil : SiteURL.registerEntry(.value(register.rawValue), .id(row.id)).path, voided: row.voided)
            },
            pager: Pager(total: table.total, page: number, path: path, query: req.url.query, t: t),
            csvHref: SiteURL.registerExport(.value(register.rawValue)).with(query: "format=csv" + (query.isEmpty ? "" : "&" + query)),
            xlsxHref: SiteURL.registerExport(.value(register.rawValue)).with(query: "format=xlsx" + (query.isEmpty ? "" : "&" + query)))
    }

    static func fields(_ register: Register, input i: RegisterFormInput?, grids: [FormField.Option], today: CivilDate, _ t: Texts) -> [FormField] {
        let p = "reg"
        let grid = FormField.select("gridId", label: t("hazard.grid"), options: grids, selected: i?.gridId, blank: t("form.choose"), required: true, idPrefix: p)
        func date(_ name: String, _ label: String, _ value: String?) -> FormField {
            FormField(name, label: t(label), kind: .date, value: value ?? today.description, required: true, idPrefix: p)
        }
        switch register {
        case .activities:
            return [
                .select("kind", label: t("registers.kind"), options: FormField.options(ActivityKind.self, "activity", t), selected: i?.kind,
                        blank: t("form.choose"), required: true, idPrefix: p),
                FormField("title", label: t("registers.title_field"), value: i?.title ?? "", required: true, idPrefix: p),
                date("heldOn", "registers.date", i?.heldOn), grid,
                FormField("venue", label: t("registers.venue"), value: i?.venue ?? "", required: true, idPrefix: p),
                FormField("people", label: t("registers.people"), kind: .number, value: i?.people ?? "0", required: true, idPrefix: p),
                FormField("note", label: t("registers.note"), kind: .textarea, value: i?.note ?? "", idPrefix: p),
            ]
        case .accidents:
            return [
                date("occurredOn", "registers.date", i?.occurredOn), grid,
                FormField("venue", label: t("registers.venue"), value: i?.venue ?? "", required: true, idPrefix: p),
                .select("type", label: t("registers.type"), options: FormField.options(AccidentType.self, "accident", t), selected: i?.type,
                        blank: t("form.choose"), required: true, idPrefix: p),
                FormField("deaths", label: t("registers.deaths"), kind: .number, value: i?.deaths ?? "0", idPrefix: p),
                FormField("injuries", label: t("registers.injuries"), kind: .number, value: i?.injuries ?? "0", idPrefix: p),
                .select("liability", label: t("registers.liability"), options: FormField.options(AccidentLiability.self, "liability", t),
                        selected: i?.liability, blank: t("form.choose"), required: true, idPrefix: p),
                FormField("description", label: t("registers.description"), kind: .textarea, value: i?.description ?? "", required: true, idPrefix: p),
            ]
        case .publicReports:
            return [
                date("receivedOn", "registers.received_on", i?.receivedOn),
                .select("channel", label: t("registers.channel"), options: FormField.options(ReportChannel.self, "channel", t),
                        selected: i?.channel, blank: t("form.choose"), required: true, idPrefix: p),
                grid,
                FormField("content", label: t("registers.content"), kind: .textarea, value: i?.content ?? "", required: true, idPrefix: p),
                FormField("reporter", label: t("registers.reporter"), value: i?.reporter ?? "", idPrefix: p),
                FormField("hazardId", label: t("registers.hazard_id"), kind: .number, value: i?.hazardId ?? "", idPrefix: p),
            ]
        }
    }
}

/// Navigation items of the registers, assessment and bulletins, by what the user may see.
enum ReportNav {
    static func items(for actor: Actor) -> [(String, String)] {
        var items: [(String, String)] = []
        if RegisterPermissions.mayView(actor) { items.append((SiteURL.register(.value(Register.activities.rawValue)).path, "nav.registers")) }
        if RegisterPermissions.mayViewAssessment(actor) {
            items += [(SiteURL.assessments.path, "nav.assessments"), (SiteURL.bulletins.path, "nav.bulletins")]
        }
        return items
    }
}
