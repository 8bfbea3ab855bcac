/// The acting user as the rules see them: identity, role and reach.
public struct Actor: Equatable, Sendable {
    public var userId: Int
    public var role: Role
    /// Materialised paths of the grids the user is attached to; scope is their subtrees.
    public var scopePaths: [String]
    public var department: Department?
    /// Places an enterprise user owns.
    public var placeIds: Set<Int>

    /// Administrators' scope is the whole tree: scoped queries apply no subtree filter for them.
    public var seesEverything: Bool { role == .admin }

    public init(userId: Int, role: Role, scopePaths: [String] = [], department: Department? = nil, placeIds: Set<Int> = []) {
        self.userId = userId; self.role = role; self.scopePaths = scopePaths
        self.department = department; self.placeIds = placeIds
    }

    /// Whether a grid (by path) lies within the user's grids' subtrees.
    public func covers(gridPath: String) -> Bool {
        seesEverything || scopePaths.contains { GridRules.isInSubtree(path: gridPath, of: $0) }
    }
}

/// What the rules need to know about a hazard.
public struct HazardFacts: Equatable, Sendable {
    public var state: HazardState
    public var grade: HazardGrade
    public var gridPath: String
    public var placeId: Int?
    public var discoveredById: Int?
    public var lastSubmitterId: Int?
    public var deadline: CivilDate?
    public var escalation: EscalationLevel
    public var transferredTo: Department?
    public var responsibleUserId: Int?

    public init(state: HazardState, grade: HazardGrade, gridPath: String, placeId: Int? = nil,
                discoveredById: Int? = nil, lastSubmitterId: Int? = nil, deadline: CivilDate? = nil,
                escalation: EscalationLevel = .none, transferredTo: Department? = nil, responsibleUserId: Int? = nil) {
        self.state = state; self.grade = grade; self.gridPath = gridPath; self.placeId = placeId
        self.discoveredById = discoveredById; self.lastSubmitterId = lastSubmitterId; self.deadline = deadline
        self.escalation = escalation; self.transferredTo = transferredTo; self.responsibleUserId = responsibleUserId
    }
}
