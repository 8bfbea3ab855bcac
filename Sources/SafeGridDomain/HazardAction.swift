/// What a user can do to a hazard; each one becomes an immutable event.
public enum HazardAction: String, Codable, CaseIterable, Sendable {
    case register     // the creating event; not an action a caller may send
    case assign       // 交办
    case fixOnSite = "fix_on_site" // 现场整改
    case submit       // 提交整改
    case approve      // 复查通过
    case reject       // 复查不通过
    case extend       // 延期
    case escalate     // 督办 / 挂牌督办
    case transfer     // 移交
    case enforce      // 执法措施
    case void         // 作废
    case comment      // 备注
    case campaign     // 纳入/移出专项整治: recorded by the campaign's tagging, not an action a caller may send

    /// Actions a caller may request through the API or a form.
    public static let requestable: [HazardAction] = allCases.filter { $0 != .register && $0 != .campaign }

    /// Accepts the camelCase spelling too, since JSON clients use camelCase elsewhere.
    public init?(wire: String) {
        if wire == "fixOnSite" { self = .fixOnSite } else { self.init(rawValue: wire) }
    }
}

/// The hazard state machine: one exhaustive switch, no default, so a new state or
/// action cannot be added without deciding every transition.
public enum HazardStateMachine {
    /// The state after `action`, or nil when the action is not allowed in `state`.
    public static func next(from state: HazardState, on action: HazardAction) -> HazardState? {
        switch (state, action) {
        case (_, .register), (_, .campaign): nil
        case (.registered, .assign): .rectifying
        case (.registered, .fixOnSite): .closed
        case (.rectifying, .submit): .reviewing
        case (.reviewing, .approve): .closed
        case (.reviewing, .reject): .rectifying
        case (.rectifying, .extend): .rectifying
        case (.registered, .escalate), (.rectifying, .escalate), (.reviewing, .escalate): state
        case (.registered, .transfer), (.rectifying, .transfer), (.reviewing, .transfer): state
        case (.registered, .enforce), (.rectifying, .enforce), (.reviewing, .enforce): state
        case (.reported, .void), (.registered, .void), (.rectifying, .void), (.reviewing, .void): .voided
        case (_, .comment): state
        case (.reported, .assign), (.reported, .fixOnSite), (.reported, .submit), (.reported, .approve),
             (.reported, .reject), (.reported, .extend), (.reported, .escalate), (.reported, .transfer),
             (.reported, .enforce):
            nil // reserved for public and sensor intake: verified first, in a later capability
        case (.registered, .submit), (.registered, .approve), (.registered, .reject), (.registered, .extend):
            nil
        case (.rectifying, .assign), (.rectifying, .fixOnSite), (.rectifying, .approve), (.rectifying, .reject):
            nil
        case (.reviewing, .assign), (.reviewing, .fixOnSite), (.reviewing, .submit), (.reviewing, .extend):
            nil
        case (.closed, _), (.voided, _):
            nil
        }
    }
}
