import SafeGridRendering

extension RegisterPage: HTMLPage {
    var body: Node {
        let t = page.texts
        let alerting = alert.map { !$0.isEmpty } ?? false
        // Public reports are handled in the list; activities and accidents open their own page.
        let handles = register == "publicReports"
        return Group {
            Div(.class("page-head")) {
                H1 { page.title }
                Div(.class("actions")) {
                    A(.class("button"), .href(csvHref)) { t("registers.export_csv") }
                    A(.class("button"), .href(xlsxHref)) { t("registers.export_xlsx") }
                }
            }
            Nav(.class("tabs")) {
                for tab in tabs { A(.href(tab.href), .class(tab.active ? "active" : nil)) { tab.label } }
            }
            if let alert, alerting { P(.class("alert"), .role("alert")) { alert } }
            Layout.errorList(errors)
            if let formAction, !formAction.isEmpty {
                Details(.class("card register-form"), .open(alerting)) {
                    Summary { t("registers.add") }
                    Form(.method("post"), .action(formAction), .class("form")) {
                        Layout.csrfField(page)
                        form.map(\.node)
                        Button(.type("submit"), .class("button primary")) { t("form.save") }
                    }
                }
            }
            Form(.method("get"), .action(SiteURL.register(.value(register)).path), .class("filters card")) {
                filters.map(\.node)
                Div(.class("actions")) {
                    Button(.type("submit"), .class("button primary")) { t("ledger.apply") }
                    A(.class("button"), .href(SiteURL.register(.value(register)).path)) { t("ledger.reset") }
                }
            }
            pager.node(t)
            if rows.isEmpty {
                P(.class("muted")) { t("registers.empty") }
            } else {
                Div(.class("table-wrap")) {
                    Table(.class("table responsive register-table")) {
                        Thead {
                            Tr {
                                headers.map { h in Th { h } }
                                Th { handles ? t("registers.handle") : t("registers.entry") }
                            }
                        }
                        Tbody {
                            for r in rows {
                                Tr(.class(r.voided ? "voided-row" : nil)) {
                                    r.cells.map { c in Td { c } }
                                    if let href = r.entryHref, !href.isEmpty {
                                        Td {
                                            if r.voided { Span(.class("badge voided")) { t("registers.voided") }; " " }
                                            A(.href(href)) { t("registers.open") }
                                        }
                                    }
                                    if handles { Td { handleCell(r) } }
                                }
                            }
                        }
                    }
                }
                pager.node(t)
            }
        }
    }

    private func handleCell(_ r: Row) -> Node {
        let t = page.texts
        return Group {
            if let action = r.handleAction, !action.isEmpty {
                Form(.method("post"), .action(action), .class("handle-form")) {
                    Layout.csrfField(page)
                    Label {
                        t("registers.handled_on") + " "
                        Input(.type("date"), .name("handledOn"), .required(true))
                    }
                    Label {
                        t("registers.reply") + " "
                        Input(.type("text"), .name("reply"), .required(true))
                    }
                    Button(.type("submit"), .class("button")) { t("registers.mark_handled") }
                }
            } else {
                t("registers.done")
            }
        }
    }
}
