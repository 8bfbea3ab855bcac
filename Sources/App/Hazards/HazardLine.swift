import SafeGridDomain

/// A hazard as one line of the ledger or a dashboard list. The place and grid names come
/// joined in the page's one statement (`HazardReads.page(names: true)`), never fetched per row.
struct HazardLine: Encodable {
    let id: Int
    let number: String
    let title: String
    let place: String
    let grid: String
    let category: String
    let grade: String
    let major: Bool
    let state: String
    let stateLabel: String
    let deadline: String
    let overdue: String?

    init(_ item: HazardListItem, today: CivilDate, calendar: WorkCalendar, t: Texts) {
        let h = item.hazard
        id = h.id
        number = h.number
        title = h.title
        place = item.placeName ?? ""
        grid = item.gridName ?? ""
        category = t.label("category", h.category)
        grade = t.label("grade", h.grade)
        major = h.grade == .major
        state = h.state.rawValue
        stateLabel = t.label("state", h.state)
        deadline = h.deadline ?? ""
        overdue = Overdue.workdaysOverdue(state: h.state, deadline: h.deadline.flatMap(CivilDate.init(iso:)), today: today, calendar: calendar)
            .map { t("ledger.overdue_days", "\($0)") }
    }
}
