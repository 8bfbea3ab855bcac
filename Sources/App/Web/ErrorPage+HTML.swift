import SafeGridRendering

extension ErrorPage.Context: HTMLPage {
    var body: Node {
        let t = page.texts
        return Section(.class("card narrow")) {
            H1 {
                t("error.title") + " "
                Small(.class("muted")) { "\(status)" }
            }
            P(.class("alert")) { message }
            Layout.errorList(fields)
            P { A(.class("button"), .href(SiteURL.home.path)) { t("error.back") } }
        }
    }
}
