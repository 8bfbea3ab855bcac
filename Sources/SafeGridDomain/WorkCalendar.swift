/// Working days (工作日) for deadlines and escalation. China moves workdays around public
/// holidays (调休), so holidays and make-up workdays are data; weekends are the default rest days.
public struct WorkCalendar: Sendable, Equatable {
    public var holidays: Set<CivilDate>
    public var makeUpWorkdays: Set<CivilDate>

    public init(holidays: Set<CivilDate> = [], makeUpWorkdays: Set<CivilDate> = []) {
        self.holidays = holidays
        self.makeUpWorkdays = makeUpWorkdays
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
