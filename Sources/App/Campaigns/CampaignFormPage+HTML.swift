import SafeGridRendering

extension CampaignFormPage: HTMLPage {
    var body: Node {
        let t = page.texts
        return Group {
            P { A(.href(SiteURL.campaigns.path)) { t("campaign.back") } }
            H1 { page.title }
            Layout.errorList(errors)
            Form(.method("post"), .action(action), .class("form card narrow-form")) {
                Layout.csrfField(page)
                fields.map(\.node)
                Button(.type("submit"), .class("button primary")) { t("form.save") }
            }
        }
    }
}
