import Foundation
@testable import SafeGridDomain
import Testing

@Suite("A hazard's case under accepted actions")
struct HazardCaseTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)
    let deadline = CivilDate(year: 2026, month: 12, day: 10)!

    @Test("an assignment issues the notice: responsible party, requirement, plan and deadline are set and recorded")
    func assignment() {
        let plan = GovernancePlan(goal: "g", measures: "m", funding: "f", organisation: "o", timeline: "t", safetyMeasures: "s")
        let input = ActionInput(responsibleName: "马固建材厂", responsiblePhone: "13800000000", requirement: "加装漏电保护", plan: plan)
        var change = HazardChange(from: .registered, to: .rectifying)
        change.deadline = deadline
        change.issuesNotice = true
        let (next, recorded) = HazardCase(state: .registered).applying(change, input: input, at: now)
        #expect(next.state == .rectifying && next.deadline == deadline && next.updatedAt == now && next.closedAt == nil)
        #expect(next.responsibleName == "马固建材厂" && next.responsiblePhone == "13800000000" && next.requirement == "加装漏电保护")
        #expect(next.plan == plan)
        #expect(recorded.issuedNotice && recorded.deadline == deadline && recorded.requirement == "加装漏电保护" && recorded.plan == plan)
    }

    @Test("a rejection counts rework and keeps the notice; an approval closes at the time given")
    func reworkAndClose() {
        let open = HazardCase(state: .reviewing, deadline: deadline, reworkCount: 1, responsibleName: "甲", requirement: "r")
        var reject = HazardChange(from: .reviewing, to: .rectifying)
        reject.addsRework = true
        let (again, recorded) = open.applying(reject, input: ActionInput(), at: now)
        #expect(again.reworkCount == 2 && again.responsibleName == "甲" && again.requirement == "r" && !recorded.issuedNotice)
        let (closed, _) = open.applying(HazardChange(from: .reviewing, to: .closed), input: ActionInput(), at: now)
        #expect(closed.state == .closed && closed.closedAt == now && closed.reworkCount == 1)
    }

    @Test("escalation, transfer, submitter and measure are set and recorded; unset fields stay")
    func otherFields() {
        var change = HazardChange(from: .rectifying, to: .rectifying)
        change.escalation = .placarded
        change.transferredTo = .fire
        change.lastSubmitterId = 42
        let before = HazardCase(state: .rectifying, deadline: deadline, escalation: .supervised)
        let (next, recorded) = before.applying(change, input: ActionInput(measure: .summons), at: now)
        #expect(next.escalation == .placarded && next.transferredTo == .fire && next.lastSubmitterId == 42 && next.deadline == deadline)
        #expect(recorded.escalation == .placarded && recorded.department == .fire && recorded.measure == .summons && recorded.deadline == nil)
    }
}
