import SafeGridRendering

extension CalendarPage: HTMLPage {
    var body: Node {
        let t = page.texts
        return Group {
            H1 { t("calendar.title") }
            P(.class("muted")) { t("calendar.about") }
            if let notice, !notice.isEmpty { P(.class("notice"), .role("status")) { notice } }
            Ul(.class("year-list")) {
                for y in years {
                    Li {
                        A(.href(y.href), .aria("current", y.year == year ? "page" : nil)) { "\(y.year)" }
                        " "
                        Span(.classes(("badge", true), ("overdue", !y.official))) { y.status }
                    }
                }
            }
            H2 { t("calendar.year_form") + " \(year)" }
            Layout.errorList(errors, alert: true)
            Form(.method("post"), .action(action), .enctype("multipart/form-data"), .class("form card narrow-form")) {
                Layout.csrfField(page)
                fields.map(\.node)
                Button(.type("submit"), .class("button primary")) { t("calendar.save") }
            }
        }
    }
}
