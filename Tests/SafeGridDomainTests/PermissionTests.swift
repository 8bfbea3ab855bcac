import Testing
@testable import SafeGridDomain

/// Full table of (state, action, role): for each role a representative in-scope actor,
/// with the hazard set up so that scope and separation of duties do not interfere.
@Suite("Permissions by state, action and role")
struct PermissionTests {
    static let townshipPath = "/1/2/"
    static let villagePath = "/1/2/5/"

    static func actor(_ role: Role) -> Actor {
        switch role {
        case .admin: Actor(userId: 1, role: .admin)
        case .officer: Actor(userId: 2, role: .officer, scopePaths: [townshipPath])
        case .leader: Actor(userId: 3, role: .leader, scopePaths: [townshipPath])
        case .gridWorker: Actor(userId: 4, role: .gridWorker, scopePaths: [villagePath])
        case .department: Actor(userId: 5, role: .department, department: .fire)
        case .enterprise: Actor(userId: 6, role: .enterprise, placeIds: [77])
        case .expert: Actor(userId: 7, role: .expert, scopePaths: [townshipPath])
        }
    }

    static func hazard(_ state: HazardState) -> HazardFacts {
        HazardFacts(state: state, grade: .general, gridPath: villagePath + "9/", placeId: 77,
                    discoveredById: 99, lastSubmitterId: 98, deadline: CivilDate(year: 2026, month: 12, day: 15),
                    transferredTo: .fire)
    }

    /// Which roles may take each action (independent of state), per the role design.
    static let rolesFor: [HazardAction: Set<Role>] = [
        .assign: [.admin, .officer, .gridWorker, .department],
        .fixOnSite: [.admin, .officer, .gridWorker, .department, .expert],
        .submit: [.admin, .officer, .gridWorker, .department, .enterprise],
        .approve: [.admin, .officer, .gridWorker, .department],
        .reject: [.admin, .officer, .gridWorker, .department],
        .extend: [.admin, .officer],
        .escalate: [.admin, .officer],
        .transfer: [.admin, .officer],
        .enforce: [.admin, .officer, .department],
        .void: [.admin, .officer],
        .comment: Set(Role.allCases),
        .register: [],
    ]

    @Test("allowed actions = state machine ∩ role table",
          arguments: HazardState.allCases, Role.allCases)
    func allowed(state: HazardState, role: Role) {
        let actor = Self.actor(role)
        let hazard = Self.hazard(state)
        #expect(Permissions.canView(actor, hazard), "\(role) should see an in-scope hazard")
        let allowed = Set(Permissions.allowedActions(actor, hazard))
        let expected = Set(HazardAction.requestable.filter {
            HazardStateMachine.next(from: state, on: $0) != nil && Self.rolesFor[$0]!.contains(role)
        })
        #expect(allowed == expected, "\(role) in \(state): got \(allowed.map(\.rawValue).sorted())")
    }

    @Test("decide agrees with allowedActions for every state, action and role",
          arguments: HazardState.allCases, HazardAction.requestable)
    func decideAgrees(state: HazardState, action: HazardAction) {
        for role in Role.allCases {
            let actor = Self.actor(role)
            let hazard = Self.hazard(state)
            let allowed = Permissions.allowedActions(actor, hazard).contains(action)
            do {
                _ = try HazardRules.decide(action, input: Self.completeInput, hazard: hazard, actor: actor,
                                           today: CivilDate(year: 2026, month: 11, day: 1)!)
                #expect(allowed, "\(role) could \(action) in \(state) but it is not offered")
            } catch {
                #expect(!allowed, "\(role) offered \(action) in \(state) but decide threw \(error.key)")
                let expectedKind: SafeGridError.Kind = HazardStateMachine.next(from: state, on: action) == nil ? .conflict : .forbidden
                #expect(error.kind == expectedKind)
            }
        }
    }

    static let completeInput = ActionInput(
        note: "已核查", deadline: CivilDate(year: 2026, month: 12, day: 20), responsibleName: "张三",
        responsiblePhone: "13800000000", requirement: "更换电线", attachmentIds: [1], department: .fire,
        measure: .summons)

    @Test("out-of-scope users see nothing")
    func scope() {
        let hazard = HazardFacts(state: .registered, grade: .general, gridPath: "/1/3/8/", placeId: 5)
        #expect(!Permissions.canView(Self.actor(.officer), hazard))
        #expect(!Permissions.canView(Self.actor(.gridWorker), hazard))
        #expect(!Permissions.canView(Self.actor(.enterprise), hazard))
        #expect(!Permissions.canView(Self.actor(.department), hazard))
        #expect(Permissions.canView(Self.actor(.admin), hazard))
        #expect(throws: SafeGridError.notFound) {
            try HazardRules.decide(.comment, input: ActionInput(note: "x"), hazard: hazard,
                                   actor: Self.actor(.officer), today: CivilDate(year: 2026, month: 1, day: 1)!)
        }
    }

    @Test("a department acts only on hazards transferred to it")
    func departmentNeedsTransfer() {
        var hazard = Self.hazard(.rectifying)
        hazard.transferredTo = .police
        let fire = Actor(userId: 5, role: .department, scopePaths: ["/1/"], department: .fire)
        #expect(Permissions.allowedActions(fire, hazard) == [.comment])
    }

    @Test("the submitter can never approve or reject their own rectification")
    func selfReview() {
        var hazard = Self.hazard(.reviewing)
        hazard.lastSubmitterId = 2
        let officer = Self.actor(.officer)
        #expect(!Permissions.allowedActions(officer, hazard).contains(.approve))
        #expect(throws: SafeGridError(.forbidden, "error.self_review")) {
            try HazardRules.decide(.approve, input: ActionInput(note: "ok"), hazard: hazard, actor: officer,
                                   today: CivilDate(year: 2026, month: 1, day: 1)!)
        }
    }

    @Test("registration rights follow role, scope and ledger source")
    func registration() {
        let village = Self.villagePath + "9/"
        #expect(Permissions.mayRegister(Self.actor(.gridWorker), gridPath: village, placeId: nil, source: .grid))
        #expect(!Permissions.mayRegister(Self.actor(.gridWorker), gridPath: "/1/3/", placeId: nil, source: .grid))
        #expect(!Permissions.mayRegister(Self.actor(.leader), gridPath: village, placeId: nil, source: .territorial))
        #expect(Permissions.mayRegister(Self.actor(.enterprise), gridPath: village, placeId: 77, source: .enterprise))
        #expect(!Permissions.mayRegister(Self.actor(.enterprise), gridPath: village, placeId: 78, source: .enterprise))
        #expect(!Permissions.mayRegister(Self.actor(.expert), gridPath: village, placeId: nil, source: .grid))
    }
}
