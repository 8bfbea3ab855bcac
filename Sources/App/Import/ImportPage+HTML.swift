import SafeGridRendering

extension ImportPage: HTMLPage {
    var body: Node {
        let t = page.texts
        return Group {
            H1 { t("imports.title") }
            P(.class("muted")) { t("imports.about") }
            if let notice { P(.class("notice"), .role("status")) { notice } }
            Layout.errorList(errors, alert: true)
            if !problems.isEmpty {
                Div(.class("alert"), .role("alert")) {
                    P { t("imports.failed") }
                    Ul(.class("errors")) { problems.map { p in Li { p } } }
                }
            }
            Form(.method("post"), .action(SiteURL.imports.path), .enctype("multipart/form-data"), .class("form card narrow-form")) {
                Layout.csrfField(page)
                fields.map(\.node)
                Button(.type("submit"), .class("button primary")) { t("imports.submit") }
            }
        }
    }
}
