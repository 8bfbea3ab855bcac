/// The bar of tabs at the bottom of a phone's screen (手机底部导航): what a role reaches with
/// one thumb, at most `maximum` tabs. Everything else is under 我的 (`me`), one tap away.
/// The desktop menu is unchanged; only narrow screens show the bar.
public enum PhoneTab: String, CaseIterable, Sendable {
    case home, myTasks, register, ledger, messages, me
}

public enum PhoneTabs {
    public static let maximum = 5

    /// A grid worker's day starts at 我的任务, so the dashboard gives way to it. An officer's
    /// day starts at the dashboard: with six tabs, 我的任务 gives way (it stays under 我的, and
    /// its re-inspections also arrive as 消息). Registering is offered to whoever may register.
    public static func tabs(for actor: Actor) -> [PhoneTab] {
        var tabs: [PhoneTab] = []
        if actor.role != .gridWorker { tabs.append(.home) }
        if InspectionRules.mayViewMyTasks(actor) { tabs.append(.myTasks) }
        if Permissions.mayRegisterAnywhere(actor) { tabs.append(.register) }
        tabs += [.ledger, .messages, .me]
        if tabs.count > maximum, actor.role != .gridWorker { tabs.removeAll { $0 == .myTasks } }
        return tabs
    }
}
