import Fluent
import SafeGridDomain
import Vapor

/// `/api/v1/calendar`: each day's working status and where it comes from; the years entered
/// from the State Council's notice (administrators).
struct CalendarAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("calendar", use: days)
        routes.get("calendar", "years", use: years)
        routes.put("calendar", "years", ":year", use: enter)
    }

    struct DayDTO: Content {
        let date: String
        let workday: Bool
        @NullEncodable var holiday: String?
        let source: WorkCalendar.Source
    }

    /// The longest span one request may ask for: a year and a day.
    static let maxSpan = 366

    func days(req: Request) async throws -> [DayDTO] {
        _ = try req.currentUser()
        var errors = FieldErrors()
        let from = req.query[String.self, at: "from"].flatMap(CivilDate.init(iso:))
        let to = req.query[String.self, at: "to"].flatMap(CivilDate.init(iso:))
        if from == nil { errors.add("from", "error.field.date") }
        if to == nil { errors.add("to", "error.field.date") }
        if let from, let to, from.days(until: to) < 0 || from.days(until: to) >= Self.maxSpan {
            errors.add("to", "error.calendar.span", args: ["\(Self.maxSpan)"])
        }
        try errors.throwIfAny()
        return Self.span(from!, to!, in: try await req.workCalendar())
    }

    static func span(_ from: CivilDate, _ to: CivilDate, in calendar: WorkCalendar) -> [DayDTO] {
        (0...max(0, from.days(until: to))).map { offset in
            let day = calendar.day(from.adding(days: offset))
            return DayDTO(date: day.date.description, workday: day.workday, holiday: day.holiday, source: day.source)
        }
    }

    struct YearStatus: Content {
        let year: Int
        let official: Bool
        /// Entered by an administrator (rather than shipped in the calendar file).
        let entered: Bool
    }

    func years(req: Request) async throws -> [YearStatus] {
        _ = try req.currentUser()
        let calendar = try await req.workCalendar()
        let entered = Set(try await CalendarYearEntry.all(on: req.db).map(\.year))
        let thisYear = CivilDate(req.now).year
        let shown = Set((thisYear + CalendarStore.span.lowerBound)...(thisYear + CalendarStore.span.upperBound)).union(calendar.officialYears)
        return shown.sorted().map { YearStatus(year: $0, official: calendar.officialYears.contains($0), entered: entered.contains($0)) }
    }

    struct YearRequest: Content {
        var holidays: [CalendarYearEntry.Holiday]?
        var workdays: [String]?
        var note: String?
    }

    func enter(req: Request) async throws -> [DayDTO] {
        let user = try req.currentUser()
        var errors = FieldErrors()
        let year = InputBounds.int(req.parameters.get("year"), in: 2000...2100, field: "year", into: &errors)
        try errors.throwIfAny()
        let body = try req.content.decode(YearRequest.self)
        let entry = CalendarYearEntry(year: year!, holidays: body.holidays ?? [], workdays: body.workdays ?? [], note: body.note)
        try await entry.save(by: user.actor, at: req.now, on: req.db, writes: req.application.writePath)
        req.application.calendarStore.invalidate()
        guard let first = CivilDate(year: year!, month: 1, day: 1), let last = CivilDate(year: year!, month: 12, day: 31) else {
            throw SafeGridError.notFound
        }
        return Self.span(first, last, in: try await req.workCalendar())
    }
}
