import Foundation

/// A hazard's case as the rules move it: the state and every field an action sets. The App
/// reads it from the hazard's row and writes it back (`HazardRow.case`); what an accepted
/// action does to it is `applying`, decided here and nowhere else.
public struct HazardCase: Equatable, Sendable {
    public var state: HazardState
    public var deadline: CivilDate?
    public var reworkCount: Int
    public var escalation: EscalationLevel
    public var transferredTo: Department?
    public var lastSubmitterId: Int?
    public var closedAt: Date?
    public var responsibleName: String?
    public var responsiblePhone: String?
    public var responsibleUserId: Int?
    public var responsibleDepartment: Department?
    public var requirement: String?
    public var plan: GovernancePlan?
    public var updatedAt: Date?

    public init(state: HazardState, deadline: CivilDate? = nil, reworkCount: Int = 0, escalation: EscalationLevel = .none,
                transferredTo: Department? = nil, lastSubmitterId: Int? = nil, closedAt: Date? = nil, responsibleName: String? = nil,
                responsiblePhone: String? = nil, responsibleUserId: Int? = nil, responsibleDepartment: Department? = nil,
                requirement: String? = nil, plan: GovernancePlan? = nil, updatedAt: Date? = nil) {
        self.state = state; self.deadline = deadline; self.reworkCount = reworkCount; self.escalation = escalation
        self.transferredTo = transferredTo; self.lastSubmitterId = lastSubmitterId; self.closedAt = closedAt
        self.responsibleName = responsibleName; self.responsiblePhone = responsiblePhone; self.responsibleUserId = responsibleUserId
        self.responsibleDepartment = responsibleDepartment; self.requirement = requirement; self.plan = plan; self.updatedAt = updatedAt
    }

    /// What the event of an action records beside its states: the values it set.
    public struct Recorded: Equatable, Sendable {
        public var deadline: CivilDate?
        public var escalation: EscalationLevel?
        public var department: Department?
        public var measure: EnforcementMeasure?
        /// Set when the action issued a rectification notice.
        public var requirement: String?
        public var plan: GovernancePlan?
        public var issuedNotice = false
    }

    /// The case after an accepted action (`HazardRules.decide`'s change) at `now`, and what
    /// its event records. A notice takes the responsible party, the requirement and the plan
    /// from the input; the notice's number is the App's to draw.
    public func applying(_ change: HazardChange, input: ActionInput, at now: Date) -> (HazardCase, Recorded) {
        var next = self
        var recorded = Recorded()
        next.state = change.to
        if let deadline = change.deadline {
            next.deadline = deadline
            recorded.deadline = deadline
        }
        if change.addsRework { next.reworkCount += 1 }
        if let level = change.escalation {
            next.escalation = level
            recorded.escalation = level
        }
        if let department = change.transferredTo {
            next.transferredTo = department
            recorded.department = department
        }
        if let submitter = change.lastSubmitterId { next.lastSubmitterId = submitter }
        if change.closes { next.closedAt = now }
        recorded.measure = input.measure
        if change.issuesNotice {
            next.responsibleName = input.responsibleName
            next.responsiblePhone = input.responsiblePhone
            next.responsibleUserId = input.responsibleUserId
            next.responsibleDepartment = input.responsibleDepartment
            next.requirement = input.requirement
            if let plan = input.plan { next.plan = plan }
            recorded.requirement = input.requirement
            recorded.plan = input.plan
            recorded.issuedNotice = true
        }
        next.updatedAt = now
        return (next, recorded)
    }
}
