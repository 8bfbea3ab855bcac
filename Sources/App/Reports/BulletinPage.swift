import Fluent
import SafeGridDomain
import SafeGridRendering
import Vapor

/// `GET /bulletins`: stored bulletins in reach and the form to generate one.
struct BulletinsPage {
    let page: PageContext
    let form: [FormField]
    let alert: String?
    let rows: [Row]
    let pager: Pager

    struct Row: Encodable {
        let href: String
        let grid: String
        let period: String
        let generatedAt: String
        let summary: String
    }

    static func build(_ req: Request, input: BulletinRequest? = nil, error: SafeGridError? = nil) async throws -> BulletinsPage {
        let user = try req.currentUser()
        guard RegisterPermissions.mayViewAssessment(user.actor) else { throw SafeGridError.forbidden }
        let t = Texts(req)
        let number = try Pager.page(req)
        let query = BulletinRecord.query(on: req.db)
        if !user.actor.seesEverything { query.filter(\.$gridPath, inAnySubtree: user.actor.scopePaths) }
        let total = try await query.copy().count()
        let records = try await query.with(\.$grid).sort(\.$startOn, .descending).sort(\.$id, .descending)
            .range(((number - 1) * Pager.perPage)..<(number * Pager.perPage)).all()
        let rows = records.map { r in
            Row(href: SiteURL.bulletin(.id(r.id ?? 0)).path, grid: r.grid.name, period: r.period, generatedAt: WebFormat.dateTime(r.generatedAt),
                summary: String((t.locale == .en ? r.textEn : r.textZh).prefix(120)))
        }
        let grids = try await GridOptions.covered(by: user, on: req) { RegisterPermissions.mayGenerateBulletin(user.actor, gridPath: $0.path) }
        var form: [FormField] = []
        if !grids.isEmpty {
            var period = FormField("period", label: t("assessment.period"),
                                   value: input?.period ?? ReportPeriod.containing(CivilDate(req.now), kind: .week).code, required: true, idPrefix: "b")
            period.hint = t("assessment.period_hint")
            form = [.select("gridId", label: t("hazard.grid"), options: grids, selected: input?.gridId.map(String.init), required: true, idPrefix: "b"), period]
            _ = form.attach(error?.fields ?? [], t)
        }
        return BulletinsPage(page: PageContext(req, title: t("bulletin.title")), form: form, alert: error.map { t.message($0) }, rows: rows,
                             pager: Pager(total: total, page: number, path: SiteURL.bulletins.path, query: req.url.query, t: t))
    }
}

/// `GET /bulletins/:id`: one bulletin as an A4 sheet: the summary in both languages, the
/// figures, bar charts, the overdue list, the ranking and campaign progress.
struct BulletinPage {
    let page: PageContext
    let heading: String
    let periodLabel: String
    let generatedAt: String
    let text: String
    let otherText: String
    let figures: [Figure]
    let charts: [String]
    let overdue: [[String]]
    let ranking: [[String]]
    let campaigns: [[String]]
    let csvHref: String
    let xlsxHref: String
    /// The trail's chain heads when the bulletin was made (`TrailAnchor`).
    let trailAnchor: String?

    struct Figure: Encodable {
        let label: String
        let value: String
    }

    static func build(_ req: Request, _ record: BulletinRecord) -> (BulletinPage, Workbook) {
        let t = Texts(req)
        let content = record.content ?? BulletinContent(facts: BulletinFacts(), ranking: [], campaigns: [])
        let figures = BulletinFigures(content.facts)
        let f = content.facts
        func n(_ v: Int) -> String { BulletinText.number(v, t.locale) }
        // Buildings are counted in 栋次, everything else in 家次 (seed 003).
        var list: [(String, Int)] = VisitGroup.allCases.map { g in
            (t(g == .building ? "bulletin.fig.visits_buildings" : "bulletin.fig.visits", t("visits.\(g.rawValue)")),
             figures.visitsByGroup.first { $0.group == g }?.visits ?? 0)
        }
        list += [
            (t("bulletin.fig.night"), f.nightChecks), (t("bulletin.fig.self_inspections"), f.selfInspections),
            (t("bulletin.fig.expert_inspections"), f.expertInspections), (t("bulletin.fig.found"), f.hazardsFound), (t("bulletin.fig.rectified"), f.hazardsRectified),
            (t("bulletin.fig.major_found"), f.majorFound), (t("bulletin.fig.open"), f.hazardsOpen), (t("bulletin.fig.overdue"), f.hazardsOverdue),
            (t("bulletin.fig.major_open"), f.majorOpen), (t("bulletin.fig.reports_received"), f.reportsReceived),
            (t("bulletin.fig.reports_handled"), f.reportsHandled),
        ]
        for kind in ActivityKind.allCases {
            list.append((t("bulletin.fig.activities", t.label("activity", kind)), figures.activity(kind).count))
        }
        list += [(t("bulletin.fig.people"), figures.outreach.people), (t("bulletin.fig.accidents"), f.accidents),
                 (t("bulletin.fig.liability_accidents"), f.liabilityAccidents)]

        let charts = [
            BarChart(title: t("bulletin.chart.visits"), bars: VisitGroup.allCases.map { g in
                .init(t("visits.\(g.rawValue)"), figures.visitsByGroup.first { $0.group == g }?.visits ?? 0) }),
            BarChart(title: t("bulletin.chart.hazards"), bars: [
                .init(t("bulletin.fig.found"), f.hazardsFound), .init(t("bulletin.fig.rectified"), f.hazardsRectified),
                .init(t("bulletin.fig.open"), f.hazardsOpen), .init(t("bulletin.fig.overdue"), f.hazardsOverdue)]),
            BarChart(title: t("bulletin.chart.activities"), bars: ActivityKind.allCases.map { .init(t.label("activity", $0), figures.activity($0).count) }),
        ]
        let overdue = record.overdueRows.map { [$0.number, $0.title, $0.grid, $0.deadline, t("grade.\($0.grade)")] }
        let ranking = content.ranking.map { r in
            ["\(r.rank)", r.name, r.score.map(Assessment.points) ?? "—", t.label("assessment.grade", r.grade) + (r.vetoed ? t("assessment.vetoed_mark") : "")]
        }
        let campaigns = content.campaigns.map { [$0.name, "\($0.done)/\($0.tasks)", Rate($0.done, of: $0.tasks)?.description ?? "—"] }
        let period = ReportPeriod(code: record.period)
        let label = period.map { BulletinText.periodLabel($0, t.locale) } ?? record.period
        let heading = t("bulletin.heading", record.grid.name)
        let id = record.id ?? 0
        let page = BulletinPage(
            page: PageContext(req, title: heading), heading: heading, periodLabel: label, generatedAt: WebFormat.dateTime(record.generatedAt),
            text: t.locale == .en ? record.textEn : record.textZh, otherText: t.locale == .en ? record.textZh : record.textEn,
            figures: list.map { Figure(label: $0.0, value: n($0.1)) }, charts: charts.map(\.svg), overdue: overdue, ranking: ranking,
            campaigns: campaigns, csvHref: SiteURL.bulletinExport(.id(id)).with(query: "format=csv"),
            xlsxHref: SiteURL.bulletinExport(.id(id)).with(query: "format=xlsx"),
            trailAnchor: record.trailAnchor)
        let book = Workbook(sheets: [
            Sheet(name: t("bulletin.sheet.figures"), header: [t("bulletin.figure"), t("bulletin.value")],
                  rows: [[.text(t("bulletin.summary")), .text(page.text)]] + list.map { [.text($0.0), .integer($0.1)] }, widths: [28, 80]),
            // Numbers, dates and rates stay numbers, dates and rates, so the sheet sorts and sums.
            Sheet(name: t("bulletin.sheet.overdue"), header: [t("bulletin.number"), t("hazard.title"), t("hazard.grid"), t("hazard.deadline"), t("hazard.grade")],
                  rows: record.overdueRows.map { [.text($0.number), .text($0.title), .text($0.grid),
                                                  CivilDate(iso: $0.deadline).map(Cell.date) ?? .text($0.deadline), .text(t("grade.\($0.grade)"))] }),
            Sheet(name: t("bulletin.sheet.ranking"), header: [t("assessment.rank"), t("assessment.unit"), t("assessment.score"), t("assessment.grade")],
                  rows: content.ranking.map { r in
                      [.integer(r.rank), .text(r.name), r.score.map { .number(Double($0) / 10) } ?? .text("—"),
                       .text(t.label("assessment.grade", r.grade) + (r.vetoed ? t("assessment.vetoed_mark") : ""))]
                  }),
            Sheet(name: t("bulletin.sheet.campaigns"), header: [t("bulletin.campaign"), t("bulletin.tasks_done"), t("bulletin.completion")],
                  rows: content.campaigns.map { c in
                      [.text(c.name), .text("\(c.done)/\(c.tasks)"), c.tasks > 0 ? .percent(Double(c.done) / Double(c.tasks)) : .text("—")]
                  }),
        ])
        return (page, book)
    }
}
