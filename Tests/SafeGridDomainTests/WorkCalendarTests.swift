import Testing
@testable import SafeGridDomain

@Suite("Working days and automatic escalation")
struct WorkCalendarTests {
    func d(_ text: String) -> CivilDate { CivilDate(iso: text)! }

    @Test("weekends rest, holidays rest, make-up days work")
    func workdays() {
        let calendar = WorkCalendar(holidays: [d("2026-10-01"), d("2026-10-02"), d("2026-10-05")], makeUpWorkdays: [d("2026-10-10")])
        #expect(calendar.isWorkday(d("2026-09-30")))      // Wednesday
        #expect(!calendar.isWorkday(d("2026-10-01")))     // holiday on a Thursday
        #expect(!calendar.isWorkday(d("2026-10-03")))     // Saturday
        #expect(calendar.isWorkday(d("2026-10-10")))      // make-up Saturday
        // After Tue 29 Sep through Mon 12 Oct: 30, 6, 7, 8, 9, 10(sat make-up), 12 = 7 workdays.
        #expect(calendar.workdays(after: d("2026-09-29"), through: d("2026-10-12")) == 7)
        #expect(calendar.workdays(after: d("2026-10-12"), through: d("2026-10-12")) == 0)
        #expect(calendar.workdays(after: d("2026-10-12"), through: d("2026-10-01")) == 0)
    }

    @Test("one level per threshold of overdue workdays, capped at placarded", arguments: [
        (0, EscalationLevel.none), (2, .none), (3, .supervised), (5, .supervised), (6, .placarded), (30, .placarded),
    ])
    func escalation(workdays: Int, expected: EscalationLevel) {
        #expect(AutoEscalation.target(workdaysOverdue: workdays, threshold: 3) == expected)
    }

    @Test("a zero threshold switches automatic escalation off")
    func disabled() {
        #expect(AutoEscalation.target(workdaysOverdue: 100, threshold: 0) == .none)
    }
}
