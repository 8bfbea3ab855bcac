import Fluent
import SafeGridDomain
import Vapor

/// `GET /hazards`: the ledger (台账) with filters, sorting and pages of fifty.
struct LedgerPage {
    let page: PageContext
    let filters: [FormField]
    let rows: [HazardLine]
    let pager: Pager
    let csvHref: String
    let xlsxHref: String
    let error: String?
    let empty: Bool
    /// Filters fold away on a phone unless some are set.
    let filtersActive: Bool

    static func build(_ req: Request) async throws -> (LedgerPage, HTTPResponseStatus) {
        let user = try req.currentUser()
        let t = Texts(req)
        let today = CivilDate(req.now)
        let number = try Pager.page(req)
        let calendar = try await req.workCalendar()
        var rows: [HazardLine] = []
        var total = 0
        var error: SafeGridError?
        do {
            let selection = try await HazardQuery.scoped(try HazardFilter(query: req.query), for: user, today: today, on: req.db)
            total = try await HazardReads.count(selection, on: req.db)
            rows = try await HazardReads.page(selection, offset: (number - 1) * Pager.perPage, limit: Pager.perPage, names: true, on: req.db)
                .map { HazardLine($0, today: today, calendar: calendar, t: t) }
        } catch let e as SafeGridError where e.kind == .invalid {
            error = e
        }
        var filters = try await filterFields(req, user: user, t: t)
        let problems = filters.attach(error?.fields ?? [], t)
        let raw = req.url.query
        let context = LedgerPage(
            page: PageContext(req, title: t("ledger.title")), filters: filters, rows: rows,
            pager: Pager(total: total, page: number, path: SiteURL.hazards.path, query: raw, t: t),
            csvHref: SiteURL.hazardsCSV.with(query: Pager.query(raw, dropping: ["page"])),
            xlsxHref: SiteURL.hazardsXLSX.with(query: Pager.query(raw, dropping: ["page"])),
            error: error.map { ([t.message($0)] + problems).joined(separator: " ") },
            empty: rows.isEmpty, filtersActive: !Pager.query(raw, dropping: ["page", "lang"]).isEmpty)
        return (context, error == nil ? .ok : .badRequest)
    }

    /// The filter form, filled from the query as sent.
    static func filterFields(_ req: Request, user: CurrentUser, t: Texts) async throws -> [FormField] {
        let values = QueryValues(req.query)
        func value(_ key: String) -> String { values[key] ?? "" }
        let open = HazardState.allCases.filter(\.isOpen).map(\.rawValue).joined(separator: ",")
        let states = [FormField.Option(value: open, label: t("ledger.state_open"))] + FormField.options(HazardState.self, "state", t)
        var text = FormField("q", label: t("ledger.filter.text"), value: value("q"), idPrefix: "filter")
        text.hint = t("ledger.filter.text_hint")
        var overdue = FormField("overdue", label: t("ledger.filter.overdue"), kind: .checkbox, idPrefix: "filter")
        overdue.value = "true"
        overdue.checked = ["true", "1", "on"].contains(value("overdue"))
        let sorts: [(String, String)] = [
            ("-discoveredAt", "ledger.sort.newest"), ("discoveredAt", "ledger.sort.oldest"), ("deadline", "ledger.sort.deadline"),
            ("-deadline", "ledger.sort.deadline_desc"), ("number", "ledger.sort.number"), ("state", "ledger.sort.state"),
            ("title", "ledger.sort.title"),
        ]
        return [
            text,
            .select("state", label: t("ledger.filter.state"), options: states, selected: value("state"), blank: t("ledger.all"), idPrefix: "filter"),
            .select("gridId", label: t("ledger.filter.grid"), options: try await GridOptions.covered(by: user, on: req.db),
                    selected: value("gridId"), blank: t("ledger.all"), idPrefix: "filter"),
            .select("category", label: t("hazard.category"), options: FormField.options(HazardCategory.self, "category", t),
                    selected: value("category"), blank: t("ledger.all"), idPrefix: "filter"),
            .select("grade", label: t("hazard.grade"), options: FormField.options(HazardGrade.self, "grade", t),
                    selected: value("grade"), blank: t("ledger.all"), idPrefix: "filter"),
            .select("source", label: t("hazard.source"), options: FormField.options(HazardSource.self, "source", t),
                    selected: value("source"), blank: t("ledger.all"), idPrefix: "filter"),
            FormField("from", label: t("ledger.filter.from"), kind: .date, value: value("from"), idPrefix: "filter"),
            FormField("to", label: t("ledger.filter.to"), kind: .date, value: value("to"), idPrefix: "filter"),
            .select("sort", label: t("ledger.filter.sort"), options: sorts.map { .init(value: $0.0, label: t($0.1)) },
                    selected: value("sort").isEmpty ? "-discoveredAt" : value("sort"), idPrefix: "filter"),
            overdue,
        ]
    }
}
