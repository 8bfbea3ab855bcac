import Foundation
import Testing
@testable import SafeGridDomain

@Suite("Dates, numbers and grid rules")
struct ValueTests {
    @Test("civil dates round-trip through day numbers across leap years")
    func dayNumbers() {
        var date = CivilDate(year: 2023, month: 12, day: 25)!
        for _ in 0..<800 {
            let next = date.adding(days: 1)
            #expect(CivilDate(dayNumber: next.dayNumber) == next)
            #expect(date.days(until: next) == 1)
            date = next
        }
        #expect(CivilDate(year: 2024, month: 2, day: 29) != nil)
        #expect(CivilDate(year: 2026, month: 2, day: 29) == nil)
        #expect(CivilDate(iso: "2026-13-01") == nil)
        #expect(CivilDate(iso: "2026-11-26")?.weekday == 4) // a Thursday
    }

    @Test("day texts: the exact ten-character form and the general one agree", arguments: [
        ("2026-11-26", "2026-11-26"), ("2024-02-29", "2024-02-29"), (" 2026-11-26 ", "2026-11-26"),
        ("2026-11-26T08:00:00Z", "2026-11-26"), ("2026-02-30", nil), ("2026-00-10", nil), ("2026/11/26", nil),
        ("2026-1-26", nil), ("20261126xx", nil), ("abcd-ef-gh", nil), ("2026-11-2x", nil), ("1899-12-31", nil),
    ] as [(String, String?)])
    func dayTexts(_ text: String, _ expected: String?) {
        #expect(CivilDate(iso: text)?.description == expected, "\(text)")
    }

    @Test("an instant late in the UTC day is already tomorrow in China")
    func chinaDay() {
        let instant = Date(timeIntervalSince1970: 1_795_737_600 - 3600) // 2026-11-26 23:00 UTC
        #expect(CivilDate(instant).description == "2026-11-27")
        #expect(CivilDate(instant, utcOffsetSeconds: 0).description == "2026-11-26")
    }

    @Test("case numbers are zero-padded per township and year")
    func numbers() {
        #expect(CaseNumber.hazard(townshipCode: "410106003", year: 2026, sequence: 123) == "YH-410106003-2026-000123")
        #expect(CaseNumber.notice(townshipCode: "410106003", year: 2026, sequence: 7) == "TS-410106003-2026-00007")
    }

    @Test("grid codes must extend the parent's code with the right length")
    func gridCodes() {
        let township = (code: "410106003", level: GridLevel.township)
        #expect(GridRules.validate(code: "410106003001", level: .village, kind: .territorial, parent: township).isEmpty)
        #expect(GridRules.validate(code: "410106004001", level: .village, kind: .territorial, parent: township).map(\.key) == ["error.grid.code_prefix"])
        #expect(GridRules.validate(code: "41010600300", level: .village, kind: .territorial, parent: township).map(\.key) == ["error.grid.code_format"])
        #expect(GridRules.validate(code: "410106003001001", level: .group, kind: .territorial, parent: township).map(\.key) == ["error.grid.parent_level"])
        #expect(GridRules.validate(code: "410106003901", level: .village, kind: .independent, parent: township).isEmpty)
        #expect(GridRules.validate(code: "410106", level: .district, kind: .territorial, parent: nil).isEmpty)
        #expect(GridRules.validate(code: "410106003001", level: .village, kind: .territorial, parent: nil).map(\.key) == ["error.grid.parent_required"])
    }

    @Test("a moved grid keeps its own digits under the new parent's code; its subtree follows by prefix")
    func gridMove() throws {
        let move = try GridRules.move(id: 17, path: "/1/4/17/", code: "410106100201", level: .village, kind: .territorial,
                                      oldParentCode: "410106100", newParent: ("410106003", .township, "/1/9/"))
        #expect(move.newCode == "410106003201" && move.newPath == "/1/9/17/")
        #expect(move.path(of: "/1/4/17/30/") == "/1/9/17/30/" && move.code(of: "410106100201001") == "410106003201001")
        #expect(throws: SafeGridError.invalid(field: "parentId", "error.grid.move_into_own_subtree")) {
            try GridRules.move(id: 17, path: "/1/4/17/", code: "410106100201", level: .village, kind: .territorial,
                               oldParentCode: "410106100", newParent: ("410106100201001", .group, "/1/4/17/30/"))
        }
        #expect(throws: SafeGridError.invalid(field: "parentId", "error.grid.parent_level")) {
            try GridRules.move(id: 17, path: "/1/4/17/", code: "410106100201", level: .village, kind: .territorial,
                               oldParentCode: "410106100", newParent: ("410106100202", .village, "/1/4/18/"))
        }
        #expect(throws: SafeGridError.invalid(field: "parentId", "error.grid.district_has_parent")) {
            try GridRules.move(id: 1, path: "/1/", code: "410106", level: .district, kind: .territorial,
                               oldParentCode: nil, newParent: ("410106003", .township, "/1/9/"))
        }
    }

    @Test("a grid path answers for its township, village and depth")
    func gridPath() {
        let village = GridPath("/1/4/17/")
        #expect(village.ids == [1, 4, 17] && village.depth == 2 && village.townshipId == 4 && village.villageId == 17)
        #expect(GridPath("/1/4/17/30/").villageId == 17 && GridPath("/1/4/").villageId == 4, "a township is its own row")
        #expect(GridPath("/1/").townshipId == 1 && GridPath("/1/").strictTownshipId == nil && GridPath("/1/").isDistrict)
        #expect(GridPath("/1/4/").isTownship && !village.isTownship)
        #expect(LedgerTally.villageId(ofPath: "/1/4/17/30/") == 17 && LedgerTally.townshipId(ofPath: "/1/4/17/") == 4)
    }

    @Test("grid paths meet at their deepest shared grid")
    func commonAncestor() {
        #expect(GridPath.commonAncestor([GridPath("/1/4/17/30/"), GridPath("/1/4/17/31/")]) == GridPath("/1/4/17/"))
        #expect(GridPath.commonAncestor([GridPath("/1/4/17/")]) == GridPath("/1/4/17/"))
        #expect(GridPath.commonAncestor([GridPath("/1/4/17/"), GridPath("/1/4/17/30/")]) == GridPath("/1/4/17/"), "a grid and one below it")
        #expect(GridPath.commonAncestor([GridPath("/1/4/17/"), GridPath("/1/5/")]) == GridPath("/1/"))
        #expect(GridPath.commonAncestor([GridPath("/1/4/"), GridPath("/2/4/")]) == nil, "two districts share nothing")
        #expect(GridPath.commonAncestor([]) == nil)
        #expect(GridPath("/1/4/17/").lineage.map(\.text) == ["/1/", "/1/4/", "/1/4/17/"])
        #expect(GridPath("").lineage.isEmpty)
    }

    @Test("subtree membership is a path prefix")
    func subtree() {
        #expect(GridRules.path(parentPath: "/1/4/", id: 17) == "/1/4/17/")
        #expect(GridRules.isInSubtree(path: "/1/4/17/", of: "/1/4/"))
        #expect(!GridRules.isInSubtree(path: "/1/41/", of: "/1/4/"))
    }

    @Test("phone numbers", arguments: [("13800138000", true), ("0371-68123456", true), ("12345", false), ("1380013800a", false)])
    func phones(text: String, valid: Bool) {
        #expect(Validation.isPhone(text) == valid)
    }
}
