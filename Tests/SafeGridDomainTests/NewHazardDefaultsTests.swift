import Testing
@testable import SafeGridDomain

@Suite("The new-hazard form's choices and preselections")
struct NewHazardDefaultsTests {
    @Test("one grid is preselected; several or none are not")
    func grid() {
        #expect(NewHazardDefaults.grid(among: [7]) == 7)
        #expect(NewHazardDefaults.grid(among: [7, 8]) == nil)
        #expect(NewHazardDefaults.grid(among: []) == nil)
    }

    @Test("each role's usual ledger is one it may record in")
    func source() {
        for role in Role.allCases where role != .leader {
            let actor = Actor(userId: 1, role: role, scopePaths: ["/1/2/"], department: .fire, placeIds: [3])
            #expect(NewHazardDefaults.sources(actor).contains(NewHazardDefaults.source(for: role)), "\(role)")
        }
        #expect(NewHazardDefaults.sources(Actor(userId: 1, role: .leader, scopePaths: ["/1/"])).isEmpty)
    }
}
