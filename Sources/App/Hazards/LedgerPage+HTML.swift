import SafeGridRendering

extension LedgerPage: HTMLPage {
    var body: Node {
        let t = page.texts
        let columns = [
            t("ledger.col.number"), t("hazard.title"), t("hazard.place"), t("hazard.grid"), t("hazard.category"), t("hazard.grade"),
            t("ledger.col.state"), t("hazard.deadline"),
        ]
        return Group {
            Div(.class("page-head")) {
                H1 { t("ledger.title") }
                Div(.class("actions")) {
                    if page.user?.mayRegister == true { A(.class("button primary"), .href(SiteURL.newHazard.path)) { t("nav.new_hazard") } }
                    A(.class("button"), .href(xlsxHref), .download(true)) { t("ledger.export_xlsx") }
                    A(.class("button"), .href(csvHref), .download(true)) { t("ledger.export") }
                }
            }
            if let error { P(.class("alert"), .role("alert")) { error } }
            Details(.class("card filterbox"), .open(filtersActive)) {
                Summary { t("ledger.filters") }
                Form(.method("get"), .action(SiteURL.hazards.path), .class("filters")) {
                    filters.map(\.node)
                    Div(.class("actions")) {
                        Button(.type("submit"), .class("button primary")) { t("ledger.apply") }
                        A(.class("button"), .href(SiteURL.hazards.path)) { t("ledger.reset") }
                    }
                }
            }
            pager.node(t)
            if empty {
                P(.class("muted")) { t("ledger.empty") }
            } else {
                Div(.class("table-wrap")) {
                    Table(.class("table responsive ledger")) {
                        Thead { Tr { columns.map { label in Th { label } } } }
                        Tbody {
                            for r in rows {
                                Tr {
                                    Td(.data("label", columns[0])) { A(.href(SiteURL.hazard(.id(r.id)).path)) { r.number } }
                                    Td(.data("label", columns[1])) { A(.href(SiteURL.hazard(.id(r.id)).path)) { r.title } }
                                    Td(.data("label", columns[2])) { r.place }
                                    Td(.data("label", columns[3])) { r.grid }
                                    Td(.data("label", columns[4])) { r.category }
                                    Td(.data("label", columns[5])) {
                                        if r.major { Span(.class("badge major")) { r.grade } } else { r.grade }
                                    }
                                    Td(.data("label", columns[6])) { Span(.class("badge " + r.state)) { r.stateLabel } }
                                    Td(.data("label", columns[7])) {
                                        r.deadline
                                        if let overdue = r.overdue { " "; Span(.class("badge overdue")) { overdue } }
                                    }
                                }
                            }
                        }
                    }
                }
                pager.node(t)
            }
        }
    }
}
