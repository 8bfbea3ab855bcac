import SafeGridRendering

extension NewHazardPage: HTMLPage {
    var body: Node {
        let t = page.texts
        return Group {
            H1 { t("new_hazard.title") }
            if let alert { P(.class("alert"), .role("alert")) { alert } }
            Layout.errorList(errors)
            Form(.method("post"), .action(SiteURL.newHazard.path), .enctype("multipart/form-data"), .class("form card narrow-form")) {
                Layout.csrfField(page)
                Input(.type("hidden"), .name("kept"), .value(kept))
                fields.map(\.node)
                Layout.locationFieldset(page, location, map: pickMap)
                photos.map(\.node)
                if !keptPhotos.isEmpty {
                    Div(.class("kept")) {
                        Small(.class("hint")) { t("form.kept_photos") }
                        Div(.class("photos")) { keptPhotos.map(\.node) }
                    }
                }
                Button(.type("submit"), .class("button primary")) { t("new_hazard.submit") }
            }
        }
    }
}
