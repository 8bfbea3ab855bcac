import Foundation
import SafeGridDomain
import Vapor

/// What the indicator set form posts: weights per indicator, the activity target and the grade
/// thresholds in points (the domain keeps tenths).
struct IndicatorSetFormInput: Content {
    var target, periodKind, activityTarget, excellentFrom, goodFrom, passFrom: String?
    var weights: [String: String]?

    /// The request the API takes, or the problems of text that is not a number.
    func request() -> (IndicatorSetRequest, [FieldError]) {
        var errors = FieldErrors()
        var parsed: [String: Int] = [:]
        for indicator in Indicator.allCases {
            let raw = weights?[indicator.rawValue]?.trimmingCharacters(in: .whitespaces) ?? ""
            if raw.isEmpty { parsed[indicator.rawValue] = 0; continue }
            if let w = WebFormat.int(raw, field: "weights.\(indicator.rawValue)", errors: &errors) { parsed[indicator.rawValue] = w }
        }
        func tenths(_ raw: String?, _ field: String) -> Int? {
            guard let points = WebFormat.double(raw, field: field, errors: &errors) else { return nil }
            guard (0...100).contains(points) else { errors.add(field, "error.field.out_of_range", args: ["0", "100"]); return nil }
            return Int((points * 10).rounded())
        }
        let body = IndicatorSetRequest(target: target, periodKind: periodKind, weights: parsed,
                                       activityTarget: WebFormat.int(activityTarget, field: "activityTarget", errors: &errors),
                                       excellentFrom: tenths(excellentFrom, "excellentFrom"), goodFrom: tenths(goodFrom, "goodFrom"),
                                       passFrom: tenths(passFrom, "passFrom"))
        return (body, errors.items)
    }
}

/// `GET /assessments/indicators`: the indicator set in force for each target and period kind,
/// and for administrators a form per set that saves a new version.
struct IndicatorSetsPage {
    let page: PageContext
    let sets: [SetView]
    let mayEdit: Bool
    let alert: String?

    struct SetView: Encodable {
        let anchor: String
        let target: String
        let periodKind: String
        let title: String
        let version: String
        let lines: [Line]
        let grades: String
        let activityTarget: String
        let form: [FormField]
        let action: String?
        let open: Bool
        let errors: [String]
    }

    struct Line: Encodable { let label: String; let weight: String }

    static func build(_ req: Request, input: IndicatorSetFormInput? = nil, error: SafeGridError? = nil) async throws -> IndicatorSetsPage {
        let user = try req.currentUser()
        guard RegisterPermissions.mayViewAssessment(user.actor) else { throw SafeGridError.forbidden }
        let t = Texts(req)
        let mayEdit = RegisterPermissions.mayEditIndicatorSets(user.actor)
        let service = AssessmentService(db: req.db, now: req.now)
        var sets: [SetView] = []
        for target in AssessmentTarget.allCases {
            for kind in PeriodKind.allCases where kind != .custom {
                let set = try await service.indicatorSet(target, kind)
                let isPosted = input?.target == target.rawValue && input?.periodKind == kind.rawValue
                var form: [FormField] = []
                var unplaced: [String] = []
                if mayEdit {
                    form = fields(set, input: isPosted ? input : nil, t: t)
                    if isPosted { unplaced = form.attach(error?.fields ?? [], t) }
                }
                sets.append(SetView(
                    anchor: "\(target.rawValue)-\(kind.rawValue)", target: target.rawValue, periodKind: kind.rawValue,
                    title: t("indicators.set_title", t.label("target", target), t.label("period", kind)),
                    version: t("indicators.version", "\(set.version)"),
                    lines: Indicator.allCases.map { Line(label: t("indicator.\($0.rawValue)"), weight: "\(set.weights[$0] ?? 0)") },
                    grades: t("indicators.grades", Assessment.points(set.excellentFrom), Assessment.points(set.goodFrom), Assessment.points(set.passFrom)),
                    activityTarget: "\(set.activityTarget)",
                    form: form, action: mayEdit ? SiteURL.indicatorSets.path : nil, open: isPosted && error != nil, errors: unplaced))
            }
        }
        return IndicatorSetsPage(page: PageContext(req, title: t("indicators.title")), sets: sets, mayEdit: mayEdit,
                                 alert: error.map { t.message($0) })
    }

    static func fields(_ set: IndicatorSet, input: IndicatorSetFormInput?, t: Texts) -> [FormField] {
        let p = "set-\(set.target.rawValue)-\(set.periodKind.rawValue)"
        var list = Indicator.allCases.map { indicator in
            FormField("weights[\(indicator.rawValue)]", label: t("indicator.\(indicator.rawValue)"), kind: .number,
                      value: input?.weights?[indicator.rawValue] ?? "\(set.weights[indicator] ?? 0)", idPrefix: p,
                      errorField: "weights.\(indicator.rawValue)")
        }
        list[0].hint = t("indicators.weight_hint")
        var target = FormField("activityTarget", label: t("indicators.activity_target"), kind: .number,
                               value: input?.activityTarget ?? "\(set.activityTarget)", required: true, idPrefix: p)
        target.hint = t("indicators.activity_target_hint")
        list.append(target)
        for (name, value) in [("excellentFrom", set.excellentFrom), ("goodFrom", set.goodFrom), ("passFrom", set.passFrom)] {
            let posted = name == "excellentFrom" ? input?.excellentFrom : name == "goodFrom" ? input?.goodFrom : input?.passFrom
            list.append(FormField(name, label: t("indicators.\(name)"), kind: .number, value: posted ?? Assessment.points(value),
                                  required: true, idPrefix: p))
        }
        return list
    }
}
