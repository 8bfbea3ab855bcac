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
            if !fields.isEmpty { Ul(.class("errors")) { fields.map { f in Li { f } } } }
            P { A(.class("button"), .href(SiteURL.home.path)) { t("error.back") } }
        }
    }
}
