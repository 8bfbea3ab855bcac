import SafeGridRendering

extension RiskListPage: HTMLPage {
    var body: Node {
        let t = page.texts
        let columns = [
            t("risk.place"), t("places.category"), t("hazard.grid"), t("risk.level"), t("risk.control"), t("risk.method"),
            t("risk.approved_at"),
        ]
        return Group {
            Div(.class("page-head")) {
                H1 { t("risk.list_title") }
                if mayViewMaps {
                    Div(.class("actions")) {
                        A(.class("button"), .href(SiteURL.regionMap.path)) { t("maps.region") }
                        A(.class("button"), .href(SiteURL.enterpriseMap.path)) { t("maps.enterprises") }
                    }
                }
            }
            if let error { P(.class("alert"), .role("alert")) { error } }
            Form(.method("get"), .action(SiteURL.risks.path), .class("filters card")) {
                filters.map(\.node)
                Div(.class("actions")) { Button(.type("submit"), .class("button primary")) { t("ledger.apply") } }
            }
            pager.node(t)
            if rows.isEmpty {
                P(.class("muted")) { t("risk.list_empty") }
            } else {
                Div(.class("table-wrap")) {
                    Table(.class("table responsive risk-list")) {
                        Thead { Tr { columns.map { label in Th { label } } } }
                        Tbody {
                            for r in rows {
                                Tr {
                                    Td(.data("label", columns[0])) { A(.href(r.href)) { r.name } }
                                    Td(.data("label", columns[1])) { r.category }
                                    Td(.data("label", columns[2])) { r.grid }
                                    Td(.data("label", columns[3])) {
                                        Span(.class("risk-badge risk-" + r.level)) { r.levelLabel }
                                        if let displayed = r.displayed, !displayed.isEmpty {
                                            Br()
                                            Small(.class("muted")) { r.displayedLabel ?? "" }
                                        }
                                    }
                                    Td(.data("label", columns[4])) { r.control }
                                    Td(.data("label", columns[5])) { r.method }
                                    Td(.data("label", columns[6])) { r.approvedAt }
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
