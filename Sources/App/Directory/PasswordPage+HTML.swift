import SafeGridRendering

extension PasswordPage: HTMLPage {
    var body: Node {
        let t = page.texts
        return Group {
            H1 { t("account.password_title") }
            if let notice { P(.class("notice"), .role("status")) { notice } }
            Layout.errorList(errors)
            Form(.method("post"), .action(SiteURL.accountPassword.path), .class("form card narrow-form"), .autocomplete("off")) {
                Layout.csrfField(page)
                fields.map(\.node)
                Button(.type("submit"), .class("button primary")) { t("account.password_save") }
            }
        }
    }
}
