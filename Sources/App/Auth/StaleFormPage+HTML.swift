import SafeGridRendering

extension StaleFormPage.Context: HTMLPage {
    var body: Node {
        let t = page.texts
        return Section(.class("card narrow")) {
            H1 {
                t("error.title") + " "
                Small(.class("muted")) { "403" }
            }
            P(.class("alert")) { message }
            P { hint }
            if let action {
                Form(.method("post"), .action(action)) {
                    Layout.csrfField(page)
                    for f in fields { Input(.type("hidden"), .name(f.name), .value(f.value)) }
                    Button(.class("button primary")) { t("error.csrf.button") }
                }
            }
            P { A(.class("button"), .href(SiteURL.home.path)) { t("error.back") } }
        }
    }
}
