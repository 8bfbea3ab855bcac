import Fluent
import Foundation
import SafeGridDomain
import Vapor

/// `GET /registers/:register/:id` for activities and accidents: the entry as it stands, the form
/// that corrects it and the one that voids it (for those who may record in its grid), and its
/// history from the register trail, each step with what changed.
struct RegisterEntryPage {
    let page: PageContext
    let register: String
    let backHref: String
    let facts: [Fact]
    let voided: String?
    let form: [FormField]
    let formAction: String?
    let voidForm: [FormField]
    let voidOpen: Bool
    let voidAction: String?
    let history: [Step]
    let alert: String?
    let errors: [String]

    struct Fact: Encodable { let label: String; let value: String }
    struct Step: Encodable { let at: String; let who: String; let action: String; let changes: [String] }

    static func build(_ req: Request, _ register: Register, id: Int, input: RegisterFormInput? = nil, reason: String? = nil,
                      error: SafeGridError? = nil) async throws -> RegisterEntryPage {
        let user = try req.currentUser()
        let t = Texts(req)
        let base = SiteURL.register(.value(register.rawValue)).path
        let facts: [Fact]
        var values: RegisterFormInput
        let gridPath: String
        let voidedAt: Date?
        let voidReason: String?
        let trail: RegisterTrail.Register
        switch register {
        case .activities:
            let r = try await RegisterQuery.entry(ActivityRecord.self, id, for: user.actor, on: req.db)
            let grid = try await r.$grid.get(on: req.db)
            facts = [Fact(label: t("registers.kind"), value: t.label("activity", r.kind)), Fact(label: t("registers.title_field"), value: r.title),
                     Fact(label: t("registers.date"), value: r.heldOn), Fact(label: t("hazard.grid"), value: grid.name),
                     Fact(label: t("registers.venue"), value: r.venue), Fact(label: t("registers.people"), value: "\(r.people)"),
                     Fact(label: t("registers.note"), value: r.note ?? "")]
            values = RegisterFormInput(kind: r.kind.rawValue, title: r.title, heldOn: r.heldOn, venue: r.venue, gridId: "\(r.$grid.id)",
                                       people: "\(r.people)", note: r.note)
            (gridPath, voidedAt, voidReason, trail) = (r.gridPath, r.voidedAt, r.voidReason, .activity)
        case .accidents:
            let r = try await RegisterQuery.entry(AccidentRecord.self, id, for: user.actor, on: req.db)
            let grid = try await r.$grid.get(on: req.db)
            facts = [Fact(label: t("registers.date"), value: r.occurredOn), Fact(label: t("registers.type"), value: t.label("accident", r.type)),
                     Fact(label: t("hazard.grid"), value: grid.name), Fact(label: t("registers.venue"), value: r.venue),
                     Fact(label: t("registers.deaths"), value: "\(r.deaths)"), Fact(label: t("registers.injuries"), value: "\(r.injuries)"),
                     Fact(label: t("registers.liability"), value: t.label("liability", r.liability)),
                     Fact(label: t("registers.description"), value: r.description)]
            values = RegisterFormInput(venue: r.venue, gridId: "\(r.$grid.id)", occurredOn: r.occurredOn, type: r.type.rawValue,
                                       deaths: "\(r.deaths)", injuries: "\(r.injuries)", liability: r.liability.rawValue, description: r.description)
            (gridPath, voidedAt, voidReason, trail) = (r.gridPath, r.voidedAt, r.voidReason, .accident)
        case .publicReports:
            throw SafeGridError.notFound
        }
        if let input { values = input }
        let mayCorrect = voidedAt == nil && RegisterPermissions.mayRecord(register, user.actor, gridPath: gridPath)
        var form: [FormField] = []
        var voidField: FormField?
        if mayCorrect {
            let grids = try await GridOptions.covered(by: user, on: req) { RegisterPermissions.mayRecord(register, user.actor, gridPath: $0.path) }
            form = RegisterPage.fields(register, input: values, grids: grids, today: CivilDate(req.now), t)
            var field = FormField("reason", label: t("registers.void_reason"), value: reason ?? "", required: true, idPrefix: "void")
            field.hint = t("registers.void_hint")
            voidField = field
        }
        var unplaced = form.attach(error?.fields.filter { $0.field != "reason" } ?? [], t)
        if var field = voidField, let problem = error?.fields.first(where: { $0.field == "reason" }) {
            field.error = t.message(problem); voidField = field
        }
        if !mayCorrect { unplaced = error?.fields.map { t.message($0) } ?? [] }
        return RegisterEntryPage(
            page: PageContext(req, title: t("registers.entry_title", t("registers.\(register.rawValue)"), "\(id)")),
            register: register.rawValue, backHref: base, facts: facts,
            voided: voidedAt.map { t("registers.voided_on", WebFormat.dateTime($0), voidReason ?? "") },
            form: form, formAction: mayCorrect ? SiteURL.registerEntry(.value(register.rawValue), .id(id)).path : nil,
            voidForm: voidField.map { [$0] } ?? [], voidOpen: voidField?.error != nil,
            voidAction: mayCorrect ? SiteURL.registerEntryVoid(.value(register.rawValue), .id(id)).path : nil,
            history: try await history(trail, id: id, t: t, on: req.db),
            alert: error.map { t.message($0) }, errors: unplaced)
    }

    /// Each step of the trail with the fields that differ from the step before.
    static func history(_ trail: RegisterTrail.Register, id: Int, t: Texts, on db: any Database) async throws -> [Step] {
        let steps = try await RegisterTrail.history(trail, recordId: id, on: db)
        let names = try await UserRecord.query(on: db).filter(\.$id ~~ Set(steps.compactMap(\.actorId))).all()
        var previous: [String: String] = [:]
        return steps.map { step in
            let now = flatten(step.changes)
            let changed = now.keys.sorted().compactMap { key -> String? in
                guard let label = fieldLabels[key], now[key] != previous[key] else { return nil }
                let shown = { (v: String?) -> String in shownValue(key, v, t) }
                return step.action == "created" ? nil : t("registers.changed", t(label), shown(previous[key]), shown(now[key]))
            }
            previous = now
            return Step(at: WebFormat.dateTime(step.at), who: names.first { $0.id == step.actorId }?.displayName ?? "—",
                        action: t("registers.action.\(step.action)"), changes: changed)
        }
    }

    static let fieldLabels: [String: String] = [
        "kind": "registers.kind", "title": "registers.title_field", "heldOn": "registers.date", "occurredOn": "registers.date",
        "venue": "registers.venue", "gridName": "hazard.grid", "people": "registers.people", "note": "registers.note",
        "type": "registers.type", "deaths": "registers.deaths", "injuries": "registers.injuries", "liability": "registers.liability",
        "description": "registers.description", "voidReason": "registers.void_reason",
    ]

    private static func shownValue(_ key: String, _ value: String?, _ t: Texts) -> String {
        guard let value, !value.isEmpty else { return "—" }
        switch key {
        case "kind": return t("activity.\(value)")
        case "type": return t("accident.\(value)")
        case "liability": return t("liability.\(value)")
        default: return value
        }
    }

    /// The snapshot's top-level values as text, for comparing one step with the next.
    private static func flatten(_ json: String) -> [String: String] {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] else { return [:] }
        return object.compactMapValues { value in
            switch value {
            case is NSNull: nil
            case let text as String: text
            case let number as NSNumber: number.stringValue
            default: "\(value)"
            }
        }
    }
}
