/// How the level shown on lists and maps follows from the assessments and open hazards.
public struct RiskDisplayRule: Equatable, Sendable {
    /// An open major hazard (重大隐患 not yet closed or voided) shows its place as red until
    /// it is closed, whatever the assessment says: a major hazard is a major risk now.
    public var majorHazardRaisesToRed: Bool

    public init(majorHazardRaisesToRed: Bool = true) {
        self.majorHazardRaisesToRed = majorHazardRaisesToRed
    }

    public static let standard = RiskDisplayRule()

    /// The place's shown level: its latest approved assessment's level, raised to red by an
    /// open major hazard when the rule says so. Nil while unassessed and without one.
    public func displayed(assessed: RiskLevel?, openMajorHazard: Bool) -> RiskLevel? {
        if majorHazardRaisesToRed && openMajorHazard { return .red }
        return assessed
    }

    /// A grid's colour on the region map: the highest shown level among the places in its
    /// subtree (and red for an open major hazard recorded anywhere in it, when the rule
    /// raises). A leader must see one red place in a village; an average would hide it.
    /// Nil when nothing in the grid is assessed.
    public func gridColour(placeLevels: [RiskLevel?], openMajorHazard: Bool) -> RiskLevel? {
        if majorHazardRaisesToRed && openMajorHazard { return .red }
        return placeLevels.compactMap { $0 }.max()
    }
}

extension RiskLevel {
    /// Fill colours of the four-colour maps (GB 2893 safety colours, softened for print).
    public var colour: String {
        switch self {
        case .red: "#e53935"
        case .orange: "#fb8c00"
        case .yellow: "#fdd835"
        case .blue: "#1e88e5"
        }
    }

    /// Colour of a grid or place that nothing has assessed yet.
    public static let unassessedColour = "#cfd8dc"
}
