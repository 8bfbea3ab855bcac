import SafeGridRendering

extension MyTasksPage: HTMLPage {
    var body: Node {
        let t = page.texts
        return Group {
            H1 { t("tasks.title") }
            P(.class("muted")) { summary }
            if !open.isEmpty {
                Section(.class("card open-inspections")) {
                    H2 { t("tasks.open_inspections") }
                    Ul(.class("plain")) {
                        for item in open {
                            Li {
                                A(.class("button primary"), .href(item.href)) { t("tasks.continue") }
                                " " + item.place + " · " + t("tasks.started_at", item.started)
                            }
                        }
                    }
                }
            }
            if !awaiting.isEmpty {
                Section(.class("card awaiting-hazards")) {
                    H2 { t("tasks.awaiting_hazards") }
                    Ul(.class("plain duties")) {
                        for item in awaiting {
                            Li(.class("duty")) {
                                A(.href(item.href)) {
                                    Span(.class("badge flag")) { t("inspection.awaits_hazard") }
                                    " "
                                    Strong { item.place }
                                    " · " + item.count
                                }
                                Div(.class("muted")) { item.finished }
                            }
                        }
                    }
                }
            }
            if !duties.isEmpty {
                Section(.class("card hazard-duties")) {
                    H2 { t("tasks.hazards") }
                    Ul(.class("plain duties")) {
                        for item in duties {
                            Li(.classes(("duty", true), ("overdue", item.overdue))) {
                                A(.href(item.href)) {
                                    Span(.class("badge duty-badge")) { item.duty }
                                    " "
                                    Strong { item.title }
                                }
                                Div(.class("muted")) {
                                    [item.number, item.place, item.deadline].filter { !$0.isEmpty }.joined(separator: " · ")
                                }
                            }
                        }
                    }
                }
            }
            if tasks.isEmpty {
                P(.class("muted")) { t("tasks.empty") }
            } else {
                Ol(.class("tasks")) {
                    for task in tasks {
                        Li(.classes(("task card", true), ("overdue", task.overdue))) {
                            Div(.class("task-head")) {
                                Strong { task.name }
                                " "
                                Span(.class("badge risk-" + task.riskClass)) { task.risk }
                            }
                            Div(.classes(("task-status", true), ("late", task.overdue))) { task.status }
                            Div(.class("muted")) {
                                task.category + " · " + t("tasks.due") + " " + task.due + " · " + t("tasks.last") + " " + task.last
                            }
                            Div(.class("actions")) {
                                if mayInspect { A(.class("button primary"), .href(task.startHref)) { task.continues ? t("tasks.continue") : t("tasks.start") } }
                                " "
                                A(.class("button"), .href(task.historyHref)) { t("tasks.history") }
                                if page.user?.mayRegister == true {
                                    " "
                                    A(.class("button"), .href(task.reportHref)) { t("tasks.report_hazard") }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
