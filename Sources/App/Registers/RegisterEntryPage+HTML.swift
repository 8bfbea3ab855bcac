import SafeGridRendering

extension RegisterEntryPage: HTMLPage {
    var body: Node {
        let t = page.texts
        let alerting = alert.map { !$0.isEmpty } ?? false
        return Group {
            Div(.class("page-head")) {
                H1 { page.title }
                Div(.class("actions")) { A(.class("button"), .href(backHref)) { t("registers.back") } }
            }
            if let alert, alerting { P(.class("alert"), .role("alert")) { alert } }
            Layout.errorList(errors)
            if let voided, !voided.isEmpty {
                P(.class("alert")) {
                    Span(.class("badge voided")) { t("registers.voided") }
                    " " + voided
                }
            }
            Section(.class("card")) {
                Dl(.class("facts")) {
                    for f in facts {
                        Dt { f.label }
                        Dd(.class("prewrap")) { f.value }
                    }
                }
            }
            if let formAction, !formAction.isEmpty {
                Details(.class("card register-form"), .open(alerting)) {
                    Summary { t("registers.correct") }
                    Form(.method("post"), .action(formAction), .class("form")) {
                        Layout.csrfField(page)
                        form.map(\.node)
                        Button(.type("submit"), .class("button primary")) { t("registers.save_correction") }
                    }
                }
            }
            if let voidAction, !voidAction.isEmpty {
                Details(.class("card register-form"), .open(voidOpen)) {
                    Summary { t("registers.void") }
                    Form(.method("post"), .action(voidAction), .class("form")) {
                        Layout.csrfField(page)
                        voidForm.map(\.node)
                        Button(.type("submit"), .class("button"), .data("confirm", t("registers.void_confirm"))) { t("registers.void") }
                    }
                }
            }
            Section(.class("card")) {
                H2 { t("registers.history") }
                Ol(.class("timeline")) {
                    for s in history {
                        Li {
                            Strong { s.action }
                            " · " + s.who + " · "
                            Time { s.at }
                            if !s.changes.isEmpty { Ul { s.changes.map { c in Li { c } } } }
                        }
                    }
                }
            }
        }
    }
}
