import SafeGridDomain
import Vapor

/// What an action form posts (`POST /hazards/:id/actions`). Everything is text here, so a
/// bad number or date comes back as a field error on the form rather than a decoding failure.
struct ActionFormInput: Content {
    var action: String?
    var version: String?
    var note: String?
    var deadline: String?
    var responsibleName: String?
    var responsiblePhone: String?
    var responsibleDepartment: String?
    var requirement: String?
    var department: String?
    var measure: String?
    var plan: HazardActionRequest.PlanBody?
    /// Ids of uploads saved by an earlier, failed submit of this form.
    var kept: String?

    func request(attachmentIds: [Int]) -> HazardActionRequest {
        HazardActionRequest(
            action: action, version: version.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }, note: note,
            deadline: deadline, responsibleName: responsibleName, responsiblePhone: responsiblePhone,
            responsibleDepartment: responsibleDepartment, requirement: requirement, plan: plan,
            attachmentIds: attachmentIds, department: department, measure: measure)
    }
}

/// One action's form on the detail page.
struct ActionForm: Encodable {
    let action: String
    let label: String
    let fields: [FormField]
    let open: Bool
    let danger: Bool
    let kept: String
    let keptPhotos: [PhotoLink]
    let errors: [String]
}

/// The inputs each action shows. The rules (`HazardRules.decide`) remain the judge of what is
/// required; the asterisks here only tell the user in advance.
enum HazardActionForms {
    static func fields(for action: HazardAction, grade: HazardGrade, values v: ActionFormInput?, today: CivilDate, t: Texts) -> [FormField] {
        let p = "act-\(action.rawValue)"
        func note(required: Bool) -> FormField {
            FormField("note", label: t("action_form.note.\(action.rawValue)"), kind: .textarea, value: v?.note ?? "",
                      required: required, idPrefix: p)
        }
        func deadline(_ labelKey: String, required: Bool) -> FormField {
            var field = FormField("deadline", label: t(labelKey), kind: .date, value: v?.deadline ?? "", required: required, idPrefix: p)
            field.min = today.adding(days: 1).description
            return field
        }
        func photos(required: Bool) -> FormField {
            .photos(label: t("action_form.photos"), hint: t(required ? "action_form.photos_required" : "action_form.photos_hint"),
                    required: required, idPrefix: p)
        }
        switch action {
        case .register, .campaign:
            return []
        case .assign:
            var responsible = FormField("responsibleName", label: t("action_form.responsible_name"), value: v?.responsibleName ?? "",
                                        required: true, idPrefix: p)
            responsible.hint = t("action_form.responsible_hint")
            var phone = FormField("responsiblePhone", label: t("action_form.responsible_phone"), kind: .tel,
                                  value: v?.responsiblePhone ?? "", idPrefix: p)
            phone.hint = t("action_form.phone_hint")
            var fields = [
                responsible, phone,
                .select("responsibleDepartment", label: t("action_form.responsible_department"),
                        options: FormField.options(Department.self, "department", t), selected: v?.responsibleDepartment,
                        blank: t("form.none"), idPrefix: p),
                FormField("requirement", label: t("action_form.requirement"), kind: .textarea, value: v?.requirement ?? "",
                          required: true, idPrefix: p),
                deadline("action_form.deadline", required: true),
            ]
            if grade == .major { fields += planFields(v?.plan, prefix: p, t: t) }
            return fields + [note(required: false), photos(required: false)]
        case .fixOnSite, .submit:
            return [note(required: action == .submit), photos(required: true)]
        case .approve, .void:
            return [note(required: true), photos(required: false)]
        case .reject:
            return [note(required: true), deadline("action_form.new_deadline_optional", required: false), photos(required: false)]
        case .extend:
            return [deadline("action_form.new_deadline", required: true), note(required: true)]
        case .escalate:
            return [note(required: false)]
        case .transfer:
            return [.select("department", label: t("action_form.department"), options: FormField.options(Department.self, "department", t),
                            selected: v?.department, blank: t("form.choose"), required: true, idPrefix: p),
                    note(required: true)]
        case .enforce:
            return [.select("measure", label: t("action_form.measure"), options: FormField.options(EnforcementMeasure.self, "measure", t),
                            selected: v?.measure, blank: t("form.choose"), required: true, idPrefix: p),
                    note(required: true), photos(required: false)]
        case .comment:
            return [note(required: false), photos(required: false)]
        }
    }

    /// The six parts of a major hazard's governance plan (重大隐患治理方案).
    static func planFields(_ plan: HazardActionRequest.PlanBody?, prefix: String, t: Texts) -> [FormField] {
        let values = [plan?.goal, plan?.measures, plan?.funding, plan?.organisation, plan?.timeline, plan?.safetyMeasures]
        return zip(GovernancePlan.partNames, values).map { part, value in
            FormField("plan[\(part)]", label: t("plan.\(part)"), kind: .textarea, value: value ?? "", required: true,
                      idPrefix: prefix, errorField: "plan.\(part)")
        }
    }

    /// Photos taken while fixing or checking are "after"; anything else shows the site as found.
    static func photoKind(_ action: HazardAction) -> AttachmentKind {
        switch action {
        case .fixOnSite, .submit, .approve, .reject: .after
        case .register, .assign, .extend, .escalate, .transfer, .enforce, .void, .comment, .campaign: .before
        }
    }
}
