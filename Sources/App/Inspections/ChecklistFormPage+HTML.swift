import SafeGridRendering

extension ChecklistFormPage: HTMLPage {
    var body: Node {
        let t = page.texts
        return Group {
            H1 { page.title }
            if let alert, !alert.isEmpty { P(.class("alert"), .role("alert")) { alert } }
            Layout.errorList(errors)
            Form(.method("post"), .action(action), .class("form card")) {
                Layout.csrfField(page)
                fields.map(\.node)
                P(.class("hint")) { t("checklists.form_hint") }
                for row in rows {
                    Fieldset(.class("checklist-row")) { row.map(\.node) }
                }
                Button(.type("submit"), .class("button primary")) { t("checklists.save") }
            }
        }
    }
}
