import Testing
@testable import SafeGridDomain

@Suite("Ledger figures: closure and on-time rates")
struct LedgerFiguresTests {
    @Test("rates round half up to a tenth of a percent", arguments: [
        (1, 3, "33.3%"), (2, 3, "66.7%"), (1, 8, "12.5%"), (1, 16, "6.3%"),
        (3, 3, "100%"), (0, 5, "0%"), (7, 10, "70%"), (999, 1000, "99.9%"), (1999, 2000, "100%"),
    ])
    func rounding(numerator: Int, denominator: Int, expected: String) {
        #expect(Rate(numerator, of: denominator)?.description == expected)
    }

    @Test("a rate over nothing is no figure at all, not 0% or 100%")
    func divisionByZero() {
        #expect(Rate(0, of: 0) == nil)
        #expect(Rate(3, of: 0) == nil)
        #expect(Rate(-1, of: 4) == nil)
        let empty = LedgerFigures(tally: LedgerTally(), closedWithDeadline: 0, closedOnTime: 0)
        #expect(empty.closureRate == nil)
        #expect(empty.onTimeRate == nil)
    }

    @Test("closure rate divides closed by closed plus open hazards past their deadline")
    func closureRate() {
        // 6 closed; 2 rectifying overdue and 1 reviewing past deadline are due; 4 open on time are not.
        let tally = LedgerTally.count(6, state: .closed, pastDeadline: false)
            + .count(2, state: .rectifying, pastDeadline: true)
            + .count(1, state: .reviewing, pastDeadline: true)
            + .count(4, state: .rectifying, pastDeadline: false)
            + .count(5, state: .voided, pastDeadline: true)
        #expect(tally == LedgerTally(open: 7, overdue: 2, openDue: 3, closed: 6))
        #expect(tally.closureRate?.description == "66.7%")
    }

    @Test("overdue counts only rectifying hazards; a late review is due but not overdue")
    func overdueIsRectifyingOnly() {
        #expect(LedgerTally.count(3, state: .reviewing, pastDeadline: true) == LedgerTally(open: 3, overdue: 0, openDue: 3))
        #expect(LedgerTally.count(3, state: .rectifying, pastDeadline: true) == LedgerTally(open: 3, overdue: 3, openDue: 3))
        #expect(LedgerTally.count(3, state: .closed, pastDeadline: true) == LedgerTally(closed: 3))
    }

    @Test("on-time rate divides closures by the deadline day by closures that had a deadline")
    func onTimeRate() {
        let figures = LedgerFigures(tally: LedgerTally(closed: 10), closedWithDeadline: 8, closedOnTime: 6)
        #expect(figures.onTimeRate?.description == "75%")
        #expect(figures.closureRate?.description == "100%")
    }

    @Test("closing on the deadline day is on time; the next day is late")
    func onTimeBoundary() {
        let deadline = CivilDate(year: 2026, month: 11, day: 30)!
        #expect(LedgerFigures.isOnTime(closedOn: deadline, deadline: deadline))
        #expect(!LedgerFigures.isOnTime(closedOn: deadline.adding(days: 1), deadline: deadline))
        #expect(LedgerFigures.firstLateDay(deadline: deadline).description == "2026-12-01")
    }

    @Test("weeks start on Monday")
    func weekStart() {
        let thursday = CivilDate(year: 2026, month: 11, day: 26)!
        #expect(LedgerFigures.weekStart(of: thursday).description == "2026-11-23")
        let monday = CivilDate(year: 2026, month: 11, day: 23)!
        #expect(LedgerFigures.weekStart(of: monday) == monday)
        let sunday = CivilDate(year: 2026, month: 11, day: 29)!
        #expect(LedgerFigures.weekStart(of: sunday) == monday)
    }

    @Test("grids roll up to their village; grids above village level stand for themselves")
    func villageRollUp() {
        #expect(LedgerTally.villageId(ofPath: "/1/2/3/") == 3)
        #expect(LedgerTally.villageId(ofPath: "/1/2/3/7/9/") == 3)
        #expect(LedgerTally.villageId(ofPath: "/1/2/") == 2)
        #expect(LedgerTally.villageId(ofPath: "/") == nil)
    }

    @Test("grids roll up to their township; the district stands for itself")
    func townshipRollUp() {
        #expect(LedgerTally.townshipId(ofPath: "/1/2/3/7/") == 2)
        #expect(LedgerTally.townshipId(ofPath: "/1/2/") == 2)
        #expect(LedgerTally.townshipId(ofPath: "/1/") == 1)
        #expect(LedgerTally.townshipId(ofPath: "/") == nil)
    }

    @Test("a dashboard shows townships to readers of several townships, villages to everyone else")
    func dashboardRows() {
        #expect(DashboardRows.of(Actor(userId: 1, role: .admin)) == .townships)
        #expect(DashboardRows.of(Actor(userId: 2, role: .leader, scopePaths: ["/1/"])) == .townships, "a district leader")
        #expect(DashboardRows.of(Actor(userId: 3, role: .officer, scopePaths: ["/1/2/", "/1/5/"])) == .townships)
        #expect(DashboardRows.of(Actor(userId: 4, role: .officer, scopePaths: ["/1/2/"])) == .villages)
        #expect(DashboardRows.of(Actor(userId: 5, role: .gridWorker, scopePaths: ["/1/2/3/", "/1/2/4/"])) == .villages,
                "two villages of one township")
        #expect(DashboardRows.of(Actor(userId: 6, role: .department, department: .fire)) == .villages)
    }
}
