import SafeGridRendering

extension MePage: HTMLPage {
    var body: Node {
        let t = page.texts
        return Group {
            H1 { t("me.title") }
            if let user = page.user {
                P(.class("who-am-i")) { Strong { user.displayName }; " · " + user.roleLabel }
            }
            Nav(.class("me-menu"), .aria("label", t("me.menu"))) {
                Ul {
                    for item in page.nav {
                        Li { A(.href(item.href), .class("button"), .aria("current", item.active ? "page" : nil)) { item.label } }
                    }
                }
            }
            H2 { t("me.account") }
            Ul(.class("me-menu")) {
                Li { A(.href(page.switchHref), .class("button")) { t("nav.switch_language") } }
                Li { A(.href(SiteURL.accountPassword.path), .class("button")) { t("nav.password") } }
                Li {
                    Form(.method("post"), .action(SiteURL.logout.path)) {
                        Layout.csrfField(page)
                        Button(.type("submit"), .class("button")) { t("nav.logout") }
                    }
                }
            }
        }
    }
}
