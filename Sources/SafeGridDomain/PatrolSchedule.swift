import Foundation

/// How a patrol interval is counted: calendar days, working days (工作日, skipping weekends
/// and holidays per the `WorkCalendar`) or calendar months (same day of the month, clamped).
public enum PatrolUnit: String, Codable, CaseIterable, Sendable {
    case days, workdays, months
}

/// One patrol frequency (巡查频次), e.g. 5 working days for a red place.
public struct PatrolInterval: Codable, Equatable, Sendable {
    public var count: Int
    public var unit: PatrolUnit

    public init(_ count: Int, _ unit: PatrolUnit) {
        self.count = count; self.unit = unit
    }

    /// Longest sensible interval per unit: a year.
    public static func maximum(_ unit: PatrolUnit) -> Int {
        switch unit {
        case .days: 366
        case .workdays: 250
        case .months: 12
        }
    }

    public var isValid: Bool { count >= 1 && count <= Self.maximum(unit) }

    /// The day the next visit is due after a visit (or a start) on `day`.
    public func due(after day: CivilDate, calendar: WorkCalendar) -> CivilDate {
        switch unit {
        case .days:
            return day.adding(days: count)
        case .months:
            let total = day.year * 12 + (day.month - 1) + count
            let year = total / 12, month = total % 12 + 1
            let last = CivilDate.daysIn(month: month, year: year)
            return CivilDate(year: year, month: month, day: min(day.day, last)) ?? day.adding(days: 30 * count)
        case .workdays:
            var current = day, left = count
            // Bounded: a calendar file cannot make every day a holiday for long.
            for _ in 0..<(count * 7 + 60) where left > 0 {
                current = current.adding(days: 1)
                if calendar.isWorkday(current) { left -= 1 }
            }
            return current
        }
    }
}

/// Patrol frequency by risk level. Higher risk, shorter interval; an unassessed place
/// (risk level not yet known) has its own entry, by default the same as yellow (一般): an
/// unknown place is neither presumed safe (blue, quarterly) nor allowed to crowd the
/// high-risk visits; the assessment then moves it where it belongs.
public struct PatrolSchedule: Codable, Equatable, Sendable {
    public var red: PatrolInterval
    public var orange: PatrolInterval
    public var yellow: PatrolInterval
    public var blue: PatrolInterval
    public var unassessed: PatrolInterval

    public init(red: PatrolInterval, orange: PatrolInterval, yellow: PatrolInterval, blue: PatrolInterval, unassessed: PatrolInterval) {
        self.red = red; self.orange = orange; self.yellow = yellow; self.blue = blue; self.unassessed = unassessed
    }

    /// Shipped default: red weekly and orange fortnightly in working days (so a holiday week
    /// does not make everything overdue), yellow monthly, blue quarterly.
    public static let standard = PatrolSchedule(
        red: PatrolInterval(5, .workdays), orange: PatrolInterval(10, .workdays),
        yellow: PatrolInterval(1, .months), blue: PatrolInterval(3, .months), unassessed: PatrolInterval(1, .months))

    /// Keys as stored and sent: the four colours and `unassessed`.
    public static let keys = ["red", "orange", "yellow", "blue", "unassessed"]

    public func interval(for level: RiskLevel?) -> PatrolInterval {
        switch level {
        case .red: red
        case .orange: orange
        case .yellow: yellow
        case .blue: blue
        case nil: unassessed
        }
    }

    public func interval(key: String) -> PatrolInterval? {
        key == "unassessed" ? unassessed : RiskLevel(rawValue: key).map { interval(for: $0) }
    }

    public mutating func set(_ interval: PatrolInterval, key: String) {
        switch key {
        case "red": red = interval
        case "orange": orange = interval
        case "yellow": yellow = interval
        case "blue": blue = interval
        default: unassessed = interval
        }
    }

    /// When a place is next due. A place never inspected gets one interval of grace from
    /// the day it was registered, so a freshly imported register is not all overdue at once.
    public func dueDate(lastInspected: CivilDate?, registered: CivilDate, level: RiskLevel?, calendar: WorkCalendar) -> CivilDate {
        interval(for: level).due(after: lastInspected ?? registered, calendar: calendar)
    }
}

/// A place on a grid worker's "my tasks" list (我的任务).
public struct PatrolTask: Equatable, Sendable {
    public var placeId: Int
    public var due: CivilDate
    public var riskLevel: RiskLevel?
    public var lastInspected: CivilDate?

    public init(placeId: Int, due: CivilDate, riskLevel: RiskLevel?, lastInspected: CivilDate?) {
        self.placeId = placeId; self.due = due; self.riskLevel = riskLevel; self.lastInspected = lastInspected
    }

    /// Days past due (positive), 0 on the due day, negative before it.
    public func daysLate(today: CivilDate) -> Int { due.days(until: today) }

    public func isOverdue(today: CivilDate) -> Bool { due < today }

    /// Working days past due, counted as supervision counts a hazard's (`Overdue.workdaysOverdue`):
    /// the working days after the due day up to today; nil while not overdue.
    public func workdaysLate(today: CivilDate, calendar: WorkCalendar) -> Int? {
        guard isOverdue(today: today) else { return nil }
        return calendar.workdays(after: due, through: today)
    }
}

public enum PatrolTasks {
    /// The places due within `horizon` days of today (overdue ones included), most urgent
    /// first: overdue before the rest, then by due date, then the higher risk, then by id
    /// so the order is stable.
    public static func list(_ tasks: [PatrolTask], today: CivilDate, horizon: Int) -> [PatrolTask] {
        let limit = today.adding(days: max(0, horizon))
        return tasks.filter { $0.due <= limit }.sorted { a, b in
            let ao = a.isOverdue(today: today), bo = b.isOverdue(today: today)
            if ao != bo { return ao }
            if a.due != b.due { return a.due < b.due }
            let ar = a.riskLevel.map { RiskLevel.allCases.firstIndex(of: $0)! } ?? -1
            let br = b.riskLevel.map { RiskLevel.allCases.firstIndex(of: $0)! } ?? -1
            if ar != br { return ar > br }
            return a.placeId < b.placeId
        }
    }
}

/// The outcome of one place over a coverage period (覆盖率).
public enum CoverageOutcome: String, Codable, CaseIterable, Sendable {
    case notDue   // its due date lies after the period
    case onTime   // visited on or before its due date
    case late     // visited in the period, after its due date
    case missed   // due in the period (or before), not visited, now past due
    case pending  // due by the period's end but not yet past due today, not yet visited
}

public enum PatrolCoverage {
    /// Classifies a place for the period `from...through` (through is at most today).
    /// `due` is its due date as it stood at the start of the period (from its last visit
    /// before `from`); `firstVisit` is its first counted visit inside the period.
    public static func outcome(due: CivilDate, firstVisit: CivilDate?, through: CivilDate, today: CivilDate) -> CoverageOutcome {
        guard due <= through else { return .notDue }
        if let visit = firstVisit { return visit <= due ? .onTime : .late }
        return due >= today ? .pending : .missed
    }
}

/// Coverage figures of a grid or a worker: places inspected on time / places due.
public struct CoverageFigures: Codable, Equatable, Sendable {
    public var due = 0
    public var onTime = 0
    public var late = 0
    public var missed = 0
    public var pending = 0

    public init() {}

    public mutating func add(_ outcome: CoverageOutcome) {
        switch outcome {
        case .notDue: return
        case .onTime: onTime += 1
        case .late: late += 1
        case .missed: missed += 1
        case .pending: pending += 1
        }
        due += 1
    }

    /// On-time share in per mille (rounded), nil when nothing fell due. Integers keep the
    /// figure the same on every engine and in every export.
    public var onTimePerMille: Int? {
        guard due > 0 else { return nil }
        return (onTime * 2000 + due) / (2 * due)
    }

    /// "87.5%"; "—" when nothing fell due.
    public var rateText: String {
        guard let p = onTimePerMille else { return "—" }
        return p % 10 == 0 ? "\(p / 10)%" : "\(p / 10).\(p % 10)%"
    }
}

extension CivilDate {
    /// The instant this day starts at the given UTC offset (China by default).
    public func start(utcOffsetSeconds: Int = CivilDate.chinaOffset) -> Date {
        Date(timeIntervalSince1970: Double(dayNumber * 86_400 - utcOffsetSeconds))
    }

    /// The first day of this day's month.
    public var firstOfMonth: CivilDate { CivilDate(year: year, month: month, day: 1)! }
}
