@testable import App
import Foundation
import SafeGridDomain

/// Rows made in memory, for tests of pure code (page models, DTOs) that need no database.
/// Every field has a plausible default; a test names only what it is about.
extension HazardRow {
    static func mock(id: Int = 1, state: HazardState = .registered, grade: HazardGrade = .general, deadline: String? = nil,
                     title: String = "配电箱门缺失", gridPath: String = "/1/2/6/", placeId: Int? = 1) -> HazardRow {
        HazardRow(id: id, number: CaseNumber.hazard(townshipCode: "410106100", year: 2026, sequence: id), townshipId: 2, gridId: 6,
                  gridPath: gridPath, placeId: placeId, title: title, description: "现场描述", category: .electrical, grade: grade,
                  source: .grid, state: state, version: 1, deadline: deadline, discoveredAt: Date.t0, discoveredById: 1,
                  createdAt: Date.t0, updatedAt: Date.t0)
    }
}

extension HazardListItem {
    static func mock(_ hazard: HazardRow, place: String? = "马固村五金店", grid: String? = "马固村") -> HazardListItem {
        var item = HazardListItem(hazard: hazard)
        item.placeName = place
        item.gridName = grid
        return item
    }
}
