import Foundation
import Testing
import SafeGridDomain

/// Expected dates are published ones (State Council notices, almanacs); each also agrees with the
/// Hong Kong Observatory tables (as packaged in Python's lunardate) and with sxtwl.
@Suite("Chinese calendar and statutory holidays")
struct ChineseCalendarTests {
    static func d(_ text: String) -> CivilDate? { CivilDate(iso: text) }

    @Test("正月初一", arguments: [
        (2020, "2020-01-25"), (2021, "2021-02-12"), (2022, "2022-02-01"), (2023, "2023-01-22"),
        (2024, "2024-02-10"), (2025, "2025-01-29"), (2026, "2026-02-17"), (2027, "2027-02-06"),
        (2028, "2028-01-26"), (2029, "2029-02-13"), (2030, "2030-02-03"), (2033, "2033-01-31"),
        (2034, "2034-02-19"),   // after 2033's 闰十一月
        (2057, "2057-02-04"),
    ])
    func lunarNewYear(year: Int, expected: String) {
        #expect(ChineseCalendar.lunarNewYear(year) == Self.d(expected))
    }

    @Test("除夕 is the last day of month 12, the 29th when that month is short")
    func newYearsEve() {
        #expect(ChineseCalendar.newYearsEve(2026) == Self.d("2026-02-16"))
        #expect(ChineseCalendar.newYearsEve(2027) == Self.d("2027-02-05"))
        #expect(ChineseCalendar.date(lunarYear: 2025, month: 12, day: 29) == Self.d("2026-02-16"))
        #expect(ChineseCalendar.date(lunarYear: 2025, month: 12, day: 30) == nil)
        #expect(ChineseCalendar.date(lunarYear: 2025, month: 13, day: 1) == nil)
    }

    @Test("a leap month repeats the previous number, so the next regular month starts after it", arguments: [
        (2023, 3, "2023-04-20"),   // 闰二月 from 2023-03-22
        (2025, 7, "2025-08-23"),   // 闰六月 from 2025-07-25
        (2028, 6, "2028-07-22"),   // 闰五月 from 2028-06-23
        (2033, 12, "2034-01-20"),  // 闰十一月 from 2033-12-22
    ])
    func leapMonths(year: Int, month: Int, expected: String) {
        #expect(ChineseCalendar.date(lunarYear: year, month: month, day: 1) == Self.d(expected))
    }

    @Test("solar terms", arguments: [
        (2024, 15, "2024-04-04"), (2025, 15, "2025-04-04"), (2026, 15, "2026-04-05"), (2027, 15, "2027-04-05"),
        (2026, 315, "2026-02-04"), (2026, 90, "2026-06-21"), (2026, 180, "2026-09-23"),
        (2024, 270, "2024-12-21"), (2026, 270, "2026-12-22"),
    ])
    func solarTerms(year: Int, longitude: Int, expected: String) {
        #expect(ChineseCalendar.solarTerm(year, longitude: longitude) == Self.d(expected))
        if longitude == 15 { #expect(ChineseCalendar.qingming(year) == Self.d(expected)) }
    }

    @Test("Dragon Boat (五月初五) and Mid-Autumn (八月十五)", arguments: [
        (2024, "2024-06-10", "2024-09-17"), (2025, "2025-05-31", "2025-10-06"),  // 2025: late because of 闰六月
        (2026, "2026-06-19", "2026-09-25"), (2027, "2027-06-09", "2027-09-15"),
    ])
    func lunarFestivals(year: Int, dragonBoat: String, midAutumn: String) {
        let holidays = StatutoryHolidays.provisional(year)
        #expect(holidays.first { $0.key == "dragonBoat" }?.days == Self.d(dragonBoat).map { [$0] })
        #expect(holidays.first { $0.key == "midAutumn" }?.days == Self.d(midAutumn).map { [$0] })
    }

    @Test("2026's statutory days all lie inside the State Council's 2026 holidays")
    func shipped2026() {
        // Literal copy of the holidays in Resources/calendar/cn-holidays.json for 2026.
        let official = ["01-01", "01-02", "01-03", "02-15", "02-16", "02-17", "02-18", "02-19", "02-20", "02-21",
                        "02-22", "02-23", "04-04", "04-05", "04-06", "05-01", "05-02", "05-03", "05-04", "05-05",
                        "06-19", "06-20", "06-21", "09-25", "09-26", "09-27", "10-01", "10-02", "10-03", "10-04",
                        "10-05", "10-06", "10-07"].compactMap { Self.d("2026-" + $0) }
        let statutory = StatutoryHolidays.provisional(2026).flatMap(\.days)
        #expect(statutory.count == 13)
        #expect(Set(statutory).isSubset(of: Set(official)))
        let spring = StatutoryHolidays.provisional(2026).first { $0.key == "springFestival" }?.days
        #expect(spring == ["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19"].compactMap(Self.d))
    }

    @Test("2027 starts from 1 January and a Spring Festival eve of 5 February")
    func provisional2027() {
        let holidays = StatutoryHolidays.provisional(2027)
        #expect(holidays.map(\.key) == ["newYear", "springFestival", "qingming", "labourDay", "dragonBoat", "midAutumn", "nationalDay"])
        #expect(holidays[0].days == [Self.d("2027-01-01")].compactMap { $0 })
        #expect(holidays[1].days == ["2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08"].compactMap(Self.d))
        #expect(holidays[3].days.count == 2 && holidays[6].days.count == 3)
    }

    @Test("every year 2025–2100 has 13 statutory days within that year; only Mid-Autumn can meet National Day")
    func everyYear() {
        var overlaps: [Int] = []
        for year in 2025...2100 {
            let holidays = StatutoryHolidays.provisional(year)
            let days = holidays.flatMap(\.days)
            #expect(holidays.map(\.days.count) == [1, 4, 1, 2, 1, 1, 3], "\(year)")
            #expect(days.allSatisfy { $0.year == year }, "\(year)")
            if Set(days).count == 12, let midAutumn = holidays[5].days.first, holidays[6].days.contains(midAutumn) {
                overlaps.append(year)
            } else {
                #expect(Set(days).count == 13, "\(year)")
            }
        }
        // 八月十五 on 1–3 October (as in 2020, when the notice merged both into one 8-day break).
        #expect(overlaps == [2028, 2031, 2039, 2058, 2066, 2077, 2085])
    }
}
