import SafeGridRendering

extension BoundaryUploadPage: HTMLPage {
    var body: Node {
        let t = page.texts
        return Group {
            P { A(.href(SiteURL.regionMap.path)) { t("maps.region") } }
            H1 { page.title }
            if let notice { P(.class("notice"), .role("status")) { notice } }
            if let unmatched { P(.class("alert")) { unmatched } }
            if let alert { P(.class("alert"), .role("alert")) { alert } }
            Form(.method("post"), .action(SiteURL.boundaries.path), .enctype("multipart/form-data"), .class("form card narrow-form")) {
                Layout.csrfField(page)
                fields.map(\.node)
                Button(.type("submit"), .class("button primary")) { t("maps.import") }
            }
        }
    }
}
