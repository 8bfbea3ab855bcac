/// Working days (工作日) for deadlines and escalation. China moves workdays around public
/// holidays (调休), so holidays and make-up workdays are data; weekends are the default rest days.
public struct WorkCalendar: Sendable, Equatable {
    public var holidays: Set<CivilDate>
    public var makeUpWorkdays: Set<CivilDate>
    /// What each holiday is (`StatutoryHolidays` keys), where known.
    public var holidayNames: [CivilDate: String]
    /// Years entered from the State Council's notice. Any other year is provisional: its
    /// statutory holidays are computed (`withProvisional`), its make-up workdays unknown.
    public var officialYears: Set<Int>

    public init(holidays: Set<CivilDate> = [], makeUpWorkdays: Set<CivilDate> = [], holidayNames: [CivilDate: String] = [:],
                officialYears: Set<Int> = []) {
        self.holidays = holidays
        self.makeUpWorkdays = makeUpWorkdays
        self.holidayNames = holidayNames
        self.officialYears = officialYears
    }

    /// Where a day's status comes from, as `GET /api/v1/calendar` reports it.
    public enum Source: String, Codable, Sendable {
        /// An entered year: holiday, make-up workday or ordinary workday per the notice.
        case official
        /// A year not entered: statutory holidays computed, no make-up workdays.
        case provisional
        /// A Saturday or Sunday of an entered year that the notice leaves alone.
        case weekend
    }

    public struct Day: Equatable, Sendable {
        public let date: CivilDate
        public let workday: Bool
        /// The holiday's key (`StatutoryHolidays`), or nil.
        public let holiday: String?
        public let source: Source
    }

    public func isProvisional(_ day: CivilDate) -> Bool { !officialYears.contains(day.year) }

    public func day(_ date: CivilDate) -> Day {
        let holiday = holidays.contains(date) ? (holidayNames[date] ?? "holiday") : nil
        let source: Source = isProvisional(date) ? .provisional
            : (date.weekday > 5 && holiday == nil && !makeUpWorkdays.contains(date)) ? .weekend : .official
        return Day(date: date, workday: isWorkday(date), holiday: holiday, source: source)
    }

    /// The entered years, plus the statutory holidays of every year in `years` that was not
    /// entered; entered holidays get their festival's name (the nearest statutory holiday
    /// within a week).
    public func withProvisional(years: ClosedRange<Int>) -> WorkCalendar {
        var result = self
        for day in holidays where result.holidayNames[day] == nil {
            let nearest = StatutoryHolidays.provisional(day.year).flatMap { h in h.days.map { (h.key, abs($0.days(until: day))) } }
                .min { $0.1 < $1.1 }
            if let nearest, nearest.1 <= 7 { result.holidayNames[day] = nearest.0 }
        }
        for year in years where !officialYears.contains(year) {
            for holiday in StatutoryHolidays.provisional(year) {
                for day in holiday.days {
                    result.holidays.insert(day)
                    result.holidayNames[day] = holiday.key
                }
            }
        }
        return result
    }

    /// The first provisional day in the `days` days from `today`, if any: what administrators
    /// are warned about.
    public func firstProvisional(from today: CivilDate, days: Int) -> CivilDate? {
        (0..<max(0, days)).lazy.map { today.adding(days: $0) }.first { isProvisional($0) }
    }

    public func isWorkday(_ day: CivilDate) -> Bool {
        if makeUpWorkdays.contains(day) { return true }
        if holidays.contains(day) { return false }
        return day.weekday <= 5
    }

    /// Workdays in the half-open span (start, end]: the days overdue after a deadline day.
    public func workdays(after start: CivilDate, through end: CivilDate) -> Int {
        guard end > start else { return 0 }
        return (1...start.days(until: end)).reduce(0) { $0 + (isWorkday(start.adding(days: $1)) ? 1 : 0) }
    }
}

/// Automatic supervision of overdue rectification: one escalation level per `threshold`
/// working days overdue (e.g. 3 → 督办 after 3, 挂牌督办 after 6).
public enum AutoEscalation {
    public static func target(workdaysOverdue: Int, threshold: Int) -> EscalationLevel {
        guard threshold > 0, workdaysOverdue >= threshold else { return .none }
        return EscalationLevel(rawValue: min(EscalationLevel.placarded.rawValue, workdaysOverdue / threshold)) ?? .placarded
    }
}

/// Who enters a year's official holiday notice: the administrators who keep district settings.
public enum CalendarPermissions {
    public static func mayEnter(_ actor: Actor) -> Bool { actor.role == .admin }
}

/// How far ahead administrators are warned about provisional days.
public enum CalendarWarning {
    public static let days = 90
}
