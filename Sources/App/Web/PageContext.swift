import SafeGridDomain
import Vapor

/// What every page needs: texts in the chosen language, the user, navigation
/// and the CSRF token, for the layout (`Layout`).
struct PageContext {
    let lang: String
    let otherLang: String
    let title: String
    let path: String
    let csrf: String
    let user: UserSummary?
    let nav: [NavItem]
    /// The phone's bottom bar (`PhoneTabs`); empty when no one is signed in.
    let tabs: [NavItem]
    /// The confirmation of the form sent just before (`Flash`), shown once.
    let flash: String?
    let demo: Bool
    let switchHref: String

    /// The catalogue in the page's language.
    var texts: Texts { Texts(AppLocale(rawValue: lang) ?? .zhHans) }

    struct UserSummary {
        /// The account's id: the offline queue sends a phone's saved work only for the account that made it.
        let id: Int
        let displayName: String
        let roleLabel: String
        let isAdmin: Bool
        let mayManage: Bool
        let mayRegister: Bool
    }

    struct NavItem {
        let href: String
        let label: String
        let active: Bool
        /// Unread messages on the 消息 item, with its spoken label; 0 shows nothing.
        var count = 0
        var countLabel: String? = nil
    }

    /// The ledger stays lit on a hazard's pages, but not on the new-hazard form, which has its own item.
    static func isActive(_ href: String, path: String) -> Bool {
        switch href {
        case SiteURL.home.path: path == SiteURL.home.path
        case SiteURL.hazards.path:
            path == SiteURL.hazards.path || (path.hasPrefix(SiteURL.hazards.path + "/") && !path.hasPrefix(SiteURL.newHazard.path))
        default: path == href || path.hasPrefix(href + "/")
        }
    }

    static func href(_ tab: PhoneTab) -> String {
        switch tab {
        case .home: SiteURL.home.path
        case .myTasks: SiteURL.myTasks.path
        case .register: SiteURL.newHazard.path
        case .ledger: SiteURL.hazards.path
        case .messages: SiteURL.messages.path
        case .me: SiteURL.me.path
        }
    }

    init(_ req: Request, title: String) {
        let locale = AppLocale.of(req)
        lang = locale.rawValue
        otherLang = locale == .en ? "zh-Hans" : "en"
        self.title = title
        path = req.url.path
        csrf = CSRFMiddleware.token(for: req)
        flash = Flash.take(req, Texts(locale))
        demo = req.application.settings.demo
        let current = req.auth.get(CurrentUser.self)
        user = current.map {
            UserSummary(id: $0.id, displayName: $0.displayName, roleLabel: Catalogue.label("role", $0.role, locale),
                        isAdmin: AccountPermissions.mayManageAccounts($0.actor), mayManage: CampaignPermissions.mayCreate($0.actor),
                        mayRegister: Permissions.mayRegisterAnywhere($0.actor))
        }
        var items: [(String, String)] = []
        if let current {
            items = [(SiteURL.home.path, "nav.dashboard"), (SiteURL.hazards.path, "nav.ledger"), (SiteURL.ledgers.path, "nav.ledgers")]
            if Permissions.mayRegisterAnywhere(current.actor) { items.append((SiteURL.newHazard.path, "nav.new_hazard")) }
            items += InspectionNav.items(for: current.actor)
            items += [(SiteURL.places.path, "nav.places"), (SiteURL.grids.path, "nav.grids")]
            if RiskPermissions.mayViewMaps(current.actor) { items += [(SiteURL.risks.path, "nav.risks"), (SiteURL.regionMap.path, "nav.maps")] }
            items += ReportNav.items(for: current.actor)
            if CampaignPermissions.mayViewAny(current.actor) { items.append((SiteURL.campaigns.path, "nav.campaigns")) }
            if AccountPermissions.mayManageAccounts(current.actor) { items.append((SiteURL.users.path, "nav.users")) }
            if DirectoryImportPermissions.mayImport("places", current.actor) { items.append((SiteURL.imports.path, "nav.imports")) }
            if CalendarPermissions.mayEnter(current.actor) { items.append((SiteURL.calendar.path, "nav.calendar")) }
            items.append((SiteURL.messages.path, "nav.messages"))
        }
        let path = req.url.path
        let unread = req.storage[UnreadMessagesMiddleware.Key.self] ?? 0
        let words = Texts(locale)
        func item(_ href: String, _ label: String) -> NavItem {
            let counted = href == SiteURL.messages.path ? unread : 0
            return NavItem(href: href, label: label, active: Self.isActive(href, path: path), count: counted,
                           countLabel: counted > 0 ? words.count("messages.tab_unread", counted) : nil)
        }
        nav = items.map { href, key in item(href, Catalogue.text(key, locale)) }
        tabs = current.map { user in
            PhoneTabs.tabs(for: user.actor).map { tab in item(Self.href(tab), Catalogue.text("tab." + tab.rawValue, locale)) }
        } ?? []
        // Switching language keeps the page and its filters; `lang` itself would override the cookie.
        let query = Pager.query(req.url.query, dropping: ["lang"])
        let here = query.isEmpty ? path : path + "?" + query
        switchHref = SiteURL.language(.value(otherLang)).with(query: "next=" + (here.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"))
    }
}

extension PageContext {
    /// A context without a request: no user, no navigation, no form token. For building a
    /// page from its data alone (tests of a page's pure initialiser).
    init(title: String, locale: AppLocale, path: String) {
        lang = locale.rawValue
        otherLang = locale == .en ? "zh-Hans" : "en"
        self.title = title
        self.path = path
        csrf = ""
        user = nil
        nav = []
        tabs = []
        flash = nil
        demo = false
        switchHref = ""
    }
}
