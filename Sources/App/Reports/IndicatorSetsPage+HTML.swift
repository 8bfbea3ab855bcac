import SafeGridRendering

extension IndicatorSetsPage: HTMLPage {
    var body: Node {
        let t = page.texts
        return Group {
            Div(.class("page-head")) {
                H1 { page.title }
                Div(.class("actions")) { A(.class("button"), .href(SiteURL.assessments.path)) { t("assessment.title") } }
            }
            P(.class("muted")) { t("indicators.about") }
            if let alert, !alert.isEmpty { P(.class("alert"), .role("alert")) { alert } }
            sets.map(setSection)
        }
    }

    private func setSection(_ s: SetView) -> Node {
        let t = page.texts
        return Section(.class("card"), .id(s.anchor)) {
            H2 {
                s.title + " "
                Span(.class("badge")) { s.version }
            }
            Div(.class("table-wrap")) {
                Table(.class("table")) {
                    Thead { Tr { Th { t("indicators.indicator") }; Th { t("indicators.weight") } } }
                    Tbody {
                        for l in s.lines { Tr { Td { l.label }; Td { l.weight } } }
                    }
                }
            }
            P { t("indicators.activity_target") + t("punct.colon") + s.activityTarget + " · " + s.grades }
            if let action = s.action, !action.isEmpty {
                Details(.class("register-form"), .open(s.open)) {
                    Summary { t("indicators.edit") }
                    Layout.errorList(s.errors)
                    Form(.method("post"), .action(action), .class("form narrow-form")) {
                        Layout.csrfField(page)
                        Input(.type("hidden"), .name("target"), .value(s.target))
                        Input(.type("hidden"), .name("periodKind"), .value(s.periodKind))
                        s.form.map(\.node)
                        Button(.type("submit"), .class("button primary")) { t("indicators.save") }
                    }
                }
            }
        }
    }
}
