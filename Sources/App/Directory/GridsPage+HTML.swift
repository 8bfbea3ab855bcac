import SafeGridRendering

extension GridsPage: HTMLPage {
    var body: Node {
        let t = page.texts
        let columns = [t("grids.name"), t("grids.code"), t("grids.level"), t("grids.kind"), t("grids.links"), t("grids.edit")]
        return Group {
            H1 { t("grids.title") }
            if let alert { P(.class("alert"), .role("alert")) { alert } }
            Div(.class("table-wrap")) {
                Table(.class("table responsive grid-tree")) {
                    Thead { Tr { columns.map { label in Th { label } } } }
                    Tbody { rows.map { row($0, columns, t) } }
                }
            }
            if !moveForm.isEmpty {
                Section(.class("card narrow-form"), .id("move-grid")) {
                    H2 { t("grids.move") }
                    Form(.method("post"), .action(SiteURL.gridMove.path), .class("form")) {
                        Layout.csrfField(page)
                        moveForm.map(\.node)
                        Button(.type("submit"), .class("button"), .data("confirm", t("grids.move_confirm"))) { t("grids.move_submit") }
                    }
                }
            }
            if mayCreate {
                Section(.class("card narrow-form"), .id("new-grid")) {
                    H2 { t("grids.new") }
                    Layout.errorList(errors)
                    Form(.method("post"), .action(SiteURL.grids.path), .class("form")) {
                        Layout.csrfField(page)
                        form.map(\.node)
                        Button(.type("submit"), .class("button primary")) { t("grids.create") }
                    }
                }
            }
        }
    }

    private func row(_ r: Row, _ columns: [String], _ t: Texts) -> Node {
        Tr(.class("depth-\(r.depth)")) {
            Td(.data("label", columns[0])) {
                r.name
                if r.retired { " "; Span(.class("badge voided")) { t("grids.retired") } }
            }
            Td(.data("label", columns[1])) { Code { r.code } }
            Td(.data("label", columns[2])) { r.level }
            Td(.data("label", columns[3])) { r.kind }
            Td(.data("label", columns[4])) {
                if let hazardsHref = r.hazardsHref {
                    A(.href(hazardsHref)) { t("nav.ledger") }
                    " · "
                    A(.href(r.placesHref)) { t("nav.places") }
                }
            }
            Td(.data("label", columns[5])) {
                if let action = r.editAction { editForms(r, action: action, t) }
            }
        }
    }

    /// Rename and retire / reinstate, side by side in the row.
    private func editForms(_ r: Row, action: String, _ t: Texts) -> Node {
        Group {
            Form(.method("post"), .action(action), .class("inline")) {
                Layout.csrfField(page)
                Label(.class("visually-hidden"), .for("rename-" + r.code)) { t("grids.name") }
                Input(.id("rename-" + r.code), .name("name"), .value(r.name), .maxlength(100), .required(true))
                Button(.class("button small")) { t("grids.rename") }
            }
            Form(.method("post"), .action(action), .class("inline")) {
                Layout.csrfField(page)
                if r.retired {
                    Input(.type("hidden"), .name("retired"), .value("false"))
                    Button(.class("button small")) { t("grids.reinstate") }
                } else {
                    Input(.type("hidden"), .name("retired"), .value("true"))
                    Button(.class("button small"), .data("confirm", t("grids.retire_confirm"))) { t("grids.retire") }
                }
            }
        }
    }
}
