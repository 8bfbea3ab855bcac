import SafeGridRendering

extension NoticePage: HTMLPage {
    var body: Node {
        let t = page.texts
        return Group {
            Div(.class("no-print actions notice-tools")) {
                Button(.type("button"), .class("button primary"), .data("print")) { t("notice.print") }
                A(.class("button"), .href(hazardHref)) { t("notice.back") }
            }
            Article(.class("sheet")) {
                P(.class("sheet-issuer-name")) { township }
                H1(.class("sheet-title")) { t("notice.title") }
                P(.class("sheet-number")) { t("notice.number") + number }
                P(.class("sheet-to")) { responsible + t("notice.addressee_suffix") }
                P(.class("sheet-text")) { instruction }
                Table(.class("sheet-table")) {
                    Tr { Th { t("notice.hazard_number") }; Td { hazardNumber } }
                    Tr { Th { t("hazard.place") }; Td { place } }
                    Tr {
                        Th { t("notice.hazard") }
                        Td {
                            Strong { hazardTitle }
                            if !description.isEmpty { Br(); Span(.class("prewrap")) { description } }
                        }
                    }
                    Tr { Th { t("hazard.requirement") }; Td(.class("prewrap")) { requirement } }
                    Tr { Th { t("notice.deadline") }; Td { Strong { deadline } } }
                    Tr { Th { t("hazard.responsible") }; Td { responsible + " " + phone } }
                }
                Div(.class("sheet-issuer")) {
                    P { t("notice.issuing_unit") + township }
                    P { t("notice.issuer") + issuer }
                    P { t("notice.issued_on") + issuedOn }
                }
                Div(.class("signatures")) {
                    for label in [t("notice.sign_inspector"), t("notice.sign_receiver"), t("notice.sign_date")] {
                        Div(.class("signature")) { Span { label }; Span(.class("line")) }
                    }
                }
                P(.class("sheet-footnote")) { t("notice.footnote") }
            }
        }
    }
}
