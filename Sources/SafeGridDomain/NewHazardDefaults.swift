/// What the new-hazard form offers and preselects (登记隐患): decided here so that the page,
/// the phone's tap budget and any other entry point agree.
public enum NewHazardDefaults {
    /// The ledgers (五本账) the user may record in somewhere within their reach (`Permissions.mayRegister`).
    public static func sources(_ actor: Actor) -> [HazardSource] {
        HazardSource.allCases.filter { source in
            (actor.scopePaths + ["/"]).contains { Permissions.mayRegister(actor, gridPath: $0, placeId: nil, source: source) }
                || actor.placeIds.contains { Permissions.mayRegister(actor, gridPath: "", placeId: $0, source: source) }
        }
    }

    /// Each role's usual ledger, preselected.
    public static func source(for role: Role) -> HazardSource {
        switch role {
        case .gridWorker: .grid
        case .officer, .admin, .leader: .territorial
        case .enterprise: .enterprise
        case .expert: .expert
        case .department: .industry
        }
    }

    /// A user with one grid (a village's grid worker) registers there unless they choose a place
    /// or another grid: one choice fewer on the phone. Several grids, or none: no preselection.
    public static func grid(among gridIds: [Int]) -> Int? {
        gridIds.count == 1 ? gridIds[0] : nil
    }
}
