import Foundation

/// A calendar day in the deployment's local time (deadlines are days, not instants).
/// Arithmetic uses day numbers so no time zone database is consulted.
public struct CivilDate: Comparable, Hashable, Codable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(month: month, year: year), (1900...9999).contains(year) else { return nil }
        self.year = year; self.month = month; self.day = day
    }

    /// Parses `yyyy-MM-dd`; also accepts a full ISO timestamp and keeps its date part.
    public init?(iso: String) {
        // Stored deadlines are exactly `yyyy-MM-dd`, and every ledger row parses one or two:
        // read those ten bytes directly before falling back to the general form.
        let bytes = iso.utf8
        if bytes.count == 10 {
            var parts = (0, 0, 0)
            var shape = true
            for (i, byte) in bytes.enumerated() {
                if i == 4 || i == 7 {
                    if byte != UInt8(ascii: "-") { shape = false; break }
                    continue
                }
                guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { shape = false; break }
                let digit = Int(byte - UInt8(ascii: "0"))
                switch i {
                case 0..<4: parts.0 = parts.0 * 10 + digit
                case 5, 6: parts.1 = parts.1 * 10 + digit
                default: parts.2 = parts.2 * 10 + digit
                }
            }
            if shape {
                self.init(year: parts.0, month: parts.1, day: parts.2)
                return
            }
        }
        let text = iso.trimmingCharacters(in: .whitespaces)
        let parts = text.prefix(10).split(separator: "-")
        guard text.count >= 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The day an instant falls on at the given UTC offset (China: +8 h, no daylight saving).
    public init(_ instant: Date, utcOffsetSeconds: Int = CivilDate.chinaOffset) {
        let seconds = instant.timeIntervalSince1970 + Double(utcOffsetSeconds)
        let dayNumber = Int((seconds / 86_400).rounded(.down))
        self = CivilDate(dayNumber: dayNumber)
    }

    public static let chinaOffset = 8 * 3600

    /// Days since 1970-01-01 (Howard Hinnant's civil-from-days algorithm).
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    public func adding(days: Int) -> CivilDate { CivilDate(dayNumber: dayNumber + days) }

    public func days(until other: CivilDate) -> Int { other.dayNumber - dayNumber }

    /// Monday = 1 ... Sunday = 7.
    public var weekday: Int { ((dayNumber % 7) + 7 + 3) % 7 + 1 }

    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { a.dayNumber < b.dayNumber }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = CivilDate(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected yyyy-MM-dd"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
