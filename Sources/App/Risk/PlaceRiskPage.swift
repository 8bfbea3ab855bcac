import Fluent
import SafeGridDomain
import Vapor

/// What the assessment form posts: the method and one value per factor (`inputs[L]=3`).
struct RiskFormInput: Content {
    var method: String?
    var inputs: [String: String]?
    var note: String?

    func parsed() throws(SafeGridError) -> (RiskMethod, [String: Double]) {
        var errors = FieldErrors()
        let method = Choice.parse(RiskMethod.self, method, "method", &errors)
        var values: [String: Double] = [:]
        for (code, text) in inputs ?? [:] {
            if let value = WebFormat.double(text, field: "inputs.\(code)", errors: &errors) { values[code] = value }
        }
        try errors.throwIfAny()
        return (method!, values)
    }
}

/// `GET /places/:id/risk`: the place's current level, the assessment form of one method
/// (`?method=`), and its history with approval buttons.
struct PlaceRiskPage {
    let page: PageContext
    let placeName: String
    let placeMeta: String
    let hazardsHref: String
    let current: Badge?
    let displayed: Badge?
    let majorHazard: Bool
    let tabs: [Tab]
    let form: Form?
    let rows: [Row]
    let alert: String?
    let notice: String?
    let errors: [String]

    struct Badge: Encodable { let level: String; let label: String; let control: String }
    struct Tab: Encodable { let label: String; let href: String; let active: Bool }
    struct Form: Encodable {
        let action: String
        let method: String
        let formula: String
        let bands: String
        let version: String
        let fields: [FormField]
    }
    struct Row: Encodable {
        let date: String
        let method: String
        let inputs: String
        let score: String
        let level: String
        let levelLabel: String
        let control: String
        let version: Int
        let state: String
        let stateLabel: String
        let assessedBy: String
        let approvedBy: String
        let note: String?
        let approveAction: String?
    }

    static func build(_ req: Request, place: PlaceRecord, input: RiskFormInput? = nil, error: SafeGridError? = nil,
                      notice: String? = nil) async throws -> PlaceRiskPage {
        let user = try req.currentUser()
        let t = Texts(req)
        let placeId = try place.requireID()
        let method = (input?.method ?? req.query[String.self, at: "method"]).flatMap(RiskMethod.init(rawValue:)) ?? .lec
        let grid = try await GridRecord.find(place.$grid.id, on: req.db)
        let major = try await RiskService.placesWithOpenMajorHazard([placeId], on: req.db).contains(placeId)
        let shown = req.application.riskSettings.rule.displayed(assessed: place.riskLevel, openMajorHazard: major)
        func badge(_ level: RiskLevel?) -> Badge? {
            level.map { Badge(level: $0.rawValue, label: t.label("risk.level", $0), control: t.label("risk.control", ControlLevel.of($0))) }
        }

        var form: Form?
        var unplaced: [String] = []
        if RiskPermissions.mayAssess(user.actor, gridPath: place.gridPath, placeId: placeId) {
            let table = try await RiskService.currentTable(method, on: req.db)
            var fields = table.factors.map { factor in
                FormField.select("inputs[\(factor.code)]", label: t("risk.factor.\(method.rawValue).\(factor.code)"),
                                 options: factor.options.map { .init(value: RiskScore.format($0.value), label: "\(RiskScore.format($0.value)) — \(t.riskOption(method, factor.code, $0))") },
                                 selected: input?.inputs?[factor.code], blank: t("form.choose"), required: true, idPrefix: "risk")
            }
            for i in fields.indices { fields[i].errorField = "inputs.\(table.factors[i].code)" }
            var note = FormField("note", label: t("risk.note"), kind: .textarea, value: input?.note ?? "", idPrefix: "risk")
            note.errorField = "note"
            fields.append(note)
            unplaced = fields.attach(error?.fields ?? [], t)
            let b = table.bands
            form = Form(action: SiteURL.placeRisk(.id(placeId)).path, method: method.rawValue, formula: method.formula,
                        bands: t("risk.bands", RiskScore.format(b.red), RiskScore.format(b.orange), RiskScore.format(b.yellow)),
                        version: t("risk.table_version_n", "\(table.version)"), fields: fields)
        }

        let history = try await RiskAssessmentRecord.query(on: req.db).filter(\.$place.$id == placeId)
            .with(\.$assessedBy).with(\.$approvedBy).sort(\.$id, .descending).all()
        let rows = history.map { a in
            let mayApprove = a.state == .draft && RiskPermissions.mayApprove(user.actor, gridPath: a.gridPath, assessedById: a.$assessedBy.id)
            return Row(date: WebFormat.dateTime(a.assessedAt), method: a.method.rawValue.uppercased(),
                       inputs: a.method.factorCodes.compactMap { code in a.inputValues[code].map { "\(code)=\(RiskScore.format($0))" } }.joined(separator: " "),
                       score: RiskScore.format(a.score), level: a.level.rawValue, levelLabel: t.label("risk.level", a.level),
                       control: t.label("risk.control", a.controlLevel), version: a.tableVersion, state: a.state.rawValue,
                       stateLabel: t.label("risk.state", a.state), assessedBy: a.assessedBy.displayName,
                       approvedBy: a.approvedBy.map { "\($0.displayName) \(WebFormat.dateTime(a.approvedAt))" } ?? "",
                       note: a.note, approveAction: mayApprove ? SiteURL.placeRiskApprove(.id(placeId), .id(a.id ?? 0)).path : nil)
        }
        let tabs = RiskMethod.allCases.map {
            Tab(label: t.label("risk.method", $0), href: SiteURL.placeRisk(.id(placeId)).with(query: "method=\($0.rawValue)"),
                active: $0 == method)
        }
        let meta = [t.label("place", place.category), grid?.name, place.address].compactMap { $0 }.joined(separator: " · ")
        return PlaceRiskPage(page: PageContext(req, title: t("risk.page_title", place.name)), placeName: place.name, placeMeta: meta,
                             hazardsHref: SiteURL.hazards.with(query: "placeId=\(placeId)"),
                             current: badge(place.riskLevel), displayed: shown == place.riskLevel ? nil : badge(shown),
                             majorHazard: major && shown == .red, tabs: tabs, form: form, rows: rows,
                             alert: error.map { t.message($0) }, notice: notice, errors: unplaced)
    }
}
