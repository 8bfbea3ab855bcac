import Fluent
import Foundation
import NIOConcurrencyHelpers
import SafeGridDomain
import SQLKit
import Vapor

/// The working-day calendar every rule reads: the shipped file (or SAFEGRID_CALENDAR_FILE),
/// the years administrators entered (table `calendar_years`, winning over the file), and
/// provisional statutory holidays for the years around today that neither covers. Kept for a
/// minute; an entry made on this instance drops it at once, other instances follow within the
/// minute.
final class CalendarStore: Sendable {
    static let lifetime: TimeInterval = 60
    /// Provisional years are computed this far back and ahead of today.
    static let span = -1...4

    private let filePath: String
    private let cached = NIOLockedValueBox<(calendar: WorkCalendar, at: Date)?>(nil)

    init(filePath: String) { self.filePath = filePath }

    func calendar(on db: any Database, now: Date) async throws -> WorkCalendar {
        if let entry = cached.withLockedValue({ $0 }), now.timeIntervalSince(entry.at) < Self.lifetime, entry.at <= now {
            return entry.calendar
        }
        var calendar = (try? CalendarFile.load(path: filePath)) ?? WorkCalendar()
        for year in try await CalendarYearEntry.all(on: db) { year.apply(to: &calendar) }
        let thisYear = CivilDate(now).year
        calendar = calendar.withProvisional(years: (thisYear + Self.span.lowerBound)...(thisYear + Self.span.upperBound))
        let result = calendar
        cached.withLockedValue { $0 = (result, now) }
        return result
    }

    func invalidate() { cached.withLockedValue { $0 = nil } }
}

/// One year of the official notice as an administrator entered it.
struct CalendarYearEntry: Codable, Sendable {
    struct Holiday: Codable, Sendable {
        var date: String
        /// A `StatutoryHolidays` key (newYear, springFestival…), or the notice's own words.
        var name: String?
    }

    var year: Int
    var holidays: [Holiday]
    var workdays: [String]
    var note: String?

    /// Every date within the year, no day both a holiday and a workday, at most 60 of each.
    func validated() throws(SafeGridError) -> (holidays: [(CivilDate, String?)], workdays: [CivilDate]) {
        var errors = FieldErrors()
        if !(2000...2100).contains(year) { errors.add("year", "error.field.out_of_range", args: ["2000", "2100"]) }
        if holidays.count > 60 { errors.add("holidays", "error.field.too_many", args: ["60"]) }
        if workdays.count > 60 { errors.add("workdays", "error.field.too_many", args: ["60"]) }
        if let note, note.count > 500 { errors.add("note", "error.field.too_long", args: ["500"]) }
        var days: [(CivilDate, String?)] = []
        for (i, h) in holidays.prefix(60).enumerated() {
            guard let day = CivilDate(iso: h.date), day.year == year else { errors.add("holidays.\(i).date", "error.calendar.day_in_year", args: ["\(year)"]); continue }
            if let name = h.name, name.count > 40 { errors.add("holidays.\(i).name", "error.field.too_long", args: ["40"]) }
            days.append((day, h.name.flatMap { $0.isEmpty ? nil : $0 }))
        }
        var work: [CivilDate] = []
        for (i, raw) in workdays.prefix(60).enumerated() {
            guard let day = CivilDate(iso: raw), day.year == year else { errors.add("workdays.\(i)", "error.calendar.day_in_year", args: ["\(year)"]); continue }
            if days.contains(where: { $0.0 == day }) { errors.add("workdays.\(i)", "error.calendar.both") }
            work.append(day)
        }
        try errors.throwIfAny()
        return (days, work)
    }

    func apply(to calendar: inout WorkCalendar) {
        guard let (days, work) = try? validated() else { return }
        calendar.holidays = calendar.holidays.filter { $0.year != year }
        calendar.makeUpWorkdays = calendar.makeUpWorkdays.filter { $0.year != year }
        calendar.holidayNames = calendar.holidayNames.filter { $0.key.year != year }
        for (day, name) in days {
            calendar.holidays.insert(day)
            if let name { calendar.holidayNames[day] = name }
        }
        calendar.makeUpWorkdays.formUnion(work)
        calendar.officialYears.insert(year)
    }

    static func all(on db: any Database) async throws -> [CalendarYearEntry] {
        try await (db as! any SQLDatabase).raw("SELECT year, holidays, workdays, note FROM calendar_years ORDER BY year").all().map { row in
            CalendarYearEntry(year: try row.decode(column: "year", as: Int.self),
                              holidays: JSONCoding.decode([Holiday].self, try row.decode(column: "holidays", as: String.self)) ?? [],
                              workdays: JSONCoding.decode([String].self, try row.decode(column: "workdays", as: String.self)) ?? [],
                              note: try row.decode(column: "note", as: String?.self))
        }
    }

    /// Enters (or replaces) the year, by an administrator.
    func save(by actor: Actor, at now: Date, on db: any Database, writes: WritePath) async throws {
        guard CalendarPermissions.mayEnter(actor) else { throw SafeGridError.forbidden }
        let (days, work) = try validated()
        let holidays = try JSONCoding.string(days.map { Holiday(date: $0.0.description, name: $0.1) })
        let workdays = try JSONCoding.string(work.map(\.description))
        try await writes.transaction(on: db) { tx in
            let sql = tx as! any SQLDatabase
            try await sql.raw("DELETE FROM calendar_years WHERE year = \(bind: year)").run()
            try await sql.raw("""
                INSERT INTO calendar_years (year, holidays, workdays, note, entered_by_id, entered_at)
                VALUES (\(bind: year), \(bind: holidays), \(bind: workdays), \(bind: note), \(bind: actor.userId), \(bind: now))
                """).run()
        }
    }
}

/// The shipped holiday file, or the one SAFEGRID_CALENDAR_FILE names: lists of dates. Its
/// years count as entered.
enum CalendarFile {
    struct Contents: Decodable {
        let holidays: [String]
        let workdays: [String]
    }

    static func load(path: String) throws -> WorkCalendar {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let contents = try JSONDecoder().decode(Contents.self, from: data)
        let holidays = Set(contents.holidays.compactMap(CivilDate.init(iso:)))
        let workdays = Set(contents.workdays.compactMap(CivilDate.init(iso:)))
        return WorkCalendar(holidays: holidays, makeUpWorkdays: workdays,
                            officialYears: Set(holidays.map(\.year)).union(workdays.map(\.year)))
    }
}

extension Application {
    private struct CalendarStoreKey: StorageKey { typealias Value = CalendarStore }

    var calendarStore: CalendarStore {
        get {
            if let store = storage[CalendarStoreKey.self] { return store }
            let store = CalendarStore(filePath: settings.calendarFile ?? directory.resourcesDirectory + "calendar/cn-holidays.json")
            storage[CalendarStoreKey.self] = store
            return store
        }
        set { storage[CalendarStoreKey.self] = newValue }
    }
}

extension Request {
    /// The working-day calendar as of this request.
    func workCalendar() async throws -> WorkCalendar {
        try await application.calendarStore.calendar(on: db, now: now)
    }
}
