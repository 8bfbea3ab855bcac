import SafeGridRendering

extension RiskMapPage: HTMLPage {
    var body: Node {
        let t = page.texts
        let columns = [t("maps.grid"), t("risk.level"), t("maps.places")]
        return Div(.classes(("risk-map-page", true), ("map-print", printLayout))) {
            Div(.class("page-head no-print")) {
                PlaceRiskPage.Tab.nav(tabs)
                Div(.class("actions")) {
                    if let upHref { A(.class("button"), .href(upHref)) { t("maps.up") } }
                    A(.class("button"), .href(printHref)) { t("maps.print") }
                    A(.class("button"), .href(svgHref), .download(true)) { t("maps.svg") }
                    if mayImport { A(.class("button"), .href(SiteURL.boundaries.path)) { t("maps.boundaries") } }
                }
            }
            if printLayout {
                P(.class("no-print actions")) {
                    Button(.type("button"), .class("button primary"), .data("print")) { t("notice.print") }
                    A(.class("button"), .href(screenHref)) { t("places.back") }
                }
            }
            H1 { heading }
            Form(.method("get"), .class("filters card no-print map-controls")) {
                filters.map(\.node)
                Div(.class("actions")) { Button(.type("submit"), .class("button primary")) { t("maps.show") } }
            }
            Figure(.class("map-frame")) {
                // RiskMap.svg writes the chart itself and escapes every name it prints.
                Node.trusted(svg)
                Figcaption(.class("muted")) { rule }
            }
            Div(.class("table-wrap")) {
                Table(.class("table responsive map-units")) {
                    Thead { Tr { columns.map { label in Th { label } } } }
                    Tbody {
                        for r in rows {
                            Tr {
                                Td(.data("label", columns[0])) { A(.href(r.href)) { r.name } }
                                Td(.data("label", columns[1])) { Span(.class("risk-badge risk-" + r.level)) { r.levelLabel } }
                                Td(.data("label", columns[2])) { r.counts }
                            }
                        }
                    }
                }
            }
        }
    }
}
