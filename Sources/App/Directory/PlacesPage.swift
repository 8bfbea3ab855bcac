import Fluent
import SafeGridDomain
import Vapor

/// `GET /places`: supervised places (监管对象) in reach, filtered by grid, category and text.
struct PlacesPage {
    let page: PageContext
    let filters: [FormField]
    let rows: [Row]
    let pager: Pager
    let mayAdd: Bool
    let error: String?

    struct Row: Encodable {
        let name: String
        let category: String
        let grid: String
        let address: String
        let contact: String
        let editHref: String?
        let hazardsHref: String
        let riskHref: String
        let riskLevel: String?
        let riskLabel: String?
        let newHazardHref: String?
    }

    static func build(_ req: Request) async throws -> (PlacesPage, HTTPResponseStatus) {
        let user = try req.currentUser()
        let t = Texts(req)
        let number = try Pager.page(req)
        var rows: [Row] = []
        var total = 0
        var failure: SafeGridError?
        let mayRegister = !NewHazardDefaults.sources(user.actor).isEmpty
        do {
            let query = try await PlaceQuery.filtered(req.query, for: user.actor, on: req.db)
            total = try await query.copy().count()
            rows = try await query.with(\.$grid).sort(\.$name).sort(\.$id)
                .range(((number - 1) * Pager.perPage)..<(number * Pager.perPage)).all()
                .map { p in
                    let id = p.id ?? 0
                    return Row(name: p.name, category: t.label("place", p.category), grid: p.grid.name, address: p.address,
                               contact: [p.contactName, p.contactPhone].compactMap { $0 }.joined(separator: " "),
                               editHref: Permissions.mayEditPlace(user.actor, gridPath: p.gridPath) ? SiteURL.editPlace(.id(id)).path : nil,
                               hazardsHref: SiteURL.hazards.with(query: "placeId=\(id)"), riskHref: SiteURL.placeRisk(.id(id)).path,
                               riskLevel: p.riskLevel?.rawValue, riskLabel: p.riskLevel.map { t.label("risk.level", $0) },
                               newHazardHref: mayRegister ? SiteURL.newHazard.with(query: "placeId=\(id)") : nil)
                }
        } catch let e as SafeGridError where e.kind == .invalid {
            failure = e
        }
        func value(_ key: String) -> String { (try? req.query.get(String.self, at: key)) ?? "" }
        var filters: [FormField] = [
            FormField("q", label: t("places.filter.text"), value: value("q"), idPrefix: "filter"),
            .select("gridId", label: t("hazard.grid"), options: try await GridOptions.covered(by: user, on: req),
                    selected: value("gridId"), blank: t("ledger.all"), idPrefix: "filter"),
            .select("category", label: t("places.category"), options: FormField.options(PlaceCategory.self, "place", t),
                    selected: value("category"), blank: t("ledger.all"), idPrefix: "filter"),
        ]
        let problems = filters.attach(failure?.fields ?? [], t)
        let mayAdd = try await !PlaceFormPage.gridOptions(user, on: req).isEmpty
        let context = PlacesPage(page: PageContext(req, title: t("places.title")), filters: filters, rows: rows,
                                 pager: Pager(total: total, page: number, path: SiteURL.places.path, query: req.url.query, t: t),
                                 mayAdd: mayAdd, error: failure.map { ([t.message($0)] + problems).joined(separator: " ") })
        return (context, failure == nil ? .ok : .badRequest)
    }
}
