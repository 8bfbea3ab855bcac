import Foundation
import Testing
@testable import SafeGridDomain

@Suite("Patrol schedule: due dates, my tasks, coverage")
struct PatrolScheduleTests {
    static func d(_ text: String) -> CivilDate { CivilDate(iso: text)! }
    func d(_ text: String) -> CivilDate { Self.d(text) }

    /// National Day week 2026 and its make-up Saturday, as in the shipped calendar.
    static let calendar = WorkCalendar(
        holidays: Set((1...7).map { d("2026-10-0\($0)") }), makeUpWorkdays: [d("2026-10-10")])

    @Test("an interval counts calendar days, working days or months", arguments: [
        ("2026-11-02", PatrolInterval(7, .days), "2026-11-09"),
        ("2026-11-02", PatrolInterval(5, .workdays), "2026-11-09"),     // Mon → next Mon
        ("2026-11-06", PatrolInterval(5, .workdays), "2026-11-13"),     // Fri → next Fri
        ("2026-09-28", PatrolInterval(5, .workdays), "2026-10-10"),     // 29, 30, (holidays), 8, 9, make-up Sat 10
        ("2026-09-30", PatrolInterval(10, .workdays), "2026-10-20"),    // 8, 9, 10, 12–16, 19, 20
        ("2026-01-31", PatrolInterval(1, .months), "2026-02-28"),       // clamped to the month's end
        ("2024-01-31", PatrolInterval(1, .months), "2024-02-29"),       // leap year
        ("2026-11-26", PatrolInterval(3, .months), "2027-02-26"),       // across a year
        ("2026-12-15", PatrolInterval(1, .months), "2027-01-15"),
    ])
    func intervals(from: String, interval: PatrolInterval, expected: String) {
        #expect(interval.due(after: d(from), calendar: Self.calendar) == d(expected))
    }

    @Test("the standard schedule: red weekly, orange fortnightly, yellow monthly, blue quarterly, unassessed as yellow", arguments: [
        (RiskLevel?.some(.red), "2026-11-13"),
        (.some(.orange), "2026-11-20"),
        (.some(.yellow), "2026-12-06"),
        (.some(.blue), "2027-02-06"),
        (nil, "2026-12-06"),
    ])
    func standard(level: RiskLevel?, expected: String) {
        // Friday 6 November 2026, last visit.
        let due = PatrolSchedule.standard.dueDate(lastInspected: d("2026-11-06"), registered: d("2026-01-01"), level: level, calendar: Self.calendar)
        #expect(due == d(expected), "\(String(describing: level)) should be due \(expected), is \(due)")
    }

    @Test("a place never inspected is due one interval after it was registered")
    func neverInspected() {
        let due = PatrolSchedule.standard.dueDate(lastInspected: nil, registered: d("2026-11-02"), level: .red, calendar: Self.calendar)
        #expect(due == d("2026-11-09"))
    }

    @Test("interval limits", arguments: [
        (PatrolInterval(0, .days), false), (PatrolInterval(1, .days), true), (PatrolInterval(366, .days), true),
        (PatrolInterval(367, .days), false), (PatrolInterval(12, .months), true), (PatrolInterval(13, .months), false),
        (PatrolInterval(250, .workdays), true), (PatrolInterval(-1, .workdays), false),
    ])
    func limits(interval: PatrolInterval, valid: Bool) {
        #expect(interval.isValid == valid)
    }

    @Test("my tasks: overdue first, then by due date; higher risk first on the same day; beyond the horizon left out")
    func taskOrder() {
        // setup: today is Thursday 26 November 2026.
        let today = d("2026-11-26")
        let tasks = [
            PatrolTask(placeId: 1, due: d("2026-11-30"), riskLevel: .blue, lastInspected: nil),
            PatrolTask(placeId: 2, due: d("2026-11-20"), riskLevel: .yellow, lastInspected: nil),   // 6 days overdue
            PatrolTask(placeId: 3, due: d("2026-11-26"), riskLevel: .red, lastInspected: nil),      // due today
            PatrolTask(placeId: 4, due: d("2026-11-25"), riskLevel: nil, lastInspected: nil),       // 1 day overdue
            PatrolTask(placeId: 5, due: d("2026-12-20"), riskLevel: .red, lastInspected: nil),      // beyond 7 days
            PatrolTask(placeId: 6, due: d("2026-11-30"), riskLevel: .orange, lastInspected: nil),   // same day as 1, riskier
            PatrolTask(placeId: 7, due: d("2026-11-30"), riskLevel: nil, lastInspected: nil),       // same day, unassessed
        ]
        // MUT
        let list = PatrolTasks.list(tasks, today: today, horizon: 7)
        // validate
        #expect(list.map(\.placeId) == [2, 4, 3, 6, 1, 7])
        #expect(list.prefix(2).allSatisfy { $0.isOverdue(today: today) })
        #expect(list[0].daysLate(today: today) == 6)
        #expect(list[2].daysLate(today: today) == 0)
        #expect(!list[2].isOverdue(today: today), "due today is not yet overdue")
    }

    @Test("coverage outcome of one place", arguments: [
        // due, first visit in the period, expected (period 1–26 Nov, today 26 Nov)
        ("2026-12-05", String?.none, CoverageOutcome.notDue),
        ("2026-12-05", "2026-11-10", .notDue),       // an early visit does not make a place due
        ("2026-11-15", "2026-11-15", .onTime),       // on the due day
        ("2026-11-15", "2026-11-03", .onTime),
        ("2026-11-15", "2026-11-16", .late),
        ("2026-10-20", "2026-11-02", .late),         // already overdue when the month began
        ("2026-11-15", nil, .missed),
        ("2026-10-20", nil, .missed),
        ("2026-11-26", nil, .pending),               // due today, still time
    ])
    func outcome(due: String, visit: String?, expected: CoverageOutcome) {
        let got = PatrolCoverage.outcome(due: d(due), firstVisit: visit.map(d), through: d("2026-11-26"), today: d("2026-11-26"))
        #expect(got == expected)
    }

    @Test("coverage figures: on time / due, in per mille and as text")
    func figures() {
        var f = CoverageFigures()
        #expect(f.onTimePerMille == nil && f.rateText == "—")
        for outcome in [CoverageOutcome.onTime, .onTime, .onTime, .onTime, .onTime, .onTime, .onTime, .late, .notDue, .notDue] {
            f.add(outcome)
        }
        #expect(f.due == 8 && f.onTime == 7 && f.late == 1)
        #expect(f.onTimePerMille == 875 && f.rateText == "87.5%")
        f.add(.missed)
        f.add(.pending)
        #expect(f.due == 10 && f.onTimePerMille == 700 && f.rateText == "70%")
        var third = CoverageFigures()
        [CoverageOutcome.onTime, .missed, .missed].forEach { third.add($0) }
        #expect(third.onTimePerMille == 333 && third.rateText == "33.3%")
    }

    @Test("a day starts at midnight China time")
    func dayStart() {
        let day = d("2026-11-26")
        #expect(CivilDate(day.start()) == day)
        #expect(CivilDate(day.start().addingTimeInterval(-1)) == d("2026-11-25"))
        #expect(day.firstOfMonth == d("2026-11-01"))
    }
}
