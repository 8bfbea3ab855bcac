/// The bar of tabs at the bottom of a phone's screen (手机底部导航): what a role reaches with
/// one thumb, at most `maximum` tabs. Everything else is under 我的 (`me`), one tap away.
/// The desktop menu is unchanged; only narrow screens show the bar.
public enum PhoneTab: String, CaseIterable, Sendable {
    case home, myTasks, register, ledger, me
}

public enum PhoneTabs {
    public static let maximum = 5

    /// A grid worker's day starts at 我的任务, so the dashboard gives way to it; an officer
    /// who also patrols keeps both. Registering is offered to whoever may register.
    public static func tabs(for actor: Actor) -> [PhoneTab] {
        var tabs: [PhoneTab] = []
        if actor.role != .gridWorker { tabs.append(.home) }
        if InspectionRules.mayViewMyTasks(actor) { tabs.append(.myTasks) }
        if Permissions.mayRegisterAnywhere(actor) { tabs.append(.register) }
        tabs += [.ledger, .me]
        return tabs
    }
}
