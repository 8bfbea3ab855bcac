import SafeGridRendering

extension PlaceRiskPage: HTMLPage {
    var body: Node {
        let t = page.texts
        return Group {
            P {
                A(.href(SiteURL.places.path)) { t("places.back") }
                " · "
                A(.href(SiteURL.risks.path)) { t("risk.list_title") }
            }
            H1 { page.title }
            P(.class("muted")) { placeMeta }
            if let notice { P(.class("notice"), .role("status")) { notice } }
            if let alert { P(.class("alert"), .role("alert")) { alert } }
            Layout.errorList(errors)
            Div(.class("card risk-current")) {
                P {
                    Strong { t("risk.current") }
                    t("punct.colon")
                    if let current {
                        Span(.class("risk-badge risk-" + current.level)) { current.label }
                        " " + current.control
                    } else {
                        Span(.class("risk-badge risk-none")) { t("risk.level.none") }
                    }
                }
                if let displayed {
                    P {
                        Strong { t("risk.displayed") }
                        t("punct.colon")
                        Span(.class("risk-badge risk-" + displayed.level)) { displayed.label }
                    }
                }
                if majorHazard {
                    P(.class("alert")) {
                        t("risk.major_hazard_red") + " "
                        A(.href(hazardsHref)) { t("nav.ledger") }
                    }
                }
            }
            if let form { assessment(form, t) }
            H2 { t("risk.history") }
            if rows.isEmpty {
                P(.class("muted")) { t("risk.history_empty") }
            } else {
                history(t)
            }
        }
    }

    private func assessment(_ form: Form, _ t: Texts) -> Node {
        Section(.class("card")) {
            H2 { t("risk.new") }
            Tab.nav(tabs)
            P(.class("muted")) {
                form.formula + " · " + form.version
                Br()
                form.bands
            }
            // The nested `Form` model shadows the element function here.
            SafeGridRendering.Form(.method("post"), .action(form.action), .class("form narrow-form")) {
                Layout.csrfField(page)
                Input(.type("hidden"), .name("method"), .value(form.method))
                form.fields.map(\.node)
                Button(.type("submit"), .class("button primary")) { t("risk.submit") }
            }
        }
    }

    private func history(_ t: Texts) -> Node {
        let columns = [
            t("risk.date"), t("risk.method"), t("risk.inputs"), t("risk.score"), t("risk.level"), t("risk.control"),
            t("risk.table_version"), t("risk.state"), t("risk.assessed_by"), t("risk.approved_by"),
        ]
        return Div(.class("table-wrap")) {
            Table(.class("table responsive")) {
                Thead { Tr { columns.map { label in Th { label } } } }
                Tbody {
                    for r in rows {
                        Tr {
                            Td(.data("label", columns[0])) { r.date }
                            Td(.data("label", columns[1])) { r.method }
                            Td(.data("label", columns[2])) {
                                r.inputs
                                if let note = r.note, !note.isEmpty {
                                    Br()
                                    Small(.class("muted prewrap")) { note }
                                }
                            }
                            Td(.data("label", columns[3])) { r.score }
                            Td(.data("label", columns[4])) { Span(.class("risk-badge risk-" + r.level)) { r.levelLabel } }
                            Td(.data("label", columns[5])) { r.control }
                            Td(.data("label", columns[6])) { "\(r.version)" }
                            Td(.data("label", columns[7])) {
                                r.stateLabel
                                if let action = r.approveAction {
                                    SafeGridRendering.Form(.method("post"), .action(action), .class("inline")) {
                                        Layout.csrfField(page)
                                        " "
                                        Button(.type("submit"), .class("button primary small")) { t("risk.approve") }
                                    }
                                }
                            }
                            Td(.data("label", columns[8])) { r.assessedBy }
                            Td(.data("label", columns[9])) { r.approvedBy }
                        }
                    }
                }
            }
        }
    }
}

extension PlaceRiskPage.Tab {
    /// The method tabs of the assessment form and the region / enterprise tabs of the maps.
    static func nav(_ tabs: [Self]) -> Node {
        Nav(.class("tabs")) {
            for tab in tabs {
                A(.href(tab.href), .class(tab.active ? "active" : nil), .aria("current", tab.active ? "page" : nil)) { tab.label }
            }
        }
    }
}
