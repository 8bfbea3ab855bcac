import Testing
@testable import SafeGridDomain

@Suite("Hazard state machine")
struct StateMachineTests {
    /// The whole table, written out independently of the implementation's switch.
    static let expected: [HazardState: [HazardAction: HazardState]] = [
        .reported: [.void: .voided, .comment: .reported],
        .registered: [.assign: .rectifying, .fixOnSite: .closed, .escalate: .registered, .transfer: .registered,
                      .enforce: .registered, .void: .voided, .comment: .registered],
        .rectifying: [.submit: .reviewing, .extend: .rectifying, .escalate: .rectifying, .transfer: .rectifying,
                      .enforce: .rectifying, .void: .voided, .comment: .rectifying],
        .reviewing: [.approve: .closed, .reject: .rectifying, .escalate: .reviewing, .transfer: .reviewing,
                     .enforce: .reviewing, .void: .voided, .comment: .reviewing],
        .closed: [.comment: .closed],
        .voided: [.comment: .voided],
    ]

    @Test("every (state, action) pair has the documented outcome",
          arguments: HazardState.allCases, HazardAction.allCases)
    func transition(state: HazardState, action: HazardAction) {
        let outcome = HazardStateMachine.next(from: state, on: action)
        #expect(outcome == Self.expected[state]?[action], "\(state) --\(action)--> \(String(describing: outcome))")
    }

    @Test("closed and voided accept nothing but comments")
    func terminalStates() {
        for state in [HazardState.closed, .voided] {
            let allowed = HazardAction.allCases.filter { HazardStateMachine.next(from: state, on: $0) != nil }
            #expect(allowed == [.comment])
        }
    }

    @Test("the wire name fixOnSite is accepted as well as fix_on_site")
    func wireNames() {
        #expect(HazardAction(wire: "fixOnSite") == .fixOnSite)
        #expect(HazardAction(wire: "fix_on_site") == .fixOnSite)
        #expect(HazardAction(wire: "destroy") == nil)
    }
}
