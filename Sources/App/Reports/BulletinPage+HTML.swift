import SafeGridRendering

extension BulletinsPage: HTMLPage {
    var body: Node {
        let t = page.texts
        return Group {
            H1 { page.title }
            if let alert, !alert.isEmpty { P(.class("alert"), .role("alert")) { alert } }
            if !form.isEmpty {
                Form(.method("post"), .action(SiteURL.bulletins.path), .class("filters card")) {
                    Layout.csrfField(page)
                    form.map(\.node)
                    Div(.class("actions")) { Button(.type("submit"), .class("button primary")) { t("bulletin.generate") } }
                }
            }
            pager.node(t)
            if rows.isEmpty {
                P(.class("muted")) { t("bulletin.empty") }
            } else {
                Ul(.class("bulletin-list")) {
                    for r in rows {
                        Li(.class("card")) {
                            A(.href(r.href)) { Strong { r.grid + " · " + r.period } }
                            " "
                            Small(.class("muted")) { r.generatedAt }
                            P { r.summary + "…" }
                        }
                    }
                }
            }
        }
    }
}

extension BulletinPage: HTMLPage {
    var body: Node {
        let t = page.texts
        return Group {
            Div(.class("no-print actions notice-tools")) {
                Button(.type("button"), .class("button primary"), .data("print")) { t("notice.print") }
                A(.class("button"), .href(csvHref)) { t("registers.export_csv") }
                A(.class("button"), .href(xlsxHref)) { t("registers.export_xlsx") }
                A(.class("button"), .href(SiteURL.bulletins.path)) { t("bulletin.back") }
            }
            Article(.class("sheet bulletin-sheet")) {
                H1(.class("sheet-title")) { heading }
                P(.class("sheet-number")) { periodLabel + " · " + t("bulletin.generated") + " " + generatedAt }
                P(.class("sheet-text")) { text }
                P(.class("bulletin-other muted no-print")) { otherText }
                H2 { t("bulletin.figures") }
                Table(.class("sheet-table bulletin-figures")) {
                    for f in figures { Tr { Th { f.label }; Td { f.value } } }
                }
                // SVG that BarChart drew, its texts escaped there. `Figure` here is the model's own type.
                Div(.class("bulletin-charts")) {
                    for c in charts { SafeGridRendering.Figure(.class("chart-frame")) { Node.trusted(c) } }
                }
                if !overdue.isEmpty {
                    H2 { t("bulletin.overdue_list") }
                    Self.sheetTable(
                        [t("bulletin.number"), t("hazard.title"), t("hazard.grid"), t("hazard.deadline"), t("hazard.grade")], overdue)
                }
                if !ranking.isEmpty {
                    H2 { t("bulletin.ranking") }
                    Self.sheetTable([t("assessment.rank"), t("assessment.unit"), t("assessment.score"), t("assessment.grade")], ranking)
                }
                if !campaigns.isEmpty {
                    H2 { t("bulletin.campaigns") }
                    Self.sheetTable([t("bulletin.campaign"), t("bulletin.tasks_done"), t("bulletin.completion")], campaigns)
                }
                if let trailAnchor, !trailAnchor.isEmpty {
                    P(.class("trail-anchor muted")) {
                        t("bulletin.trail_anchor")
                        Code { trailAnchor }
                    }
                }
            }
        }
    }

    /// A row of headings, then the rows.
    private static func sheetTable(_ headings: [String], _ rows: [[String]]) -> Node {
        Table(.class("sheet-table")) {
            Tr { headings.map { h in Th { h } } }
            for row in rows { Tr { row.map { c in Td { c } } } }
        }
    }
}
