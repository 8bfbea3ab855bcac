import SafeGridRendering

extension AssessmentPage: HTMLPage {
    var body: Node {
        let t = page.texts
        return Group {
            Div(.class("page-head")) {
                H1 { page.title }
                Div(.class("actions no-print")) {
                    // The history has no export.
                    if !csvHref.isEmpty {
                        A(.class("button"), .href(csvHref)) { t("registers.export_csv") }
                        A(.class("button"), .href(xlsxHref)) { t("registers.export_xlsx") }
                    }
                    A(.class("button"), .href(SiteURL.indicatorSets.path)) { t("indicators.link") }
                }
            }
            if !filters.isEmpty {
                Form(.method("get"), .action(SiteURL.assessments.path), .class("filters card no-print")) {
                    filters.map(\.node)
                    Div(.class("actions")) { Button(.type("submit"), .class("button primary")) { t("ledger.apply") } }
                }
            }
            if let alert, !alert.isEmpty { P(.class("alert"), .role("alert")) { alert } }
            // The chart is SVG that BarChart drew, its texts escaped there.
            if let chart, !chart.isEmpty { Figure(.class("chart-frame")) { Node.trusted(chart) } }
            if !rows.isEmpty {
                Div(.class("table-wrap")) {
                    Table(.class("table assessment-table")) {
                        Thead {
                            Tr {
                                headers.map { h in Th { h } }
                                Th(.class("no-print"))
                            }
                        }
                        Tbody {
                            for r in rows {
                                Tr(.class(r.vetoed ? "vetoed" : nil)) {
                                    r.cells.map { c in Td { c } }
                                    Td(.class("no-print")) {
                                        if let href = r.historyHref, !href.isEmpty { A(.href(href)) { t("assessment.history") } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            P(.class("muted")) { note }
        }
    }
}
