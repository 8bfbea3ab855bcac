@testable import App
import Foundation
import SafeGridDomain
import SafeGridRendering
import Testing

/// The ledger page from its data alone: `LedgerPage.init` arranges what `load` read, without a
/// database or a request, so what a row, the pager and a refused filter show is tested here
/// directly (the HTTP tests cover the reads).
@Suite("Ledger page model, built without a database")
struct LedgerPageTests {
    let today = CivilDate(iso: "2026-12-03")!

    func page(_ data: LedgerData, query: [String: String] = [:], number: Int = 1, locale: AppLocale = .en) -> LedgerPage {
        let raw = query.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "&")
        return LedgerPage(PageContext(title: "Ledger", locale: locale, path: "/hazards"), data, query: raw.isEmpty ? nil : raw,
                          value: { query[$0] }, page: number, today: today, calendar: WorkCalendar())
    }

    @Test("rows show the hazard, its place and grid, and working days overdue; the pager counts the whole selection")
    func rows() {
        let late = HazardRow.mock(id: 7, state: .rectifying, deadline: "2026-11-30")
        let due = HazardRow.mock(id: 8, state: .rectifying, deadline: "2026-12-10")
        let closed = HazardRow.mock(id: 9, state: .closed, deadline: "2026-11-01")
        let view = page(LedgerData(rows: [late, due, closed].map { HazardListItem.mock($0) }, total: 120), query: ["state": "rectifying"], number: 2)

        #expect(view.rows.map(\.number) == [late.number, due.number, closed.number])
        #expect(view.rows.map(\.place) == ["马固村五金店", "马固村五金店", "马固村五金店"] && view.rows[0].grid == "马固村")
        // Tue 1, Wed 2 and Thu 3 December are working days after Monday 30 November.
        #expect(view.rows[0].overdue == "3 working days overdue")
        #expect(view.rows[1].overdue == nil && view.rows[2].overdue == nil, "not yet due, and closed, are never overdue")
        #expect(view.pager.summary == "51–100 of 120")
        #expect(view.pager.prev == "/hazards?state=rectifying&page=1" && view.pager.next == "/hazards?state=rectifying&page=3")
        #expect(view.csvHref.hasSuffix("?state=rectifying") && view.filtersActive && !view.empty && view.error == nil)
        let html = view.document()
        #expect(html.contains(late.number) && html.contains("/hazards/7"), "the row links to the hazard")
    }

    @Test("a refused filter keeps the form, names the field and shows no rows")
    func refusedFilter() {
        let refusal = SafeGridError.invalid(field: "state", "error.field.choice", args: ["registered, rectifying"])
        let view = page(LedgerData(error: refusal), query: ["state": "bogus"], locale: .zhHans)
        let state = view.filters.first { $0.name == "state" }
        #expect(state?.error != nil, "the error sits at the state filter")
        #expect(view.error != nil && view.empty && view.rows.isEmpty)
        #expect(view.pager.prev == nil && view.pager.next == nil)
    }

    @Test("the grid filter lists the options it was given, the chosen one selected")
    func gridOptions() {
        let options = [FormField.Option(value: "2", label: "峡窝镇"), FormField.Option(value: "6", label: "\u{3000}马固村")]
        let view = page(LedgerData(gridOptions: options), query: ["gridId": "6"])
        let grid = view.filters.first { $0.name == "gridId" }
        #expect(grid?.options.map(\.value) == ["", "2", "6"], "all grids first, then the grids given")
        #expect(grid?.options.filter(\.selected).map(\.value) == ["6"])
    }
}
