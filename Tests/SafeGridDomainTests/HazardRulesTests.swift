import Testing
@testable import SafeGridDomain

@Suite("Required input of each action")
struct HazardRulesTests {
    let today = CivilDate(year: 2026, month: 11, day: 26)!
    let officer = Actor(userId: 2, role: .officer, scopePaths: ["/1/"])

    func facts(_ state: HazardState, grade: HazardGrade = .general) -> HazardFacts {
        HazardFacts(state: state, grade: grade, gridPath: "/1/2/", deadline: CivilDate(year: 2026, month: 12, day: 1))
    }

    func fields(_ action: HazardAction, _ input: ActionInput, _ hazard: HazardFacts) -> [String] {
        do {
            _ = try HazardRules.decide(action, input: input, hazard: hazard, actor: officer, today: today)
            return []
        } catch {
            return error.fields.map(\.field)
        }
    }

    @Test("assign needs a party, a requirement and a future deadline")
    func assign() {
        #expect(fields(.assign, ActionInput(), facts(.registered)) == ["responsibleName", "requirement", "deadline"])
        let past = ActionInput(deadline: today, responsibleName: "李四", requirement: "整改")
        #expect(fields(.assign, past, facts(.registered)) == ["deadline"])
        let ok = ActionInput(deadline: today.adding(days: 7), responsibleName: "李四", responsiblePhone: "0371-68123456", requirement: "整改")
        #expect(fields(.assign, ok, facts(.registered)).isEmpty)
        let badPhone = ActionInput(deadline: today.adding(days: 7), responsibleName: "李四", responsiblePhone: "abc", requirement: "整改")
        #expect(fields(.assign, badPhone, facts(.registered)) == ["responsiblePhone"])
    }

    @Test("a major hazard needs all six parts of the governance plan")
    func majorPlan() {
        let base = ActionInput(deadline: today.adding(days: 30), responsibleName: "王五", requirement: "停产整改")
        #expect(fields(.assign, base, facts(.registered, grade: .major)) == ["plan"])
        var partial = base
        partial.plan = GovernancePlan(goal: "消除隐患", measures: "", funding: "5万元", organisation: "", timeline: "30日", safetyMeasures: "警戒")
        #expect(fields(.assign, partial, facts(.registered, grade: .major)) == ["plan.measures", "plan.organisation"])
    }

    @Test("fixing on site needs evidence and is for general hazards only")
    func fixOnSite() {
        #expect(fields(.fixOnSite, ActionInput(), facts(.registered)) == ["attachmentIds"])
        #expect(throws: SafeGridError(.conflict, "error.major_cannot_fix_on_site")) {
            try HazardRules.decide(.fixOnSite, input: ActionInput(attachmentIds: [1]), hazard: facts(.registered, grade: .major), actor: officer, today: today)
        }
    }

    @Test("submit needs a note and evidence and records the submitter")
    func submit() throws {
        #expect(fields(.submit, ActionInput(note: "已整改"), facts(.rectifying)) == ["attachmentIds"])
        let change = try HazardRules.decide(.submit, input: ActionInput(note: "已整改", attachmentIds: [3]), hazard: facts(.rectifying), actor: officer, today: today)
        #expect(change.lastSubmitterId == 2)
        #expect(change.to == .reviewing)
    }

    @Test("reject counts a rework and may set a new deadline")
    func reject() throws {
        #expect(fields(.reject, ActionInput(), facts(.reviewing)) == ["note"])
        let input = ActionInput(note: "未整改到位", deadline: today.adding(days: 3))
        let change = try HazardRules.decide(.reject, input: input, hazard: facts(.reviewing), actor: officer, today: today)
        #expect(change.addsRework)
        #expect(change.deadline == today.adding(days: 3))
        #expect(change.to == .rectifying)
    }

    @Test("extend needs a later deadline than the current one")
    func extend() {
        let hazard = facts(.rectifying) // deadline 2026-12-01
        #expect(fields(.extend, ActionInput(note: "材料未到", deadline: CivilDate(year: 2026, month: 11, day: 30)), hazard) == ["deadline"])
        #expect(fields(.extend, ActionInput(note: "材料未到", deadline: CivilDate(year: 2026, month: 12, day: 10)), hazard).isEmpty)
        #expect(fields(.extend, ActionInput(deadline: CivilDate(year: 2026, month: 12, day: 10)), hazard) == ["note"])
    }

    @Test("escalation climbs to placarded supervision and stops there")
    func escalate() throws {
        var hazard = facts(.rectifying)
        let first = try HazardRules.decide(.escalate, input: ActionInput(), hazard: hazard, actor: officer, today: today)
        #expect(first.escalation == .supervised)
        hazard.escalation = .placarded
        #expect(throws: SafeGridError(.conflict, "error.escalation.max")) {
            try HazardRules.decide(.escalate, input: ActionInput(), hazard: hazard, actor: officer, today: today)
        }
    }

    @Test("transfer, enforce and void need their reasons")
    func reasons() {
        #expect(fields(.transfer, ActionInput(), facts(.rectifying)) == ["department", "note"])
        #expect(fields(.enforce, ActionInput(), facts(.rectifying)) == ["measure", "note"])
        #expect(fields(.void, ActionInput(), facts(.rectifying)) == ["note"])
    }

    @Test("overdue means rectifying past the deadline day", arguments: [
        (HazardState.rectifying, 0, nil as Int?), (.rectifying, 1, 1), (.rectifying, 10, 10),
        (.reviewing, 10, nil), (.registered, 10, nil), (.closed, 10, nil),
    ])
    func overdue(state: HazardState, daysAfter: Int, expected: Int?) {
        let deadline = CivilDate(year: 2026, month: 2, day: 27)!
        #expect(Overdue.daysOverdue(state: state, deadline: deadline, today: deadline.adding(days: daysAfter)) == expected)
    }
}
