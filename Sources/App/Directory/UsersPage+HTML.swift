import SafeGridRendering

extension UsersPage: HTMLPage {
    var body: Node {
        let t = page.texts
        let columns = [
            t("login.username"), t("users.display_name"), t("users.role"), t("users.reach"), t("users.phone"), t("users.status"),
            t("users.access"),
        ]
        return Group {
            Div(.class("page-head")) {
                H1 { t("users.title") }
                Div(.class("actions")) { A(.class("button primary"), .href(SiteURL.newUser.path)) { t("users.new") } }
            }
            if let notice { P(.class("notice"), .role("status")) { notice } }
            pager.node(t)
            Div(.class("table-wrap")) {
                Table(.class("table responsive")) {
                    Thead { Tr { columns.map { label in Th { label } } } }
                    Tbody {
                        for r in rows {
                            Tr {
                                Td(.data("label", columns[0])) { Code { r.username } }
                                Td(.data("label", columns[1])) { r.displayName }
                                Td(.data("label", columns[2])) { r.role }
                                Td(.data("label", columns[3])) { r.reach }
                                Td(.data("label", columns[4])) { r.phone }
                                Td(.data("label", columns[5])) {
                                    if r.active { t("users.active") } else { Span(.class("badge voided")) { t("users.inactive") } }
                                }
                                Td(.data("label", columns[6]), .class("row-actions")) { access(r, t) }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Deactivate or reactivate, and for an active account the revocation of its sessions and tokens.
    private func access(_ r: Row, _ t: Texts) -> Node {
        Group {
            Form(.method("post"), .action(SiteURL.userAccess(.id(r.id)).path), .class("inline")) {
                Layout.csrfField(page)
                if r.active {
                    Input(.type("hidden"), .name("active"), .value("false"))
                    Button(.class("button small"), .data("confirm", t("users.deactivate_confirm"))) { t("users.deactivate") }
                } else {
                    Input(.type("hidden"), .name("active"), .value("true"))
                    Button(.class("button small")) { t("users.activate") }
                }
            }
            if r.active {
                Form(.method("post"), .action(SiteURL.userAccess(.id(r.id)).path), .class("inline")) {
                    Layout.csrfField(page)
                    Input(.type("hidden"), .name("revoke"), .value("true"))
                    Button(.class("button small"), .data("confirm", t("users.revoke_confirm"))) { t("users.revoke") }
                }
            }
        }
    }
}
