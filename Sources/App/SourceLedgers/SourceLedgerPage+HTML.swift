import SafeGridRendering

extension SourceLedgerPage: HTMLPage {
    var body: Node {
        let t = page.texts
        return Group {
            H1 {
                t("ledgers.title")
                if let townshipName, !townshipName.isEmpty { " · " + townshipName }
            }
            P(.class("hint")) { t("ledgers.intro") }
            Section(.class("stats ledger-cards")) { cards.map(card) }
            H2 { sourceLabel + " · " + unitHeading }
            P {
                if let backHref, !backHref.isEmpty { A(.href(backHref)) { t("ledgers.back") }; " · " }
                A(.href(xlsxHref)) { t("ledgers.export_xlsx") }
                " · "
                A(.href(csvHref)) { t("ledgers.export_csv") }
            }
            if rows.isEmpty {
                P(.class("muted")) { t("ledgers.no_units") }
            } else {
                Div(.class("table-wrap")) {
                    Table(.class("table compact")) {
                        Thead {
                            Tr {
                                Th { unitHeading }
                                Th(.class("num")) { t("ledgers.open") }
                                Th(.class("num")) { t("ledgers.overdue") }
                                Th(.class("num")) { t("ledgers.closed") }
                                Th(.class("num")) { t("ledgers.progress") }
                            }
                        }
                        Tbody {
                            for r in rows {
                                Tr {
                                    Td {
                                        A(.href(r.href)) { r.name }
                                        if r.figures.zeroed { " "; Span(.class("badge closed")) { t("ledgers.zeroed") } }
                                    }
                                    Td(.class("num")) { "\(r.figures.open)" }
                                    Td(.class("num")) {
                                        if r.figures.overdue > 0 { Span(.class("badge overdue")) { "\(r.figures.overdue)" } } else { "0" }
                                    }
                                    Td(.class("num")) { "\(r.figures.closed)" }
                                    Td(.class("num")) { r.figures.progress }
                                }
                            }
                        }
                    }
                }
            }
            P(.class("hint")) { t("ledgers.formula") }
        }
    }

    private func card(_ c: Card) -> Node {
        let t = page.texts
        let f = c.figures
        return A(.classes(("stat ledger-card", true), ("active", c.active), ("zeroed", f.zeroed)), .href(c.href)) {
            Div(.class("label")) { c.label }
            Div(.class("value")) { "\(f.open)" }
            Div(.class("hint")) {
                t("ledgers.open") + " · " + t("ledgers.overdue") + " \(f.overdue) · " + t("ledgers.closed") + " \(f.closed)"
            }
            // No `Progress` element function: the bar is built from the generic element.
            Node.element("progress", [.max("1000"), .value("\(f.progressPerMille)")], .text(f.progress))
            Div(.class("hint")) {
                t("ledgers.progress") + " " + f.progress
                if f.zeroed { " · " + t("ledgers.zeroed") }
            }
        }
    }
}
