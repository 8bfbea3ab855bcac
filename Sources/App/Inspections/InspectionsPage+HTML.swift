import SafeGridRendering

extension InspectionsPage: HTMLPage {
    var body: Node {
        let t = page.texts
        let columns = [
            t("hazard.place"), t("inspection.kind"), t("inspection.started"), t("inspection.inspectors"), t("inspection.failed"),
            t("inspection.status"),
        ]
        return Group {
            Div(.class("page-head")) {
                H1 { heading }
                if let startHref, !startHref.isEmpty {
                    Div(.class("actions")) { A(.class("button primary"), .href(startHref)) { t("inspection.new_title") } }
                }
            }
            if let error, !error.isEmpty { P(.class("alert"), .role("alert")) { error } }
            pager.node(t)
            if rows.isEmpty {
                P(.class("muted")) { t("inspections.empty") }
            } else {
                Div(.class("table-wrap")) {
                    Table(.class("table responsive")) {
                        Thead { Tr { columns.map { label in Th { label } } } }
                        Tbody {
                            for r in rows {
                                Tr {
                                    Td(.data("label", columns[0])) { A(.href(r.href)) { r.place } }
                                    Td(.data("label", columns[1])) {
                                        r.kind
                                        if r.night { " "; Span(.class("badge night")) { t("inspection.night_short") } }
                                    }
                                    Td(.data("label", columns[2])) { r.started }
                                    Td(.data("label", columns[3])) { r.inspectors }
                                    Td(.data("label", columns[4])) { "\(r.failed)" }
                                    Td(.data("label", columns[5])) { r.status }
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
