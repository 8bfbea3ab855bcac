import Testing
@testable import SafeGridDomain

@Suite("The phone's bottom tabs")
struct PhoneTabsTests {
    @Test("each role's tabs, in order", arguments: [
        (Role.gridWorker, [PhoneTab.myTasks, .register, .ledger, .me]),
        (.officer, [.home, .myTasks, .register, .ledger, .me]),
        (.leader, [.home, .ledger, .me]),
        (.admin, [.home, .register, .ledger, .me]),
        (.department, [.home, .register, .ledger, .me]),
    ])
    func tabs(role: Role, expected: [PhoneTab]) {
        #expect(PhoneTabs.tabs(for: Actor(userId: 1, role: role, scopePaths: ["/1/"])) == expected)
    }

    @Test("never more than five, 我的 always last, no tab twice")
    func bounds() {
        for role in Role.allCases {
            let tabs = PhoneTabs.tabs(for: Actor(userId: 1, role: role, scopePaths: ["/1/"]))
            #expect(tabs.count <= PhoneTabs.maximum)
            #expect(tabs.last == .me)
            #expect(Set(tabs).count == tabs.count)
            #expect(tabs.contains(.register) == Permissions.mayRegisterAnywhere(Actor(userId: 1, role: role)))
        }
    }
}
