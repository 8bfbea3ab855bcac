import SafeGridRendering

extension PlacesPage: HTMLPage {
    var body: Node {
        let t = page.texts
        let columns = [t("places.name"), t("places.category"), t("hazard.grid"), t("places.address"), t("places.contact"), t("grids.links")]
        return Group {
            Div(.class("page-head")) {
                H1 { t("places.title") }
                if mayAdd { Div(.class("actions")) { A(.class("button primary"), .href(SiteURL.newPlace.path)) { t("places.new") } } }
            }
            if let error { P(.class("alert"), .role("alert")) { error } }
            Form(.method("get"), .action(SiteURL.places.path), .class("filters card")) {
                filters.map(\.node)
                Div(.class("actions")) {
                    Button(.type("submit"), .class("button primary")) { t("ledger.apply") }
                    A(.class("button"), .href(SiteURL.places.path)) { t("ledger.reset") }
                }
            }
            pager.node(t)
            if rows.isEmpty {
                P(.class("muted")) { t("places.empty") }
            } else {
                Div(.class("table-wrap")) {
                    Table(.class("table responsive")) {
                        Thead { Tr { columns.map { label in Th { label } } } }
                        Tbody { rows.map { row($0, columns, t) } }
                    }
                }
                pager.node(t)
            }
        }
    }

    private func row(_ r: Row, _ columns: [String], _ t: Texts) -> Node {
        Tr {
            Td(.data("label", columns[0])) {
                r.name
                if let level = r.riskLevel, !level.isEmpty {
                    " "
                    Span(.class("risk-badge risk-" + level)) { r.riskLabel ?? "" }
                }
            }
            Td(.data("label", columns[1])) { r.category }
            Td(.data("label", columns[2])) { r.grid }
            Td(.data("label", columns[3])) { r.address }
            Td(.data("label", columns[4])) { r.contact }
            Td(.data("label", columns[5])) {
                A(.href(r.hazardsHref)) { t("nav.ledger") }
                " · "
                A(.href(r.riskHref)) { t("risk.link") }
                if let href = r.newHazardHref { " · "; A(.href(href)) { t("nav.new_hazard") } }
                if let href = r.editHref { " · "; A(.href(href)) { t("places.edit") } }
            }
        }
    }
}
