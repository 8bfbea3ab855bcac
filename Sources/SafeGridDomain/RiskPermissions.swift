/// Who may assess a place's risk and who may approve an assessment.
public enum RiskPermissions {
    /// Draft an assessment: the township office and grid workers in their grids, experts in
    /// theirs, and an enterprise for its own places (企业自评); admins everywhere.
    public static func mayAssess(_ actor: Actor, gridPath: String, placeId: Int) -> Bool {
        switch actor.role {
        case .admin: true
        case .officer, .gridWorker, .expert: actor.covers(gridPath: gridPath)
        case .enterprise: actor.placeIds.contains(placeId)
        case .leader, .department: false
        }
    }

    /// Approve: the township office (or an admin), and never the person who drafted it, for
    /// the same reason no one re-inspects their own rectification.
    public static func mayApprove(_ actor: Actor, gridPath: String, assessedById: Int) -> Bool {
        guard actor.userId != assessedById else { return false }
        switch actor.role {
        case .admin: return true
        case .officer: return actor.covers(gridPath: gridPath)
        case .gridWorker, .expert, .enterprise, .leader, .department: return false
        }
    }

    /// Publish a new version of a method's table.
    public static func mayEditTables(_ actor: Actor) -> Bool { actor.role == .admin }

    /// The maps: everyone with a territorial reach (an enterprise sees only its own places elsewhere).
    public static func mayViewMaps(_ actor: Actor) -> Bool { actor.role != .enterprise }

    /// Boundaries are uploaded by administrators and township offices (the grids they may set
    /// are checked per feature).
    public static func mayUploadBoundaries(_ actor: Actor) -> Bool { [.admin, .officer].contains(actor.role) }
}
