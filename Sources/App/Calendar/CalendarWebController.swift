import SafeGridDomain
import Vapor

/// `GET /calendar`, `POST /calendar/{year}`: administrators enter a year's official holiday
/// notice, typed or as a file.
struct CalendarWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped(RequireAdmin())
        admin.get(SiteURL.calendar.pathComponents, use: page)
        admin.on(.POST, SiteURL.calendarYear(.key).pathComponents, body: .collect(maxSize: "1mb"), use: enter)
    }

    struct Input: Content {
        var holidays: String?
        var workdays: String?
        var note: String?
        var file: File?
    }

    func page(req: Request) async throws -> Response {
        req.page(try await CalendarPage.build(req, year: nil, input: nil, error: nil))
    }

    func enter(req: Request) async throws -> Response {
        let user = try req.currentUser()
        var errors = FieldErrors()
        let year = InputBounds.int(req.parameters.get("year"), in: 2000...2100, field: "year", into: &errors)
        try errors.throwIfAny()
        let input = try req.content.decode(Input.self)
        do {
            let entry = try CalendarPage.entry(year: year!, input)
            try await entry.save(by: user.actor, at: req.now, on: req.db, writes: req.application.writePath)
            req.application.calendarStore.invalidate()
            return req.redirect(to: SiteURL.calendar.with(query: "year=\(year!)&done=1"))
        } catch let error as SafeGridError where error.kind == .invalid {
            return req.page(try await CalendarPage.build(req, year: year, input: input, error: error), status: error.status)
        }
    }
}

/// The calendar page: every year around today with its status, and the form for one year.
struct CalendarPage {
    let page: PageContext
    let years: [Year]
    let year: Int
    let fields: [FormField]
    let errors: [String]
    let notice: String?
    let action: String

    struct Year: Encodable {
        let year: Int
        let status: String
        let official: Bool
        let href: String
    }

    /// The form's text: one day a line, `2027-01-01 元旦` (the name optional); or a JSON file
    /// `{"holidays": [{"date": …, "name": …}] or ["2027-01-01", …], "workdays": [...]}`, the
    /// shape of the shipped calendar file.
    static func entry(year: Int, _ input: CalendarWebController.Input) throws -> CalendarYearEntry {
        if let file = input.file, file.data.readableBytes > 0 {
            struct Loose: Decodable {
                var holidays: [Item]
                var workdays: [String]?
                enum Item: Decodable {
                    case plain(String), named(CalendarYearEntry.Holiday)
                    init(from decoder: any Decoder) throws {
                        if let text = try? decoder.singleValueContainer().decode(String.self) { self = .plain(text) }
                        else { self = .named(try CalendarYearEntry.Holiday(from: decoder)) }
                    }
                }
            }
            guard let loose = try? JSONDecoder().decode(Loose.self, from: Data(file.data.readableBytesView)) else {
                throw SafeGridError.invalid(field: "file", "error.calendar.file")
            }
            let holidays = loose.holidays.map { item -> CalendarYearEntry.Holiday in
                switch item { case .plain(let d): .init(date: d, name: nil); case .named(let h): h }
            }.filter { $0.date.hasPrefix("\(year)-") }
            return CalendarYearEntry(year: year, holidays: holidays, workdays: (loose.workdays ?? []).filter { $0.hasPrefix("\(year)-") },
                                     note: input.note)
        }
        func lines(_ text: String?) -> [(String, String?)] {
            (text ?? "").split(whereSeparator: \.isNewline).prefix(100).compactMap { line in
                let parts = line.split(maxSplits: 1, whereSeparator: { $0 == " " || $0 == "\t" || $0 == "，" || $0 == "," })
                guard let first = parts.first else { return nil }
                return (String(first), parts.count > 1 ? String(parts[1]).trimmingCharacters(in: .whitespaces) : nil)
            }
        }
        return CalendarYearEntry(year: year, holidays: lines(input.holidays).map { .init(date: $0.0, name: $0.1) },
                                 workdays: lines(input.workdays).map(\.0), note: input.note)
    }

    static func build(_ req: Request, year chosen: Int?, input: CalendarWebController.Input?, error: SafeGridError?) async throws -> CalendarPage {
        let t = Texts(req)
        let calendar = try await req.workCalendar()
        let thisYear = CivilDate(req.now).year
        let year = chosen ?? req.query[Int.self, at: "year"].flatMap { (2000...2100).contains($0) ? $0 : nil }
            ?? ((thisYear...(thisYear + 1)).first { !calendar.officialYears.contains($0) } ?? thisYear + 1)
        let shown = Set((thisYear + CalendarStore.span.lowerBound)...(thisYear + CalendarStore.span.upperBound)).union(calendar.officialYears)
        let years = shown.sorted().map { y in
            Year(year: y, status: t(calendar.officialYears.contains(y) ? "calendar.status.official" : "calendar.status.provisional"),
                 official: calendar.officialYears.contains(y), href: SiteURL.calendar.with(query: "year=\(y)"))
        }
        // The form starts from what the year has now: entered days, or the computed statutory ones.
        let days = (0..<366).compactMap { CivilDate(year: year, month: 1, day: 1)?.adding(days: $0) }.filter { $0.year == year }
        let holidayText = input?.holidays ?? days.filter { calendar.holidays.contains($0) }
            .map { "\($0) " + t.holidayName(calendar.holidayNames[$0]) }.joined(separator: "\n")
        let workdayText = input?.workdays ?? days.filter { calendar.makeUpWorkdays.contains($0) }.map(\.description).joined(separator: "\n")
        var fields = [
            FormField("holidays", label: t("calendar.holidays"), kind: .textarea, value: holidayText),
            FormField("workdays", label: t("calendar.workdays"), kind: .textarea, value: workdayText),
            FormField("note", label: t("calendar.note"), value: input?.note ?? ""),
            FormField("file", label: t("calendar.file"), kind: .file),
        ]
        fields[0].hint = t("calendar.holidays_hint")
        fields[1].hint = t("calendar.workdays_hint")
        fields[3].hint = t("calendar.file_hint")
        fields[3].accept = ".json,application/json"
        var errors = fields.attach(error?.fields ?? [], t)
        if let error, error.fields.isEmpty { errors.append(t.message(error)) }
        return CalendarPage(page: PageContext(req, title: t("calendar.title")), years: years, year: year, fields: fields, errors: errors,
                            notice: req.query[String.self, at: "done"] == "1" ? t("calendar.saved", "\(year)") : nil,
                            action: SiteURL.calendarYear(.value(String(year))).path)
    }
}

extension Texts {
    /// A holiday's name: a statutory key in the reader's language, else the words entered.
    func holidayName(_ name: String?) -> String {
        guard let name else { return "" }
        let key = "holiday.\(name)"
        return Catalogue.entries[key] != nil ? self(key) : name
    }
}
