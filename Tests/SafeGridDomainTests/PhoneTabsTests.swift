import Testing
@testable import SafeGridDomain

@Suite("The phone's bottom tabs")
struct PhoneTabsTests {
    @Test("each role's tabs, in order", arguments: [
        (Role.gridWorker, [PhoneTab.myTasks, .register, .ledger, .messages, .me]),
        (.officer, [.home, .register, .ledger, .messages, .me]),
        (.leader, [.home, .ledger, .messages, .me]),
        (.admin, [.home, .register, .ledger, .messages, .me]),
        (.department, [.home, .register, .ledger, .messages, .me]),
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
            #expect(tabs.contains(.messages), "everyone signed in has messages")
        }
    }
}
