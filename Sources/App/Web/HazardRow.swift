import SafeGridDomain

/// A hazard as one line of the ledger or a dashboard list. The place and grid must have been
/// eager-loaded with the page (`.with(\.$place).with(\.$grid)`), never fetched per row.
struct HazardRow: Encodable {
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

    init(_ h: HazardRecord, today: CivilDate, t: Texts) {
        id = h.id ?? 0
        number = h.number
        title = h.title
        place = h.$place.value??.name ?? ""
        grid = h.$grid.value?.name ?? ""
        category = t.label("category", h.category)
        grade = t.label("grade", h.grade)
        major = h.grade == .major
        state = h.state.rawValue
        stateLabel = t.label("state", h.state)
        deadline = h.deadline ?? ""
        overdue = Overdue.daysOverdue(state: h.state, deadline: h.deadline.flatMap(CivilDate.init(iso:)), today: today)
            .map { t("ledger.overdue_days", "\($0)") }
    }
}
