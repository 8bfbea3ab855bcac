import SafeGridRendering

extension CoveragePage: HTMLPage {
    var body: Node {
        let t = page.texts
        let figures = [t("coverage.due"), t("coverage.on_time"), t("coverage.late"), t("coverage.missed"), t("coverage.pending"), t("coverage.rate")]
        let gridColumns = [t("coverage.unit")] + figures
        let workerColumns = [t("coverage.worker")] + figures
        return Group {
            H1 { t("coverage.title") }
            if let error, !error.isEmpty { P(.class("alert"), .role("alert")) { error } }
            Form(.method("get"), .action(SiteURL.coverage.path), .class("filters card")) {
                filters.map(\.node)
                Div(.class("actions")) {
                    Button(.type("submit"), .class("button primary")) { t("ledger.apply") }
                    A(.class("button"), .href(SiteURL.coverage.path)) { t("ledger.reset") }
                }
            }
            P(.class("muted")) { period + " · " + t("coverage.rule") }
            Div(.class("table-wrap")) {
                Table(.class("table responsive coverage")) {
                    Thead { Tr { gridColumns.map { label in Th { label } } } }
                    Tbody {
                        Self.row(total, gridColumns, total: true)
                        grids.map { Self.row($0, gridColumns) }
                    }
                }
            }
            if !workers.isEmpty {
                H2 { t("coverage.workers") }
                Div(.class("table-wrap")) {
                    Table(.class("table responsive coverage")) {
                        Thead { Tr { workerColumns.map { label in Th { label } } } }
                        Tbody { workers.map { Self.row($0, workerColumns) } }
                    }
                }
            }
            H2(.id("frequencies")) { t("coverage.schedule") }
            Ul(.class("schedule")) { schedule.map { line in Li { line } } }
            if !frequencyForm.isEmpty {
                Details(.class("card register-form"), .open(!frequencyErrors.isEmpty)) {
                    Summary { t("coverage.change_schedule") }
                    Layout.errorList(frequencyErrors, alert: true)
                    Form(.method("post"), .action(SiteURL.coverageFrequencies.path), .class("form frequency-form")) {
                        Layout.csrfField(page)
                        frequencyForm.map(\.node)
                        P(.class("hint")) { t("coverage.schedule_hint") }
                        Button(.type("submit"), .class("button primary")) { t("form.save") }
                    }
                }
            }
        }
    }

    /// One line of figures; the total line sets its name and rate in bold.
    private static func row(_ r: Row, _ columns: [String], total: Bool = false) -> Node {
        Tr(.class(total ? "total" : nil)) {
            Td(.data("label", columns[0])) {
                if total { Strong { r.name } } else { r.name }
            }
            Td(.data("label", columns[1])) { "\(r.due)" }
            Td(.data("label", columns[2])) { "\(r.onTime)" }
            Td(.data("label", columns[3])) { "\(r.late)" }
            Td(.data("label", columns[4])) { "\(r.missed)" }
            Td(.data("label", columns[5])) { "\(r.pending)" }
            Td(.data("label", columns[6])) {
                if total { Strong { r.rate } } else { r.rate }
            }
        }
    }
}
