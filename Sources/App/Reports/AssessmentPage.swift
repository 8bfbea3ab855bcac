import Fluent
import SafeGridDomain
import SafeGridRendering
import Vapor

/// `GET /assessments`: the ranking table of a period (平安考核排名) and `GET /assessments/history`:
/// one unit over past periods. Both with a bar chart and CSV/xlsx exports.
struct AssessmentPage {
    let page: PageContext
    let filters: [FormField]
    let alert: String?
    let headers: [String]
    let rows: [Row]
    let chart: String?
    let note: String
    let csvHref: String
    let xlsxHref: String

    struct Row: Encodable {
        let cells: [String]
        let vetoed: Bool
        let historyHref: String?
    }

    /// The period shown when none is asked for: the current month.
    static func defaultPeriod(_ req: Request) -> String { ReportPeriod.containing(CivilDate(req.now), kind: .month).code }

    static func build(_ req: Request) async throws -> (AssessmentPage, Workbook?) {
        let user = try req.currentUser()
        guard RegisterPermissions.mayViewAssessment(user.actor) else { throw SafeGridError.forbidden }
        let t = Texts(req)
        let periodCode = req.query[String.self, at: "period"] ?? defaultPeriod(req)
        let gridId = try req.queryInt("gridId")
        let targetRaw = req.query[String.self, at: "target"] ?? AssessmentTarget.village.rawValue
        var filters: [FormField] = [
            FormField("period", label: t("assessment.period"), value: periodCode, idPrefix: "filter"),
            .select("gridId", label: t("hazard.grid"), options: try await GridOptions.covered(by: user, on: req), selected: gridId.map(String.init),
                    blank: t("assessment.my_grid"), idPrefix: "filter"),
            .select("target", label: t("assessment.target"), options: FormField.options(AssessmentTarget.self, "target", t), selected: targetRaw, idPrefix: "filter"),
        ]
        filters[0].hint = t("assessment.period_hint")
        let query = Pager.query(req.url.query, dropping: ["format"])
        let exports = (SiteURL.assessments.with(query: "format=csv" + (query.isEmpty ? "" : "&" + query)),
                       SiteURL.assessments.with(query: "format=xlsx" + (query.isEmpty ? "" : "&" + query)))
        do {
            let period = try ReportScope.period(periodCode, allowCustom: false)
            guard let target = AssessmentTarget(rawValue: targetRaw) else { throw SafeGridError.invalid(field: "target", "error.field.invalid") }
            let grid = try await ReportScope.grid(gridId, for: user, on: req.db)
            let (set, units) = try await AssessmentService(db: req.db, now: req.now).ranking(root: grid, period: period, target: target)
            let indicators = Indicator.allCases.filter { (set.weights[$0] ?? 0) > 0 }
            let headers = [t("assessment.rank"), t("assessment.unit")] + indicators.map { t("punct.aside", t("indicator.\($0.rawValue)"), "\(set.weights[$0]!)") }
                + [t("assessment.score"), t("assessment.grade")]
            var typed: [[Cell]] = []
            let rows = units.map { unit -> Row in
                // Each cell typed for the workbook and as the page prints it.
                var cells: [(Cell, String)] = [(.integer(unit.rank), "\(unit.rank)"), (.text(unit.name), unit.name)]
                for i in indicators {
                    let value = unit.result.lines.first { $0.indicator == i }?.value
                    cells.append(value.map { (.percent(Double($0) / 1000), Rate($0, of: 1000)?.description ?? "") } ?? (.text("—"), "—"))
                }
                cells.append(unit.result.score.map { (.decimal(Double($0) / 10), Assessment.points($0)) } ?? (.text("—"), "—"))
                let grade = t.label("assessment.grade", unit.result.grade) + (unit.result.vetoed ? t("assessment.vetoed_mark") : "")
                cells.append((.text(grade), grade))
                typed.append(cells.map(\.0))
                return Row(cells: cells.map(\.1), vetoed: unit.result.vetoed,
                           historyHref: target == .village ? SiteURL.assessmentHistory.with(query: "gridId=\(unit.id)&period=\(period.code)") : nil)
            }
            let chart = BarChart(title: t("assessment.chart_title", grid.name, period.code),
                                 bars: units.map { .init($0.name, $0.result.score ?? 0, text: $0.result.score.map(Assessment.points) ?? "—") },
                                 maximum: 1000)
            let page = AssessmentPage(page: PageContext(req, title: t("assessment.title")), filters: filters, alert: nil, headers: headers, rows: rows,
                                      chart: units.isEmpty ? nil : chart.svg, note: t("assessment.note", "\(set.version)"),
                                      csvHref: exports.0, xlsxHref: exports.1)
            return (page, Workbook(sheets: [Sheet(name: "\(grid.name) \(period.code)", header: headers, rows: typed)]))
        } catch let error as SafeGridError where error.kind == .invalid {
            return (AssessmentPage(page: PageContext(req, title: t("assessment.title")), filters: filters, alert: t.message(error) + " "
                                   + error.fields.map { t.message($0) }.joined(separator: " "), headers: [], rows: [], chart: nil,
                                   note: "", csvHref: exports.0, xlsxHref: exports.1), nil)
        }
    }

    static func history(_ req: Request) async throws -> AssessmentPage {
        let user = try req.currentUser()
        guard RegisterPermissions.mayViewAssessment(user.actor) else { throw SafeGridError.forbidden }
        let t = Texts(req)
        let period = try ReportScope.period(req.query[String.self, at: "period"] ?? defaultPeriod(req), allowCustom: false)
        let grid = try await ReportScope.grid(try req.queryInt("gridId"), for: user, on: req.db)
        let items = try await AssessmentService(db: req.db, now: req.now).history(grid: grid, periods: period.history(6))
        let rows = items.map { p, r in
            Row(cells: [p.code, r.score.map(Assessment.points) ?? "—", t.label("assessment.grade", r.grade) + (r.vetoed ? t("assessment.vetoed_mark") : ""),
                        "v\(r.setVersion)"], vetoed: r.vetoed, historyHref: nil)
        }
        let chart = BarChart(title: t("assessment.history_title", grid.name), bars: items.map { .init($0.0.code, $0.1.score ?? 0, text: $0.1.score.map(Assessment.points) ?? "—") },
                             maximum: 1000)
        return AssessmentPage(page: PageContext(req, title: t("assessment.history_title", grid.name)), filters: [], alert: nil,
                              headers: [t("assessment.period"), t("assessment.score"), t("assessment.grade"), t("assessment.set_version")],
                              rows: rows, chart: chart.svg, note: t("assessment.history_note"), csvHref: "", xlsxHref: "")
    }
}
