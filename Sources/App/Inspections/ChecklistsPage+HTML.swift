import SafeGridRendering

extension ChecklistsPage: HTMLPage {
    var body: Node {
        let t = page.texts
        let columns = [t("checklists.name"), t("places.category"), t("checklists.version"), t("checklists.items")]
        return Group {
            Div(.class("page-head")) {
                H1 { t("checklists.title") }
                if isAdmin {
                    Div(.class("actions")) { A(.class("button primary"), .href(SiteURL.newChecklist.path)) { t("checklists.new_title") } }
                }
            }
            P(.class("muted")) { t("checklists.intro") }
            Div(.class("table-wrap")) {
                Table(.class("table responsive")) {
                    Thead {
                        Tr {
                            columns.map { label in Th { label } }
                            Th()
                        }
                    }
                    Tbody {
                        for r in rows {
                            Tr {
                                Td(.data("label", columns[0])) { A(.href(r.href)) { r.name } }
                                Td(.data("label", columns[1])) { r.category }
                                Td(.data("label", columns[2])) { "v\(r.version)" }
                                Td(.data("label", columns[3])) { "\(r.items)" }
                                Td {
                                    if let edit = r.editHref, !edit.isEmpty { A(.href(edit)) { t("places.edit") } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
