import Fluent
import SafeGridDomain
import Vapor

/// What the ledger page shows, as read for one request (`LedgerPage.load`).
struct LedgerData {
    var rows: [HazardListItem] = []
    var total = 0
    var gridOptions: [FormField.Option] = []
    /// A filter the request got wrong (the page answers 400 and keeps the form).
    var error: SafeGridError?
}

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

    /// The page for a request: `load` reads, the initialiser only arranges.
    static func build(_ req: Request) async throws -> (LedgerPage, HTTPResponseStatus) {
        let user = try req.currentUser()
        let number = try Pager.page(req)
        let today = CivilDate(req.now)
        let data = try await load(req, user: user, page: number, today: today)
        let values = QueryValues(req.query)
        let page = LedgerPage(PageContext(req, title: Texts(req)("ledger.title")), data, query: req.url.query, value: { values[$0] },
                              page: number, today: today, calendar: try await req.workCalendar())
        return (page, data.error == nil ? .ok : .badRequest)
    }

    /// Everything the ledger page reads for one request, in its three statements (count, the
    /// page of rows, the grids for the filter); a filter the request got wrong is kept as the
    /// error the page shows beside the form.
    static func load(_ req: Request, user: CurrentUser, page number: Int, today: CivilDate) async throws -> LedgerData {
        var data = LedgerData()
        do {
            let selection = try await HazardQuery.scoped(try HazardFilter(query: req.query), for: user, today: today, on: req.db)
            data.total = try await HazardReads.count(selection, on: req.db)
            data.rows = try await HazardReads.page(selection, offset: (number - 1) * Pager.perPage, limit: Pager.perPage, names: true,
                                                   on: req.db)
        } catch let e as SafeGridError where e.kind == .invalid {
            data.error = e
        }
        data.gridOptions = try await GridOptions.covered(by: user, on: req)
        return data
    }

    /// The page from what `load` read: no database, no request (LedgerPageTests build it from
    /// rows made in memory).
    init(_ page: PageContext, _ data: LedgerData, query raw: String?, value: (String) -> String?, page number: Int, today: CivilDate,
         calendar: WorkCalendar) {
        let t = page.texts
        self.page = page
        var filters = Self.filterFields(value: value, gridOptions: data.gridOptions, t: t)
        let problems = filters.attach(data.error?.fields ?? [], t)
        self.filters = filters
        rows = data.rows.map { HazardLine($0, today: today, calendar: calendar, t: t) }
        pager = Pager(total: data.total, page: number, path: SiteURL.hazards.path, query: raw, t: t)
        csvHref = SiteURL.hazardsCSV.with(query: Pager.query(raw, dropping: ["page"]))
        xlsxHref = SiteURL.hazardsXLSX.with(query: Pager.query(raw, dropping: ["page"]))
        error = data.error.map { ([t.message($0)] + problems).joined(separator: " ") }
        empty = rows.isEmpty
        filtersActive = !Pager.query(raw, dropping: ["page", "lang"]).isEmpty
    }

    /// The filter form, filled from the query as sent.
    static func filterFields(value lookup: (String) -> String?, gridOptions: [FormField.Option], t: Texts) -> [FormField] {
        func value(_ key: String) -> String { lookup(key) ?? "" }
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
            .select("gridId", label: t("ledger.filter.grid"), options: gridOptions,
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
