import Testing
@testable import SafeGridDomain

@Suite("消息: who is told of a change")
struct MessageRulesTests {
    static let village = "/1/4/17/"
    static let districtOfficer = Actor(userId: 10, role: .officer, scopePaths: ["/1/"])
    static let townshipOfficer = Actor(userId: 11, role: .officer, scopePaths: ["/1/4/"])
    static let worker = Actor(userId: 12, role: .gridWorker, scopePaths: [village])
    static let otherWorker = Actor(userId: 13, role: .gridWorker, scopePaths: ["/1/4/18/"])
    static let admin = Actor(userId: 14, role: .admin)
    static let leader = Actor(userId: 15, role: .leader, scopePaths: ["/1/4/"])
    static let fire = Actor(userId: 16, role: .department, scopePaths: ["/1/"], department: .fire)
    static let housing = Actor(userId: 17, role: .department, scopePaths: ["/1/"], department: .housing)

    static func facts(_ state: HazardState, found: Int? = 12, submitter: Int? = nil, responsible: Int? = nil,
                      transferredTo: Department? = nil) -> HazardFacts {
        HazardFacts(state: state, grade: .general, gridPath: village, discoveredById: found, lastSubmitterId: submitter,
                    transferredTo: transferredTo, responsibleUserId: responsible)
    }

    @Test("assigning tells who found it and who now answers for it, never the one who assigned")
    func assigned() {
        let told = MessageRules.recipients(of: .assign, by: 11, before: Self.facts(.registered),
                                           after: Self.facts(.rectifying, responsible: 20))
        #expect(told == [12, 20])
        #expect(MessageRules.recipients(of: .assign, by: 12, before: Self.facts(.registered), after: Self.facts(.rectifying)).isEmpty,
                "a worker assigning what they found is told nothing")
    }

    @Test("a submission goes to those who may re-inspect it from a township or below, never to its submitter")
    func submitted() {
        let candidates = [Self.districtOfficer, Self.townshipOfficer, Self.worker, Self.otherWorker, Self.admin, Self.leader]
        let told = MessageRules.recipients(of: .submit, by: 20, before: Self.facts(.rectifying, responsible: 20),
                                           after: Self.facts(.reviewing, submitter: 20, responsible: 20), candidates: candidates)
        #expect(told == [11, 12], "township officer and the village's worker; not the district, the admin, a leader or another village")
        let own = MessageRules.recipients(of: .submit, by: 12, before: Self.facts(.rectifying),
                                          after: Self.facts(.reviewing, submitter: 12), candidates: candidates)
        #expect(own == [11], "the worker who submitted is not asked to re-inspect their own work")
    }

    @Test("the verdict goes back to the submitter, the finder and the responsible", arguments: [HazardAction.approve, .reject])
    func verdict(action: HazardAction) {
        let before = Self.facts(.reviewing, submitter: 20, responsible: 21)
        let after = Self.facts(action == .approve ? .closed : .rectifying, submitter: 20, responsible: 21)
        #expect(MessageRules.recipients(of: action, by: 11, before: before, after: after) == [12, 20, 21])
        #expect(MessageRules.kind(of: action) == (action == .approve ? .closed : .rejected))
    }

    @Test("a transfer also goes to the receiving department's accounts, not to other departments")
    func transferred() {
        let told = MessageRules.recipients(of: .transfer, by: 11, before: Self.facts(.registered),
                                           after: Self.facts(.registered, transferredTo: .fire), candidates: [Self.fire, Self.housing])
        #expect(told == [12, 16])
    }

    @Test("recording and fixing on the spot tell nobody; a responsible replaced hears of it too")
    func silent() {
        #expect(MessageRules.recipients(of: .register, by: 12, before: Self.facts(.registered), after: Self.facts(.registered)).isEmpty)
        #expect(MessageRules.recipients(of: .fixOnSite, by: 13, before: Self.facts(.registered), after: Self.facts(.closed)).isEmpty)
        #expect(MessageRules.kind(of: .campaign) == nil)
        let extended = MessageRules.recipients(of: .extend, by: 11, before: Self.facts(.rectifying, responsible: 20),
                                               after: Self.facts(.rectifying, responsible: 20))
        #expect(extended == [12, 20])
        #expect(MessageRules.needsCandidates(.submit) && MessageRules.needsCandidates(.transfer) && !MessageRules.needsCandidates(.assign))
        #expect(MessageKind.allCases.filter(\.carriesDeadline) == [.assigned, .rejected, .extended, .campaignTask],
                "a deadline goes with what sets or keeps one")
    }

    @Test("a campaign task's new owner is told, unless nothing changed or they did it themselves")
    func taskOwner() {
        #expect(MessageRules.tellsTaskOwner(newOwner: 12, previousOwner: nil, by: 11) == 12)
        #expect(MessageRules.tellsTaskOwner(newOwner: 12, previousOwner: 12, by: 11) == nil)
        #expect(MessageRules.tellsTaskOwner(newOwner: 12, previousOwner: nil, by: 12) == nil)
        #expect(MessageRules.tellsTaskOwner(newOwner: nil, previousOwner: 12, by: 11) == nil)
    }
}
