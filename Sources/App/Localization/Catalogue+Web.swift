/// Texts of the web pages.
extension Catalogue {
    static let web: [String: Entry] = [
        "app.name": .init(zh: "平安网格", en: "SafeGrid"),
        "app.tagline": .init(zh: "基层安全生产网格化管理", en: "Grassroots work-safety management"),
        "error.title": .init(zh: "出错了", en: "Something went wrong"),
        "error.back": .init(zh: "返回首页", en: "Back to the dashboard"),
        "nav.dashboard": .init(zh: "首页", en: "Dashboard"),
        "nav.ledger": .init(zh: "隐患台账", en: "Hazard ledger"),
        "nav.new_hazard": .init(zh: "登记隐患", en: "New hazard"),
        "nav.places": .init(zh: "场所", en: "Places"),
        "nav.grids": .init(zh: "网格", en: "Grids"),
        "nav.users": .init(zh: "用户", en: "Users"),
        "nav.logout": .init(zh: "退出", en: "Sign out"),
        "nav.switch_language": .init(zh: "English", en: "中文"),
        "login.title": .init(zh: "登录", en: "Sign in"),
        "login.username": .init(zh: "用户名", en: "Username"),
        "login.password": .init(zh: "密码", en: "Password"),
        "login.submit": .init(zh: "登录", en: "Sign in"),
        "login.demo_accounts": .init(zh: "演示账号（仅演示模式显示）", en: "Demo accounts (shown in demo mode only)"),
        "users.role": .init(zh: "角色", en: "Role"),
    ]
}
