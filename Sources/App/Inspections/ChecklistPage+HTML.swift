import SafeGridRendering

extension ChecklistPage: HTMLPage {
    var body: Node {
        let t = page.texts
        return Group {
            P { A(.href(SiteURL.checklists.path)) { t("checklists.back") } }
            Div(.class("page-head")) {
                H1 { heading }
                if let editHref, !editHref.isEmpty {
                    Div(.class("actions")) { A(.class("button"), .href(editHref)) { t("places.edit") } }
                }
            }
            P(.class("muted")) { meta }
            for topic in topics {
                Section(.class("card topic")) {
                    H2 { topic.name }
                    Ol(.class("check-list")) {
                        for item in topic.items {
                            Li {
                                item.text + " "
                                Small(.class("muted")) { item.category }
                                if item.photo { " "; Span(.class("badge photo")) { t("inspection.photo_on_fail") } }
                            }
                        }
                    }
                }
            }
        }
    }
}
