/// Input of an action, as decoded from the API or a form; rules check what each action needs.
public struct ActionInput: Equatable, Sendable {
    public var note: String?
    public var deadline: CivilDate?
    public var responsibleName: String?
    public var responsiblePhone: String?
    public var responsibleUserId: Int?
    public var responsibleDepartment: Department?
    public var requirement: String?
    public var plan: GovernancePlan?
    public var attachmentIds: [Int]
    public var department: Department?
    public var measure: EnforcementMeasure?

    public init(note: String? = nil, deadline: CivilDate? = nil, responsibleName: String? = nil,
                responsiblePhone: String? = nil, responsibleUserId: Int? = nil,
                responsibleDepartment: Department? = nil, requirement: String? = nil,
                plan: GovernancePlan? = nil, attachmentIds: [Int] = [], department: Department? = nil,
                measure: EnforcementMeasure? = nil) {
        self.note = note; self.deadline = deadline; self.responsibleName = responsibleName
        self.responsiblePhone = responsiblePhone; self.responsibleUserId = responsibleUserId
        self.responsibleDepartment = responsibleDepartment; self.requirement = requirement; self.plan = plan
        self.attachmentIds = attachmentIds; self.department = department; self.measure = measure
    }
}

/// The effect of an accepted action on the hazard. Nil fields stay as they were.
public struct HazardChange: Equatable, Sendable {
    public var from: HazardState
    public var to: HazardState
    public var deadline: CivilDate?
    public var addsRework = false
    public var escalation: EscalationLevel?
    public var transferredTo: Department?
    public var lastSubmitterId: Int?
    public var issuesNotice = false
    public var closes: Bool { to == .closed }
}

public enum HazardRules {
    /// Decides an action: checks permission, state, separation of duties and the action's
    /// required input, and returns the change to store with the event. Throws the reason otherwise.
    public static func decide(
        _ action: HazardAction, input: ActionInput, hazard: HazardFacts, actor: Actor, today: CivilDate
    ) throws(SafeGridError) -> HazardChange {
        guard Permissions.canView(actor, hazard) else { throw .notFound }
        guard let next = HazardStateMachine.next(from: hazard.state, on: action) else {
            throw SafeGridError(.conflict, "error.transition_not_allowed", args: ["action.\(action.rawValue)", "state.\(hazard.state.rawValue)"])
        }
        guard Permissions.roleMay(actor, action, on: hazard) else { throw .forbidden }
        if Permissions.isSelfReview(actor, action, hazard) {
            throw SafeGridError(.forbidden, "error.self_review")
        }

        var change = HazardChange(from: hazard.state, to: next)
        var errors = FieldErrors()
        switch action {
        case .register, .campaign:
            throw SafeGridError(.conflict, "error.transition_not_allowed", args: ["action.\(action.rawValue)", "state.\(hazard.state.rawValue)"])
        case .assign:
            let hasParty = input.responsibleUserId != nil || input.responsibleDepartment != nil
                || !(input.responsibleName ?? "").trimmed.isEmpty
            if !hasParty { errors.add("responsibleName", "error.field.required") }
            if let phone = input.responsiblePhone, !phone.trimmed.isEmpty, !Validation.isPhone(phone) {
                errors.add("responsiblePhone", "error.field.phone")
            }
            errors.require(input.requirement, "requirement")
            requireFutureDeadline(input.deadline, today: today, errors: &errors)
            if hazard.grade == .major {
                if let plan = input.plan {
                    plan.missingParts.forEach { errors.add($0, "error.field.required") }
                } else {
                    errors.add("plan", "error.plan.required")
                }
            }
            change.deadline = input.deadline
            change.issuesNotice = true
        case .fixOnSite:
            if hazard.grade == .major { throw SafeGridError(.conflict, "error.major_cannot_fix_on_site") }
            if input.attachmentIds.isEmpty { errors.add("attachmentIds", "error.evidence.required") }
        case .submit:
            errors.require(input.note, "note")
            if input.attachmentIds.isEmpty { errors.add("attachmentIds", "error.evidence.required") }
            change.lastSubmitterId = actor.userId
        case .approve:
            errors.require(input.note, "note")
        case .reject:
            errors.require(input.note, "note")
            if let deadline = input.deadline {
                if deadline <= today { errors.add("deadline", "error.deadline.future") }
                change.deadline = deadline
            }
            change.addsRework = true
        case .extend:
            errors.require(input.note, "note")
            if let deadline = input.deadline {
                if deadline <= today { errors.add("deadline", "error.deadline.future") }
                else if let current = hazard.deadline, deadline <= current { errors.add("deadline", "error.deadline.later") }
            } else {
                errors.add("deadline", "error.field.required")
            }
            change.deadline = input.deadline
        case .escalate:
            guard let level = hazard.escalation.next else { throw SafeGridError(.conflict, "error.escalation.max") }
            change.escalation = level
        case .transfer:
            if input.department == nil { errors.add("department", "error.field.required") }
            errors.require(input.note, "note")
            change.transferredTo = input.department
        case .enforce:
            if input.measure == nil { errors.add("measure", "error.field.required") }
            errors.require(input.note, "note")
        case .void:
            errors.require(input.note, "note")
        case .comment:
            if (input.note ?? "").trimmed.isEmpty && input.attachmentIds.isEmpty { errors.add("note", "error.field.required") }
        }
        try errors.throwIfAny()
        return change
    }

    static func requireFutureDeadline(_ deadline: CivilDate?, today: CivilDate, errors: inout FieldErrors) {
        guard let deadline else { return errors.add("deadline", "error.field.required") }
        if deadline <= today { errors.add("deadline", "error.deadline.future") }
    }
}

/// Overdue (超期): rectifying past its deadline day.
public enum Overdue {
    /// A deadline on a weekend or holiday: flagged where it is set and shown (page and API alike).
    public static func isOnRestDay(_ deadline: CivilDate?, calendar: WorkCalendar) -> Bool {
        deadline.map { !calendar.isWorkday($0) } ?? false
    }

    /// Calendar days past the deadline day while rectifying (the API's `daysOverdue`).
    public static func daysOverdue(state: HazardState, deadline: CivilDate?, today: CivilDate) -> Int? {
        guard state == .rectifying, let deadline, today > deadline else { return nil }
        return deadline.days(until: today)
    }

    /// Working days past the deadline day while rectifying: the count supervision escalates by
    /// (`AutoEscalation`), and the one pages show as 「超期 N 个工作日」.
    public static func workdaysOverdue(state: HazardState, deadline: CivilDate?, today: CivilDate, calendar: WorkCalendar) -> Int? {
        guard state == .rectifying, let deadline, today > deadline else { return nil }
        return calendar.workdays(after: deadline, through: today)
    }
}

/// Hazard and notice numbers: never reused, per township and year.
public enum CaseNumber {
    public static func hazard(townshipCode: String, year: Int, sequence: Int) -> String {
        "YH-\(townshipCode)-\(year)-\(pad(sequence, 6))"
    }

    public static func notice(townshipCode: String, year: Int, sequence: Int) -> String {
        "TS-\(townshipCode)-\(year)-\(pad(sequence, 5))"
    }

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}

public enum Validation {
    /// Mainland mobile (11 digits, starting 1) or landline with area code, optional dashes.
    public static func isPhone(_ text: String) -> Bool {
        let digits = text.filter { $0 != "-" && $0 != " " }
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        if digits.count == 11 && digits.hasPrefix("1") { return true }
        return ((7...12).contains(digits.count) && digits.hasPrefix("0")) || (7...8).contains(digits.count)
    }

    public static func isCoordinate(latitude: Double, longitude: Double) -> Bool {
        (-90...90).contains(latitude) && (-180...180).contains(longitude)
    }
}
