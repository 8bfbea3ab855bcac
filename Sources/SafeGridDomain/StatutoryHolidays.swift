import Foundation

/// Statutory public holidays under 全国年节及纪念日放假办法 as revised in 2024 (in force from 2025).
/// Only the statutory days can be derived: the make-up workdays (调休) and the bridging days that
/// stretch them into week-long breaks come from the State Council's yearly notice, so a calendar
/// built from these is a provisional floor until the administrator enters the real one.
public enum StatutoryHolidays {
    public struct Holiday: Sendable, Equatable {
        /// Stable identifier: newYear, springFestival, qingming, labourDay, dragonBoat, midAutumn, nationalDay.
        public let key: String
        public let days: [CivilDate]

        public init(key: String, days: [CivilDate]) {
            self.key = key
            self.days = days
        }
    }

    /// The statutory days of `year`, in the order of the law. The Spring Festival counted is the one that
    /// begins in `year`; its eve (除夕) is always in late January or February, so never crosses a year.
    public static func provisional(_ year: Int) -> [Holiday] {
        func fixed(_ month: Int, _ days: ClosedRange<Int>) -> [CivilDate] {
            days.compactMap { CivilDate(year: year, month: month, day: $0) }
        }
        let eve = ChineseCalendar.newYearsEve(year)
        return [
            Holiday(key: "newYear", days: fixed(1, 1...1)),
            Holiday(key: "springFestival", days: (0...3).map { eve.adding(days: $0) }),
            Holiday(key: "qingming", days: [ChineseCalendar.qingming(year)]),
            Holiday(key: "labourDay", days: fixed(5, 1...2)),
            Holiday(key: "dragonBoat", days: [ChineseCalendar.date(lunarYear: year, month: 5, day: 5)].compactMap { $0 }),
            Holiday(key: "midAutumn", days: [ChineseCalendar.date(lunarYear: year, month: 8, day: 15)].compactMap { $0 }),
            Holiday(key: "nationalDay", days: fixed(10, 1...3)),
        ]
    }
}
