import SafeGridRendering

// The grid worker's checklist on a phone: scripts/check-mobile, scripts/check-uploads and
// safegrid.js select on these names, ids and classes, so they must not drift.
extension InspectionPage: HTMLPage {
    var body: Node {
        let t = page.texts
        return Group {
            P { A(.href(historyHref)) { t("inspection.back") } }
            H1 { page.title }
            if let alert, !alert.isEmpty { P(.class("alert"), .role("alert")) { alert } }
            Layout.errorList(errors)
            let awaiting = topics.flatMap(\.items).filter(\.awaitsHazard).count
            if awaiting > 0 { P(.class("notice flag"), .role("status")) { t.count("inspection.awaiting_hazards", awaiting) } }
            Dl(.class("facts card")) {
                for f in facts {
                    Dt { f.label }
                    Dd { f.value }
                }
            }
            if editable {
                Form(.method("post"), .action(SiteURL.inspection(.id(id)).path), .enctype("multipart/form-data"), .class("checklist")) {
                    Layout.csrfField(page)
                    for topic in topics {
                        Fieldset(.class("card topic")) {
                            Legend { topic.name }
                            topic.items.map(openItem)
                        }
                    }
                    Div(.class("field")) {
                        Label(.for("insp-note")) { t("inspection.note") }
                        Textarea(.id("insp-note"), .name("note")) { note }
                    }
                    Div(.class("actions sticky-actions")) {
                        Button(.type("submit"), .class("button")) { t("inspection.save") }
                        Button(.type("submit"), .name("finish"), .value("1"), .class("button primary")) { t("inspection.finish") }
                    }
                }
            } else {
                for topic in topics {
                    Section(.class("card topic")) {
                        H2 { topic.name }
                        topic.items.map(doneItem)
                    }
                }
                if !note.isEmpty { P(.class("card")) { note } }
            }
            if let cancel {
                Details(.class("card action danger cancel-inspection"), .open(cancel.open)) {
                    Summary { t("inspection.cancel") }
                    Form(.method("post"), .action(cancel.action), .class("form")) {
                        Layout.csrfField(page)
                        Layout.errorList(cancel.errors)
                        cancel.reason.node
                        Button(.type("submit"), .class("button primary"), .data("confirm", t("inspection.cancel_confirm"))) {
                            t("inspection.cancel_submit")
                        }
                    }
                }
            }
        }
    }

    /// One item to answer; the form posts `items[i<id>][...]` (see `InspectionResultsForm`).
    private func openItem(_ item: Item) -> Node {
        let t = page.texts
        let key = "items[i\(item.id)]"
        let error = item.error.flatMap { $0.isEmpty ? nil : $0 }
        return Div(.classes(("check-item", true), ("has-error", error != nil))) {
            Input(.type("hidden"), .name(key + "[kept]"), .value(item.kept))
            P(.class("item-text")) {
                item.text
                if item.requiresPhoto { " "; Span(.class("badge photo")) { t("inspection.photo_on_fail") } }
            }
            Div(.class("results"), .role("radiogroup")) {
                for o in item.options {
                    Label(.class("result result-" + o.value)) {
                        Input(.type("radio"), .name(key + "[result]"), .value(o.value), .checked(o.checked))
                        " " + o.label
                    }
                }
            }
            Label(.class("sub"), .for("note-\(item.id)")) { t("inspection.item_note") }
            Textarea(.id("note-\(item.id)"), .name(key + "[note]"), .rows(2)) { item.note }
            Label(.class("sub"), .for("photo-\(item.id)")) { t("inspection.item_photos") }
            Input(.type("file"), .id("photo-\(item.id)"), .name(key + "[photos][]"), .accept("image/*"), .capture("environment"),
                  .multiple(true))
            if !item.photos.isEmpty { Div(.class("photos")) { item.photos.map(\.node) } }
            if let error { Small(.class("field-error"), .role("alert")) { error } }
        }
    }

    /// One answered item of a finished record, with the form that makes a failed one a hazard.
    private func doneItem(_ item: Item) -> Node {
        let t = page.texts
        return Div(.class("check-item done"), .id("item-\(item.id)")) {
            P(.class("item-text")) {
                item.text + " "
                Span(.class("badge result-" + item.resultClass)) { item.resultLabel }
                if item.awaitsHazard { " "; Span(.class("badge flag")) { t("inspection.awaits_hazard") } }
            }
            if !item.note.isEmpty { P(.class("muted")) { item.note } }
            if !item.photos.isEmpty { Div(.class("photos")) { item.photos.map(\.node) } }
            if let href = item.hazardHref, !href.isEmpty {
                P {
                    A(.href(href)) { t("inspection.hazard_link") }
                    if item.fixedOnSite { " "; Span(.class("badge closed")) { t("inspection.fixed_badge") } }
                }
            }
            if let form = item.hazardForm {
                Details(.class("to-hazard")) {
                    Summary { t("inspection.to_hazard") }
                    Form(.method("post"), .action(form.action), .enctype("multipart/form-data"), .class("form")) {
                        Layout.csrfField(page)
                        form.fields.map(\.node)
                        Button(.type("submit"), .class("button primary")) { t("inspection.to_hazard_submit") }
                    }
                }
            }
        }
    }
}
