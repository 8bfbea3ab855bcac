import SafeGridRendering

extension CampaignSummary {
    /// The progress bar's filled part; its width is the one value the stylesheet cannot know.
    var barFill: Node {
        Span(Attribute("style", "width: \(progressWidth)%"))
    }

    /// " · N overdue" after the task count, where tasks are overdue.
    func overdueBadge(_ t: Texts) -> Node {
        Group {
            if overdue > 0 {
                " · "
                Span(.class("badge overdue")) { t("campaign.tasks_overdue") + " \(overdue)" }
            }
        }
    }

    func behindBadge(_ t: Texts) -> Node {
        Group {
            if behind {
                " · "
                Span(.class("badge")) { t("campaign.behind") }
            }
        }
    }
}

extension CampaignsPage: HTMLPage {
    var body: Node {
        let t = page.texts
        return Group {
            Div(.class("page-head")) {
                H1 { t("campaign.list_title") }
                if mayCreate {
                    Div(.class("actions")) { A(.class("button primary"), .href(SiteURL.newCampaign.path)) { t("campaign.new") } }
                }
            }
            if campaigns.isEmpty {
                P(.class("muted")) { t("campaign.empty") }
            } else {
                Ul(.class("campaign-list")) {
                    for c in campaigns {
                        Li(.class("card campaign-card")) {
                            H2 { A(.href(c.href)) { c.name } }
                            if let theme = c.theme, !theme.isEmpty { P(.class("campaign-theme")) { theme } }
                            P(.class("muted")) { c.period + " · " + c.phase + " · " + c.day }
                            Div(.class("campaign-bar"), .role("img"), .aria("label", c.progress)) { c.barFill }
                            P {
                                t("campaign.progress") + " " + c.progress + " · " + c.tasks
                                c.overdueBadge(t)
                                c.behindBadge(t)
                            }
                        }
                    }
                }
            }
        }
    }
}

extension CampaignPage: HTMLPage {
    var body: Node {
        let t = page.texts
        return Group {
            P { A(.href(SiteURL.campaigns.path)) { t("campaign.back") } }
            Div(.class("page-head")) {
                H1 { campaign.name }
                Div(.class("actions")) {
                    A(.class("button"), .href(xlsxHref), .download(true)) { t("ledger.export_xlsx") }
                    A(.class("button"), .href(csvHref), .download(true)) { t("ledger.export") }
                    if let shareHref { A(.class("button"), .href(shareHref)) { t("campaign.public_page") } }
                    if mayManage { A(.class("button"), .href(editHref)) { t("campaign.edit") } }
                }
            }
            if let notice { P(.class("notice"), .role("status")) { notice } }
            Layout.errorList(errors, alert: true)
            Section(.class("card")) {
                if let theme = campaign.theme, !theme.isEmpty { P(.class("campaign-theme")) { theme } }
                Dl(.class("facts")) {
                    Dt { t("campaign.period") }
                    Dd { campaign.period + " · " + campaign.phase + " · " + campaign.day }
                    Dt { t("campaign.progress") }
                    Dd {
                        Div(.class("campaign-bar")) { campaign.barFill }
                        campaign.progress + " · " + campaign.tasks
                        campaign.overdueBadge(t)
                        campaign.behindBadge(t)
                    }
                    Dt { t("campaign.hazards") }
                    Dd { campaign.hazards }
                    Dt { t("campaign.inspections") }
                    Dd { "\(campaign.inspections)" }
                    if !campaign.categories.isEmpty {
                        Dt { t("campaign.categories") }
                        Dd { campaign.categories }
                    }
                    if let goals = campaign.goals, !goals.isEmpty {
                        Dt { t("campaign.goals") }
                        Dd(.class("prewrap")) { goals }
                    }
                }
            }
            H2 { t("campaign.sheet.tasks") }
            if rows.isEmpty { P(.class("muted")) { t("campaign.no_tasks") } }
            rows.map { task($0, t) }
            if mayManage {
                Section(.class("card narrow-form"), .id("new-task")) {
                    H2 { t("campaign.add_task") }
                    Form(.method("post"), .action(SiteURL.campaignTasks(.id(campaign.id)).path), .class("form")) {
                        Layout.csrfField(page)
                        taskFields.map(\.node)
                        Button(.type("submit"), .class("button primary")) { t("campaign.add_task") }
                    }
                }
                Section(.class("card narrow-form"), .id("import")) {
                    H2 { t("campaign.import") }
                    Form(.method("post"), .action(SiteURL.campaignImport(.id(campaign.id)).path), .enctype("multipart/form-data"), .class("form")) {
                        Layout.csrfField(page)
                        Div(.class("field")) {
                            Label(.for("import-file")) { t("campaign.import_file") }
                            Input(.type("file"), .id("import-file"), .name("file"),
                                  .accept(".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"))
                            Small(.class("hint")) { t("campaign.import_hint") }
                        }
                        Button(.type("submit"), .class("button primary")) { t("campaign.import") }
                    }
                }
            }
        }
    }

    private func task(_ r: CampaignTaskRow, _ t: Texts) -> Node {
        Section(.classes(("card campaign-task", true), ("overdue", r.overdue != nil), ("done", r.done)), .id("task-\(r.id)")) {
            H3 { "\(r.position). " + r.title }
            if let description = r.description, !description.isEmpty { P(.class("prewrap")) { description } }
            P {
                r.owner + " · " + t("campaign.col.deadline") + " " + r.deadline
                if let overdue = r.overdue { " "; Span(.class("badge overdue")) { overdue } }
                if r.late { " "; Span(.class("badge")) { t("campaign.late") } }
            }
            P {
                r.status + " · " + r.progress
                if !r.counts.isEmpty { " (" + r.counts + ")" }
            }
            if let result = r.result, !result.isEmpty { P(.class("prewrap")) { t("campaign.col.result") + t("punct.colon") + result } }
            if !r.evidence.isEmpty {
                P {
                    t("campaign.col.evidence") + t("punct.colon")
                    for e in r.evidence {
                        A(.href(e.href)) { e.label }
                        " "
                    }
                }
            }
            if let action = r.reportAction { reportForm(r, action: action, t) }
            if let action = r.editAction {
                Details(.open(r.editOpen)) {
                    Summary { t("campaign.edit_task") }
                    Form(.method("post"), .action(action), .class("form")) {
                        Layout.csrfField(page)
                        r.editFields.map(\.node)
                        Button(.type("submit"), .class("button primary")) { t("form.save") }
                    }
                }
            }
            if let action = r.deleteAction {
                Form(.method("post"), .action(action), .class("inline")) {
                    Layout.csrfField(page)
                    Button(.class("link")) { t("campaign.delete_task") }
                }
            }
        }
    }

    private func reportForm(_ r: CampaignTaskRow, action: String, _ t: Texts) -> Node {
        Details {
            Summary { t("campaign.report") }
            Form(.method("post"), .action(action), .enctype("multipart/form-data"), .class("form")) {
                Layout.csrfField(page)
                Div(.class("field")) {
                    Label(.for("done-\(r.id)")) { t("campaign.done_count") }
                    Input(.type("text"), .inputmode("numeric"), .id("done-\(r.id)"), .name("doneCount"), .value(r.doneCount))
                }
                Div(.class("field")) {
                    Label(.for("on-\(r.id)")) { t("campaign.completed_on") }
                    Input(.type("date"), .id("on-\(r.id)"), .name("completedOn"))
                    Small(.class("hint")) { t("campaign.completed_hint") }
                }
                Div(.class("field")) {
                    Label(.for("res-\(r.id)")) { t("campaign.col.result") }
                    Textarea(.id("res-\(r.id)"), .name("result"))
                }
                Div(.class("field")) {
                    Label(.for("ev-\(r.id)")) { t("campaign.col.evidence") }
                    Input(.type("file"), .id("ev-\(r.id)"), .name("photos[]"), .accept("image/*,application/pdf"), .multiple(true))
                }
                Button(.type("submit"), .class("button primary")) { t("form.save") }
            }
        }
    }
}

extension CampaignPublicPage {
    /// A whole document of its own, not in the layout: it is handed to people without an
    /// account, so it has no navigation and no forms. It loads the shared script only for its
    /// print button (`data-print`).
    func document() -> String {
        let t = self.t
        let columns = [
            t("campaign.position"), t("campaign.col.title"), t("campaign.col.ownerName"), t("campaign.col.deadline"),
            t("campaign.col.progress"), t("campaign.col.status"), t("campaign.col.result"),
        ]
        return Html(.lang(lang)) {
            Head {
                Meta(.charset("utf-8"))
                Meta(.name("viewport"), .content("width=device-width, initial-scale=1"))
                Meta(.name("robots"), .content("noindex"))
                Title { title + " · " + t("campaign.public_title") }
                Link(.rel("stylesheet"), .href("/css/safegrid.css"))
                Script(.src("/js/safegrid.js"), .defer(true))
            }
            Body(.class("campaign-public")) {
                Main(.class("content")) {
                    H1 { campaign.name }
                    P(.class("muted")) { t("campaign.public_title") + " · " + asOf }
                    if let theme = campaign.theme, !theme.isEmpty { P(.class("campaign-theme")) { theme } }
                    Section(.class("card")) {
                        Dl(.class("facts")) {
                            Dt { t("campaign.period") }
                            Dd { campaign.period + " · " + campaign.phase + " · " + campaign.day }
                            Dt { t("campaign.progress") }
                            Dd {
                                Div(.class("campaign-bar")) { campaign.barFill }
                                campaign.progress + " · " + campaign.tasks
                                campaign.overdueBadge(t)
                            }
                            Dt { t("campaign.hazards") }
                            Dd { campaign.hazards }
                            Dt { t("campaign.inspections") }
                            Dd { "\(campaign.inspections)" }
                            if let goals = campaign.goals, !goals.isEmpty {
                                Dt { t("campaign.goals") }
                                Dd(.class("prewrap")) { goals }
                            }
                        }
                    }
                    Div(.class("table-wrap")) {
                        Table(.class("table responsive campaign-public-table")) {
                            Thead { Tr { columns.map { label in Th { label } } } }
                            Tbody { rows.map { Self.row($0, columns, t) } }
                        }
                    }
                    P(.class("no-print")) {
                        Button(.type("button"), .class("button"), .data("print")) { t("campaign.print") }
                    }
                }
            }
        }.document()
    }

    private static func row(_ r: CampaignTaskRow, _ columns: [String], _ t: Texts) -> Node {
        Tr(.class(r.overdue != nil ? "overdue" : nil)) {
            Td(.data("label", columns[0])) { "\(r.position)" }
            Td(.data("label", columns[1])) { r.title }
            Td(.data("label", columns[2])) { r.owner }
            Td(.data("label", columns[3])) {
                r.deadline
                if let overdue = r.overdue { " "; Span(.class("badge overdue")) { overdue } }
            }
            Td(.data("label", columns[4])) {
                r.progress
                if !r.counts.isEmpty { " (" + r.counts + ")" }
            }
            Td(.data("label", columns[5])) {
                r.status
                if r.late { " "; Span(.class("badge")) { t("campaign.late") } }
            }
            Td(.data("label", columns[6]), .class("prewrap")) { r.result ?? "" }
        }
    }
}
