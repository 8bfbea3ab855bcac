import SafeGridRendering

extension MessagesPage: HTMLPage {
    var body: Node {
        let t = page.texts
        return Group {
            Div(.class("page-head")) {
                H1 { t("messages.title") }
                if unread > 0 {
                    Form(.method("post"), .action(SiteURL.messagesRead.path), .class("inline")) {
                        Layout.csrfField(page)
                        Button(.type("submit"), .class("button")) { t("messages.read_all") }
                    }
                }
            }
            P(.class("muted")) {
                t.count("messages.unread_count", unread)
                " · "
                if onlyUnread {
                    A(.href(SiteURL.messages.path)) { t("messages.show_all") }
                } else {
                    A(.href(SiteURL.messages.with(query: "unread=true"))) { t("messages.show_unread") }
                }
            }
            if rows.isEmpty {
                P(.class("card muted")) { t(onlyUnread ? "messages.none_unread" : "messages.none") }
            } else {
                Ul(.class("plain messages")) {
                    for row in rows {
                        Li(.classes(("message", true), ("unread", row.unread))) {
                            A(.href(row.href)) {
                                if row.unread { Span(.class("badge unread")) { t("messages.new") }; " " }
                                Strong { row.subject }
                                Div { row.text }
                                if let detail = row.detail, !detail.isEmpty { Div(.class("muted prewrap")) { detail } }
                                Small(.class("muted")) { row.at }
                            }
                        }
                    }
                }
                pager.node(t)
            }
        }
    }
}
