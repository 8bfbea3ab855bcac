/// A hazard waiting on someone's next step, as 我的任务 lists it beside the places due.
public enum HazardDuty: String, Sendable, CaseIterable {
    /// 待整改: rectifying, and this user found it or answers for it.
    case rectify
    /// 待复查: the rectification is submitted and this user may re-inspect it (never the
    /// one who submitted it).
    case reinspect

    /// The states a duty can arise in: what a query of candidates selects before `of` decides.
    public static let states: [HazardState] = [.rectifying, .reviewing]

    /// The user's duty on the hazard now, nil when it is not theirs to move. Rectifying is
    /// limited to the hazards the user found or is responsible for, so an officer's list is
    /// not the whole township's work in progress; re-inspection is open to anyone who may
    /// approve it, since it must be someone other than the submitter.
    public static func of(_ hazard: HazardFacts, for actor: Actor) -> HazardDuty? {
        let actions = Permissions.allowedActions(actor, hazard)
        switch hazard.state {
        case .rectifying:
            let mine = hazard.discoveredById == actor.userId || hazard.responsibleUserId == actor.userId
            return mine && actions.contains(.submit) ? .rectify : nil
        case .reviewing:
            return actions.contains(.approve) ? .reinspect : nil
        case .reported, .registered, .closed, .voided:
            return nil
        }
    }
}
