import SafeGridRendering

extension UserFormPage: HTMLPage {
    var body: Node {
        let t = page.texts
        return Group {
            P { A(.href(SiteURL.users.path)) { t("users.back") } }
            H1 { t("users.new") }
            if let alert { P(.class("alert"), .role("alert")) { alert } }
            Layout.errorList(errors)
            Form(.method("post"), .action(SiteURL.newUser.path), .class("form card narrow-form")) {
                Layout.csrfField(page)
                fields.map(\.node)
                Button(.type("submit"), .class("button primary")) { t("users.create") }
            }
        }
    }
}
