import SafeGridRendering

extension HazardDetailPage: HTMLPage {
    var body: Node {
        let t = page.texts
        return Group {
            P(.class("no-print")) { A(.href(SiteURL.hazards.path)) { t("hazard.back") } }
            H1 { hazard.title }
            P(.class("meta")) {
                Code { hazard.number }
                " "
                Span(.class("badge " + hazard.state)) { hazard.stateLabel }
                " "
                Span(.class(hazard.major ? "badge major" : "badge")) { hazard.grade }
                if let overdue = hazard.overdue { " "; Span(.class("badge overdue")) { overdue } }
            }
            if let alert { P(.class("alert"), .role("alert")) { alert } }
            Div(.class("detail")) {
                Section(.class("card")) {
                    H2 { t("hazard.facts") }
                    if !hazard.description.isEmpty { P(.class("prewrap")) { hazard.description } }
                    Self.facts(facts)
                    if let href = hazard.noticeHref { P { A(.class("button"), .href(href)) { t("hazard.print_notice") } } }
                }
                if !photos.isEmpty {
                    Section(.class("card")) {
                        H2 { t("hazard.photos") }
                        Div(.class("photos")) { photos.map(\.node) }
                    }
                }
                if !plan.isEmpty {
                    Section(.class("card")) {
                        H2 { t("hazard.plan") }
                        Self.facts(plan, valueClass: "prewrap")
                    }
                }
                Section(.class("card"), .id("actions")) {
                    H2 { t("hazard.actions") }
                    if actions.isEmpty { P(.class("muted")) { t("hazard.no_actions") } }
                    actions.map(actionForm)
                }
                Section(.class("card")) {
                    H2 { t("hazard.timeline") }
                    Ol(.class("timeline")) { timeline.map(Self.entry) }
                }
            }
        }
    }

    private func actionForm(_ form: ActionForm) -> Node {
        Details(.classes(("action", true), ("danger", form.danger)), .data("action", form.action), .open(form.open)) {
            Summary { form.label }
            Form(.method("post"), .action(SiteURL.hazardActions(.id(hazard.id)).path), .enctype("multipart/form-data"), .class("form")) {
                Layout.csrfField(page)
                Input(.type("hidden"), .name("action"), .value(form.action))
                Input(.type("hidden"), .name("version"), .value("\(hazard.version)"))
                Input(.type("hidden"), .name("kept"), .value(form.kept))
                Layout.errorList(form.errors)
                form.fields.map(\.node)
                if !form.keptPhotos.isEmpty {
                    Div(.class("kept")) {
                        Small(.class("hint")) { page.texts("form.kept_photos") }
                        Div(.class("photos")) { form.keptPhotos.map(\.node) }
                    }
                }
                Button(.type("submit"), .class("button primary")) { form.label }
            }
        }
    }

    private static func entry(_ e: TimelineEntry) -> Node {
        Li {
            Div(.class("when")) {
                Time { e.time }
                " · "
                Strong { e.action }
                if let change = e.change { " "; Span(.class("muted")) { change } }
            }
            Div(.class("who")) { e.actor + " "; Span(.class("muted")) { e.role } }
            if let note = e.note, !note.isEmpty { P(.class("prewrap")) { note } }
            if !e.details.isEmpty { facts(e.details, listClass: "facts small", valueClass: "prewrap") }
            if !e.photos.isEmpty { Div(.class("photos")) { e.photos.map(\.node) } }
        }
    }

    /// Label and value pairs; a value with a link opens the ledger filtered by it.
    static func facts(_ facts: [Fact], listClass: String = "facts", valueClass: String? = nil) -> Node {
        Dl(.class(listClass)) {
            for f in facts {
                Dt { f.label }
                Dd(.class(valueClass)) {
                    if let href = f.href { A(.href(href)) { f.value } } else { f.value }
                }
            }
        }
    }
}
