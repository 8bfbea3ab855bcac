/// Who may see and do what: pure functions of role, scope and hazard facts.
public enum Permissions {
    /// Whether the actor may see the hazard at all. Outside this, the App answers 404.
    public static func canView(_ actor: Actor, _ hazard: HazardFacts) -> Bool {
        hazardScope(actor).admits(ReadScope.Row(gridPath: hazard.gridPath, placeId: hazard.placeId, transferredTo: hazard.transferredTo,
                                                responsibleUserId: hazard.responsibleUserId, discoveredById: hazard.discoveredById))
    }

    /// Whether the role, scope and relation to the hazard allow the action, ignoring state.
    public static func roleMay(_ actor: Actor, _ action: HazardAction, on hazard: HazardFacts) -> Bool {
        guard canView(actor, hazard) else { return false }
        let transferred = isTransferred(to: actor, hazard)
        let owner = actor.role == .enterprise
            && (hazard.placeId.map(actor.placeIds.contains) ?? false || hazard.responsibleUserId == actor.userId)
        switch action {
        case .register, .campaign:
            return false
        case .comment:
            return true
        case .assign:
            return [.admin, .officer, .gridWorker].contains(actor.role) || transferred
        case .fixOnSite:
            return [.admin, .officer, .gridWorker, .expert].contains(actor.role) || transferred
        case .submit:
            return [.admin, .officer, .gridWorker].contains(actor.role) || transferred || owner
        case .approve, .reject:
            return [.admin, .officer, .gridWorker].contains(actor.role) || transferred
        case .extend, .escalate, .transfer, .void:
            return [.admin, .officer].contains(actor.role)
        case .enforce:
            return [.admin, .officer].contains(actor.role) || transferred
        }
    }

    /// The actions the actor may take now: allowed by state, role and the separation of duties.
    public static func allowedActions(_ actor: Actor, _ hazard: HazardFacts) -> [HazardAction] {
        HazardAction.requestable.filter { action in
            HazardStateMachine.next(from: hazard.state, on: action) != nil
                && roleMay(actor, action, on: hazard)
                && !isSelfReview(actor, action, hazard)
                && !(action == .fixOnSite && hazard.grade == .major)
                && !(action == .escalate && hazard.escalation.next == nil)
        }
    }

    /// No paper rectification: whoever submitted the rectification never re-inspects it.
    public static func isSelfReview(_ actor: Actor, _ action: HazardAction, _ hazard: HazardFacts) -> Bool {
        (action == .approve || action == .reject) && hazard.lastSubmitterId == actor.userId
    }

    /// Who may record a new hazard in a grid, and from which ledger.
    public static func mayRegister(_ actor: Actor, gridPath: String, placeId: Int?, source: HazardSource) -> Bool {
        switch actor.role {
        case .admin: true
        case .officer, .gridWorker: actor.covers(gridPath: gridPath)
        case .department: source == .industry && actor.covers(gridPath: gridPath)
        case .expert: source == .expert && actor.covers(gridPath: gridPath)
        case .enterprise: source == .enterprise && placeId.map(actor.placeIds.contains) == true
        case .leader: false
        }
    }

    /// Why a registration is refused, blaming the field the user can change: the source when
    /// the place or grid is theirs but not for that source, else the grid. Nil when allowed.
    public static func registrationRefusal(_ actor: Actor, gridPath: String, placeId: Int?, source: HazardSource) -> SafeGridError? {
        if mayRegister(actor, gridPath: gridPath, placeId: placeId, source: source) { return nil }
        if actor.covers(gridPath: gridPath) || actor.role == .enterprise {
            return .invalid(field: "source", "error.field.not_allowed_source")
        }
        return .invalid(field: "gridId", "error.field.unknown_grid")
    }

    /// Leaders read and decide; every other role records hazards somewhere in its reach (the
    /// menu's 「登记隐患」; where exactly is `mayRegister`).
    public static func mayRegisterAnywhere(_ actor: Actor) -> Bool {
        actor.role != .leader
    }

    /// Who may manage grids and places in a subtree.
    public static func mayManage(_ actor: Actor, gridPath: String) -> Bool {
        switch actor.role {
        case .admin: true
        case .officer: actor.covers(gridPath: gridPath)
        case .leader, .gridWorker, .department, .enterprise, .expert: false
        }
    }

    /// Grid workers add and correct places in their own grids (they keep the patrol list current).
    public static func mayEditPlace(_ actor: Actor, gridPath: String) -> Bool {
        mayManage(actor, gridPath: gridPath) || (actor.role == .gridWorker && actor.covers(gridPath: gridPath))
    }

    static func isTransferred(to actor: Actor, _ hazard: HazardFacts) -> Bool {
        actor.role == .department && actor.department != nil && hazard.transferredTo == actor.department
    }
}

/// Who may import the directory from a spreadsheet on the web: places by whoever manages grids
/// (each row is still checked against the importer's scope), grids and users by administrators,
/// as in the API.
public enum DirectoryImportPermissions {
    public static func mayImport(_ register: String, _ actor: Actor) -> Bool {
        switch register {
        case "places": actor.role == .admin || actor.role == .officer
        case "grids", "users": actor.role == .admin
        default: false
        }
    }
}

/// Who renames or retires a grid: an administrator any grid; a township officer the grids below
/// his own (villages, communities, points), never the grid he is attached to or anything above.
public enum GridPermissions {
    public static func mayEdit(_ actor: Actor, gridPath: String) -> Bool {
        switch actor.role {
        case .admin: true
        case .officer: actor.covers(gridPath: gridPath) && !actor.scopePaths.contains(gridPath)
        case .leader, .gridWorker, .department, .enterprise, .expert: false
        }
    }

    /// Moving takes a grid out of one subtree and into another: the user must be allowed to edit
    /// the grid and to reach the new parent (an officer moves grids within the township).
    public static func mayMove(_ actor: Actor, gridPath: String, toParentPath parentPath: String) -> Bool {
        mayEdit(actor, gridPath: gridPath) && actor.covers(gridPath: parentPath)
    }
}

/// Who manages accounts (create, deactivate, revoke access) and the district-wide settings
/// kept on administrator pages: administrators only.
public enum AccountPermissions {
    public static func mayManageAccounts(_ actor: Actor) -> Bool { actor.role == .admin }
}
