import SafeGridRendering

extension DashboardPage: HTMLPage {
    var body: Node {
        let t = page.texts
        let columns = [t("ledger.col.number"), t("hazard.title"), t("hazard.place"), t("ledger.col.state"), t("hazard.deadline")]
        return Group {
            H1 { t("dashboard.title") }
            if let trailAlert, !trailAlert.isEmpty { P(.class("alert"), .role("alert")) { trailAlert } }
            if let calendarAlert, !calendarAlert.isEmpty {
                P(.class("alert"), .role("status")) {
                    calendarAlert + " "
                    A(.href(SiteURL.calendar.path)) { t("calendar.enter_link") }
                }
            }
            H2 { t("dashboard.open_by_state") }
            Section(.class("stats")) {
                for s in states {
                    Div(.class("stat")) {
                        Div(.class("value")) { A(.href(s.href)) { s.value } }
                        Div(.class("label")) { s.label }
                    }
                }
            }
            H2 { t("dashboard.figures") }
            Section(.class("stats")) { figures.map(Self.figure) }
            H2 { t("dashboard.majors") }
            if majors.isEmpty {
                P(.class("muted")) { t("dashboard.no_majors") }
            } else {
                Div(.class("table-wrap")) {
                    Table(.class("table responsive")) {
                        Thead { Tr { columns.map { label in Th { label } } } }
                        Tbody {
                            for r in majors {
                                Tr {
                                    Td(.data("label", columns[0])) { A(.href(SiteURL.hazard(.id(r.id)).path)) { r.number } }
                                    Td(.data("label", columns[1])) { A(.href(SiteURL.hazard(.id(r.id)).path)) { r.title } }
                                    Td(.data("label", columns[2])) { r.place + " "; Span(.class("muted")) { r.grid } }
                                    Td(.data("label", columns[3])) {
                                        Span(.class("badge " + r.state)) { r.stateLabel }
                                        if let overdue = r.overdue, !overdue.isEmpty { " "; Span(.class("badge overdue")) { overdue } }
                                    }
                                    Td(.data("label", columns[4])) { r.deadline }
                                }
                            }
                        }
                    }
                }
            }
            H2 { unitsTitle }
            if units.isEmpty {
                P(.class("muted")) { noUnits }
            } else {
                Div(.class("table-wrap")) {
                    Table(.class("table compact villages")) {
                        Thead {
                            Tr {
                                Th { unitColumn }
                                Th(.class("num")) { t("dashboard.open") }
                                Th(.class("num")) { t("dashboard.overdue") }
                                Th(.class("num")) { t("dashboard.closed") }
                                Th(.class("num")) { t("dashboard.closure_rate") }
                            }
                        }
                        Tbody {
                            for v in units {
                                Tr {
                                    Td {
                                        A(.href(v.href)) { v.name }
                                        Br()
                                        Small(.class("muted")) { v.kind }
                                    }
                                    Td(.class("num")) { "\(v.open)" }
                                    Td(.class("num")) {
                                        if v.overdue > 0 { Span(.class("badge overdue")) { "\(v.overdue)" } } else { "0" }
                                    }
                                    Td(.class("num")) { "\(v.closed)" }
                                    Td(.class("num")) { v.closureRate }
                                }
                            }
                        }
                    }
                }
            }
            P(.class("hint")) { t("dashboard.formulas") }
        }
    }

    private static func figure(_ s: Stat) -> Node {
        Div(.classes(("stat", true), ("alert-stat", s.alert))) {
            Div(.class("value")) {
                if let href = s.href, !href.isEmpty { A(.href(href)) { s.value } } else { s.value }
            }
            Div(.class("label")) { s.label }
            if let hint = s.hint, !hint.isEmpty { Div(.class("hint")) { hint } }
        }
    }
}
