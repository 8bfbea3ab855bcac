/// How long a reporting period runs: weekly bulletins (周通报), monthly meetings (月例会),
/// quarterly and yearly assessment (季度、年度考核), or any span of days (e.g. "since the
/// campaign began", as seed 003 counts).
public enum PeriodKind: String, Codable, CaseIterable, Sendable {
    case week, month, quarter, year, custom
}

/// A span of calendar days, both ends included, with a stable code:
/// `2026-W48` (ISO week, Monday to Sunday), `2026-11`, `2026-Q4`, `2026`, or
/// `2026-11-01..2026-11-26` for a custom span.
public struct ReportPeriod: Hashable, Codable, Sendable, CustomStringConvertible {
    public let kind: PeriodKind
    public let start: CivilDate
    public let end: CivilDate

    public init?(kind: PeriodKind, start: CivilDate, end: CivilDate) {
        guard start <= end else { return nil }
        self.kind = kind; self.start = start; self.end = end
    }

    /// Parses a period code; nil when it is malformed or names no real period.
    public init?(code raw: String) {
        let code = raw.trimmingCharacters(in: .whitespaces).uppercased()
        if let range = code.range(of: "..") {
            guard let a = CivilDate(iso: String(code[..<range.lowerBound])), let b = CivilDate(iso: String(code[range.upperBound...])),
                  String(code[..<range.lowerBound]).count == 10, String(code[range.upperBound...]).count == 10,
                  a.days(until: b) <= 366 else { return nil }
            self.init(kind: .custom, start: a, end: b)
            return
        }
        let parts = code.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, first.count == 4, let year = Int(first), (1900...9998).contains(year) else { return nil }
        switch parts.count {
        case 1:
            self.init(kind: .year, start: CivilDate(year: year, month: 1, day: 1)!, end: CivilDate(year: year, month: 12, day: 31)!)
        case 2 where parts[1].hasPrefix("W") && parts[1].count == 3:
            guard let week = Int(parts[1].dropFirst()), week >= 1, week <= Self.isoWeeks(in: year) else { return nil }
            let monday = Self.isoWeekOneMonday(year).adding(days: (week - 1) * 7)
            self.init(kind: .week, start: monday, end: monday.adding(days: 6))
        case 2 where parts[1].hasPrefix("Q") && parts[1].count == 2:
            guard let q = Int(parts[1].dropFirst()), (1...4).contains(q) else { return nil }
            let start = CivilDate(year: year, month: q * 3 - 2, day: 1)!
            self.init(kind: .quarter, start: start, end: Self.monthStart(year, q * 3 + 1).adding(days: -1))
        case 2 where parts[1].count == 2:
            guard let m = Int(parts[1]), let start = CivilDate(year: year, month: m, day: 1) else { return nil }
            self.init(kind: .month, start: start, end: Self.monthStart(year, m + 1).adding(days: -1))
        default:
            return nil
        }
    }

    /// The period of `kind` that contains `day` (a custom span is the day itself).
    public static func containing(_ day: CivilDate, kind: PeriodKind) -> ReportPeriod {
        let code: String
        switch kind {
        case .week:
            let thursday = LedgerFigures.weekStart(of: day).adding(days: 3)
            code = "\(thursday.year)-W" + pad((thursday.dayNumber - CivilDate(year: thursday.year, month: 1, day: 1)!.dayNumber) / 7 + 1)
        case .month: code = "\(day.year)-" + pad(day.month)
        case .quarter: code = "\(day.year)-Q\((day.month + 2) / 3)"
        case .year: code = "\(day.year)"
        case .custom: return ReportPeriod(kind: .custom, start: day, end: day)!
        }
        return ReportPeriod(code: code)!
    }

    /// The period just before this one, of the same kind (a custom span: as many days before).
    public var previous: ReportPeriod {
        if kind == .custom {
            let length = start.days(until: end) + 1
            return ReportPeriod(kind: .custom, start: start.adding(days: -length), end: start.adding(days: -1))!
        }
        return Self.containing(start.adding(days: -1), kind: kind)
    }

    /// The last `count` periods up to and including this one, oldest first.
    public func history(_ count: Int) -> [ReportPeriod] {
        var list = [self]
        while list.count < count { list.insert(list[0].previous, at: 0) }
        return list
    }

    public var code: String {
        switch kind {
        case .year: "\(start.year)"
        case .quarter: "\(start.year)-Q\((start.month + 2) / 3)"
        case .month: "\(start.year)-" + Self.pad(start.month)
        case .week: Self.containing(start, kind: .week).weekCode
        case .custom: "\(start)..\(end)"
        }
    }

    public var description: String { code }

    public func contains(_ day: CivilDate) -> Bool { start <= day && day <= end }

    public var days: Int { start.days(until: end) + 1 }

    private var weekCode: String {
        let thursday = start.adding(days: 3)
        return "\(thursday.year)-W" + Self.pad((thursday.dayNumber - CivilDate(year: thursday.year, month: 1, day: 1)!.dayNumber) / 7 + 1)
    }

    /// Week 1 is the week with 4 January in it (ISO 8601).
    static func isoWeekOneMonday(_ year: Int) -> CivilDate {
        LedgerFigures.weekStart(of: CivilDate(year: year, month: 1, day: 4)!)
    }

    static func isoWeeks(in year: Int) -> Int {
        isoWeekOneMonday(year).days(until: isoWeekOneMonday(year + 1)) / 7
    }

    static func monthStart(_ year: Int, _ month: Int) -> CivilDate {
        month > 12 ? CivilDate(year: year + 1, month: month - 12, day: 1)! : CivilDate(year: year, month: month, day: 1)!
    }

    static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
