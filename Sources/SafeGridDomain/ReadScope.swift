/// Which rows of a kind an actor may read, stated once as data: the in-memory rule
/// (`Permissions.canView`, `Permissions.canViewPlace`) asks `admits`, and the App turns the same
/// clauses into SQL, so a list and a single read cannot disagree and the App needs no role check.
public struct ReadScope: Equatable, Sendable {
    /// One way a row comes into reach; a row is readable when any clause admits it.
    public enum Clause: Equatable, Sendable {
        /// The row's grid lies in one of these subtrees.
        case subtrees([String])
        /// The row is at one of these places (an enterprise's own).
        case places(Set<Int>)
        /// The hazard was transferred to this department.
        case transferredTo(Department)
        /// This user is the hazard's responsible person.
        case responsible(Int)
        /// This user found the hazard.
        case discoveredBy(Int)
    }

    /// nil: every row.
    public let clauses: [Clause]?

    public static let everything = ReadScope(clauses: nil)

    public init(clauses: [Clause]?) { self.clauses = clauses }

    public var isEverything: Bool { clauses == nil }

    /// The grid subtrees, when they alone make up the scope (running tallies serve these).
    public var subtreesOnly: [String]? {
        guard let clauses, clauses.count == 1, case let .subtrees(paths) = clauses[0] else { return nil }
        return paths
    }

    /// What a clause needs to know about a row.
    public struct Row: Equatable, Sendable {
        public var gridPath: String
        public var placeId: Int?
        public var transferredTo: Department?
        public var responsibleUserId: Int?
        public var discoveredById: Int?

        public init(gridPath: String, placeId: Int? = nil, transferredTo: Department? = nil, responsibleUserId: Int? = nil,
                    discoveredById: Int? = nil) {
            self.gridPath = gridPath; self.placeId = placeId; self.transferredTo = transferredTo
            self.responsibleUserId = responsibleUserId; self.discoveredById = discoveredById
        }
    }

    public func admits(_ row: Row) -> Bool {
        guard let clauses else { return true }
        return clauses.contains { clause in
            switch clause {
            case let .subtrees(paths): paths.contains { GridRules.isInSubtree(path: row.gridPath, of: $0) }
            case let .places(ids): row.placeId.map(ids.contains) ?? false
            case let .transferredTo(department): row.transferredTo == department
            case let .responsible(userId): row.responsibleUserId == userId
            case let .discoveredBy(userId): row.discoveredById == userId
            }
        }
    }
}

extension Permissions {
    /// The hazards an actor may see: their grids' subtrees, widened for a department by what
    /// was transferred to it and for an expert by what they found; an enterprise sees its own
    /// places and what it is made responsible for.
    public static func hazardScope(_ actor: Actor) -> ReadScope {
        switch actor.role {
        case .admin: .everything
        case .officer, .leader, .gridWorker: ReadScope(clauses: [.subtrees(actor.scopePaths)])
        case .department: ReadScope(clauses: (actor.department.map { [.transferredTo($0)] } ?? []) + [.subtrees(actor.scopePaths)])
        case .enterprise: ReadScope(clauses: [.places(actor.placeIds), .responsible(actor.userId)])
        case .expert: ReadScope(clauses: [.subtrees(actor.scopePaths), .discoveredBy(actor.userId)])
        }
    }

    /// The places an actor may see: an enterprise its own, everyone else their grids' subtrees.
    public static func placeScope(_ actor: Actor) -> ReadScope {
        switch actor.role {
        case .admin: .everything
        case .enterprise: ReadScope(clauses: [.places(actor.placeIds)])
        case .officer, .leader, .gridWorker, .department, .expert: ReadScope(clauses: [.subtrees(actor.scopePaths)])
        }
    }

    public static func canViewPlace(_ actor: Actor, gridPath: String, placeId: Int) -> Bool {
        placeScope(actor).admits(ReadScope.Row(gridPath: gridPath, placeId: placeId))
    }
}
