import SafeGridRendering

extension NewInspectionPage: HTMLPage {
    var body: Node {
        let t = page.texts
        return Group {
            H1 { t("inspection.new_title") }
            if let alert, !alert.isEmpty { P(.class("alert"), .role("alert")) { alert } }
            Layout.errorList(errors)
            Form(.method("post"), .action(SiteURL.newInspection.path), .class("form card narrow-form")) {
                Layout.csrfField(page)
                fields.map(\.node)
                Layout.locationFieldset(page, location, map: pickMap)
                Button(.type("submit"), .class("button primary")) { t("inspection.start") }
            }
        }
    }
}
