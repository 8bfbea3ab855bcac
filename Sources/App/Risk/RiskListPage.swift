import Fluent
import SafeGridDomain
import Vapor

/// `GET /risks`: the list of major and significant risks (重大/较大风险清单) in reach, or of one level.
struct RiskListPage {
    let page: PageContext
    let filters: [FormField]
    let rows: [Row]
    let pager: Pager
    let error: String?
    /// The map buttons follow the rule the map routes check (`RiskPermissions.mayViewMaps`).
    let mayViewMaps: Bool

    struct Row: Encodable {
        let href: String
        let name: String
        let category: String
        let grid: String
        let level: String
        let levelLabel: String
        let displayed: String?
        let displayedLabel: String?
        let control: String
        let method: String
        let approvedAt: String
    }

    static func build(_ req: Request) async throws -> (RiskListPage, HTTPResponseStatus) {
        let user = try req.currentUser()
        let t = Texts(req)
        let number = try Pager.page(req)
        let raw = req.query[String.self, at: "level"] ?? ""
        var rows: [Row] = []
        var total = 0
        var failure: SafeGridError?
        do {
            let query = RiskQuery.risks(levels: try RiskQuery.levels(raw), for: user.actor, on: req.db)
            total = try await query.copy().count()
            let entries = try await RiskQuery.entries(query, offset: (number - 1) * Pager.perPage, limit: Pager.perPage,
                                                      rule: req.application.riskSettings.rule, on: req.db)
            let grids = try await GridRecord.query(on: req.db).filter(\.$id ~~ Set(entries.map(\.gridId))).all()
            let names = Dictionary(grids.map { ($0.id ?? 0, $0.name) }, uniquingKeysWith: { a, _ in a })
            rows = entries.map { e in
                let raised = e.displayedLevel != e.level
                return Row(href: SiteURL.placeRisk(.id(e.placeId)).path, name: e.placeName, category: t.label("place", e.category),
                           grid: names[e.gridId] ?? "", level: e.level.rawValue, levelLabel: t.label("risk.level", e.level),
                           displayed: raised ? e.displayedLevel.rawValue : nil, displayedLabel: raised ? t("risk.major_hazard_red") : nil,
                           control: t.label("risk.control", e.controlLevel),
                           method: e.assessment.map { "\($0.method.rawValue.uppercased()) \(RiskScore.format($0.score))" } ?? "",
                           approvedAt: WebFormat.date(e.assessment?.approvedAt))
            }
        } catch let e as SafeGridError where e.kind == .invalid {
            failure = e
        }
        let options = [FormField.Option(value: "", label: t("risk.filter_major"))]
            + RiskLevel.allCases.reversed().map { FormField.Option(value: $0.rawValue, label: t.label("risk.level", $0)) }
        var filters = [FormField.select("level", label: t("risk.filter_level"), options: options, selected: raw, idPrefix: "filter")]
        _ = filters.attach(failure?.fields ?? [], t)
        let context = RiskListPage(page: PageContext(req, title: t("risk.list_title")), filters: filters, rows: rows,
                                   pager: Pager(total: total, page: number, path: SiteURL.risks.path, query: req.url.query, t: t),
                                   error: failure.map { t.message($0) },
                                   mayViewMaps: RiskPermissions.mayViewMaps(try req.currentUser().actor))
        return (context, failure == nil ? .ok : .badRequest)
    }
}
