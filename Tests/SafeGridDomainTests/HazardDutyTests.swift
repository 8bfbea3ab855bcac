import Testing
@testable import SafeGridDomain

@Suite("Hazards on 我的任务")
struct HazardDutyTests {
    static let village = "/1/2/3/"
    static let worker = Actor(userId: 7, role: .gridWorker, scopePaths: [village])

    static func facts(_ state: HazardState, path: String = village, found: Int? = 9, responsible: Int? = nil, submitter: Int? = nil) -> HazardFacts {
        HazardFacts(state: state, grade: .general, gridPath: path, discoveredById: found, lastSubmitterId: submitter,
                    responsibleUserId: responsible)
    }

    @Test("rectifying: listed for the finder and the responsible user only")
    func rectify() {
        #expect(HazardDuty.of(Self.facts(.rectifying, found: 7), for: Self.worker) == .rectify)
        #expect(HazardDuty.of(Self.facts(.rectifying, responsible: 7), for: Self.worker) == .rectify)
        #expect(HazardDuty.of(Self.facts(.rectifying), for: Self.worker) == nil)
    }

    @Test("reviewing: anyone who may re-inspect, never the submitter")
    func reinspect() {
        #expect(HazardDuty.of(Self.facts(.reviewing, submitter: 8), for: Self.worker) == .reinspect)
        #expect(HazardDuty.of(Self.facts(.reviewing, found: 7, submitter: 7), for: Self.worker) == nil)
    }

    @Test("outside the user's grids, or in another state, no duty", arguments: [HazardState.registered, .reported, .closed, .voided])
    func none(state: HazardState) {
        #expect(HazardDuty.of(Self.facts(state, found: 7), for: Self.worker) == nil)
        #expect(HazardDuty.of(Self.facts(.reviewing, path: "/1/9/10/", submitter: 8), for: Self.worker) == nil)
    }

    @Test("a leader, who may not act, has none")
    func leader() {
        let leader = Actor(userId: 7, role: .leader, scopePaths: [Self.village])
        #expect(HazardDuty.of(Self.facts(.reviewing, submitter: 8), for: leader) == nil)
        #expect(HazardDuty.of(Self.facts(.rectifying, found: 7), for: leader) == nil)
    }
}
