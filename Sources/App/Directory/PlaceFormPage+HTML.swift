import SafeGridRendering

extension PlaceFormPage: HTMLPage {
    var body: Node {
        let t = page.texts
        return Group {
            P { A(.href(SiteURL.places.path)) { t("places.back") } }
            H1 { page.title }
            if let alert { P(.class("alert"), .role("alert")) { alert } }
            Layout.errorList(errors)
            Form(.method("post"), .action(action), .class("form card narrow-form")) {
                Layout.csrfField(page)
                fields.map(\.node)
                Layout.locationFieldset(page, location, map: pickMap)
                Button(.type("submit"), .class("button primary")) { t("form.save") }
            }
        }
    }
}
