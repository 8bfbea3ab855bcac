import SafeGridRendering

extension SessionWebController.LoginContext: HTMLPage {
    var body: Node {
        let t = page.texts
        return Section(.class("card narrow")) {
            H1 { t("login.title") }
            if let error { P(.class("alert"), .role("alert")) { error } }
            Form(.method("post"), .action(SiteURL.login.path), .class("form")) {
                Layout.csrfField(page)
                Input(.type("hidden"), .name("next"), .value(next))
                Label {
                    t("login.username")
                    Input(.name("username"), .value(username), .autocomplete("username"), .required(true), .autofocus(true))
                }
                Label {
                    t("login.password")
                    Input(.name("password"), .type("password"), .autocomplete("current-password"), .required(true))
                }
                Button(.type("submit"), .class("button primary")) { t("login.submit") }
            }
            if !demoAccounts.isEmpty {
                Div(.class("demo")) {
                    H2 { t("login.demo_accounts") }
                    Table(.class("table compact")) {
                        Thead { Tr { Th { t("login.username") }; Th { t("login.password") }; Th { t("users.role") } } }
                        Tbody {
                            for a in demoAccounts {
                                Tr { Td { Code { a.username } }; Td { Code { a.password } }; Td { a.role } }
                            }
                        }
                    }
                }
            }
        }
    }
}
