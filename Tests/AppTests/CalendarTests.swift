@testable import App
import Foundation
import SafeGridDomain
import Testing
import Vapor
import VaporTesting

/// Issue 12: working days beyond the shipped 2026. Without an entered notice, 2027-01-01 and
/// the 2027 Spring Festival counted as working days; now they are provisional holidays until an
/// administrator enters the year.
@Suite struct CalendarTests {
    typealias Day = CalendarAPIController.DayDTO

    static func days(_ app: Application, _ token: String?, _ from: String, _ to: String) async throws -> [Day] {
        let response = try await api(app, .GET, "/api/v1/calendar?from=\(from)&to=\(to)", as: token)
        #expect(response.status == .ok, "\(response.body.string)")
        return try decode([Day].self, response)
    }

    @Test("a year not entered gets the statutory holidays, marked provisional; the shipped year stays official")
    func provisional() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let days = try await Self.days(app, f.tokens["worker"], "2026-12-31", "2027-01-04")
            #expect(days.map(\.date) == ["2026-12-31", "2027-01-01", "2027-01-02", "2027-01-03", "2027-01-04"])
            #expect(days[0].workday && days[0].source == .official)
            #expect(!days[1].workday && days[1].holiday == "newYear" && days[1].source == .provisional)
            #expect(days[4].workday && days[4].source == .provisional)
            let festival = try await Self.days(app, f.tokens["worker"], "2027-02-05", "2027-02-08")
            #expect(festival.allSatisfy { !$0.workday && $0.holiday == "springFestival" }, "\(festival)")
            let weekend = try await Self.days(app, f.tokens["worker"], "2026-11-28", "2026-11-28")
            #expect(weekend.first?.source == .weekend && weekend.first?.workday == false)
        }
    }

    @Test("bad spans and dates are a 400 naming the field", arguments: [
        ("from=2026-01-01&to=2027-01-03", "to"), ("from=2026-13-01&to=2026-12-01", "from"), ("to=2026-01-01", "from"),
        ("from=2026-02-01&to=2026-01-01", "to"),
    ])
    func badQueries(query: String, field: String) async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let response = try await api(app, .GET, "/api/v1/calendar?\(query)", as: f.tokens["worker"])
            #expect(response.status == .badRequest)
            #expect(fieldErrors(response).contains { $0.hasPrefix(field + "=") }, "\(fieldErrors(response))")
        }
    }

    @Test("an administrator enters 2027's notice: holidays and make-up workdays become official; others may not")
    func enterYear() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            struct Body: Encodable, Sendable { let holidays: [[String: String]]; let workdays: [String] }
            let body = Body(holidays: [["date": "2027-01-01", "name": "newYear"], ["date": "2027-02-05", "name": "springFestival"],
                                       ["date": "2027-02-10", "name": "springFestival"]], workdays: ["2027-02-14"])
            #expect(try await api(app, .PUT, "/api/v1/calendar/years/2027", as: f.tokens["officer"], json: body).status == .forbidden)
            let bad = try await api(app, .PUT, "/api/v1/calendar/years/2027", as: f.tokens["admin"],
                                    json: Body(holidays: [["date": "2028-01-01"]], workdays: ["2027-01-01", "2027-02-30"]))
            #expect(bad.status == .badRequest)
            #expect(Set(fieldErrors(bad)) == ["holidays.0.date=error.calendar.day_in_year", "workdays.1=error.calendar.day_in_year"])
            let saved = try await api(app, .PUT, "/api/v1/calendar/years/2027", as: f.tokens["admin"], json: body)
            #expect(saved.status == .ok, "\(saved.body.string)")
            let days = try await Self.days(app, f.tokens["worker"], "2027-02-10", "2027-02-14")
            #expect(days.allSatisfy { $0.source == .official || $0.source == .weekend })
            #expect(!days[0].workday, "an entered holiday")
            #expect(days[1].workday, "2027-02-11 is no holiday in this (made-up) notice")
            #expect(days[4].workday && days[4].source == .official, "a Sunday worked")
            #expect(try await Self.days(app, f.tokens["worker"], "2027-02-06", "2027-02-06").first?.workday == false, "a Saturday")
            #expect(try await Self.days(app, f.tokens["worker"], "2027-02-08", "2027-02-08").first?.workday == true,
                    "the computed Spring Festival days no longer apply once the year is entered")
        }
    }

    @Test("/readyz and the administrators' dashboard warn while the next 90 days reach a provisional year")
    func warnings() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let ready = try await app.testing().sendRequest(.GET, "/readyz")
            #expect(ready.status == .ok && ready.body.string.contains("\"calendarProvisionalFrom\":\"2027-01-01\""), "\(ready.body.string)")
            let warning = String(Catalogue.text("dashboard.calendar_provisional", .zhHans, ["2027-01-01", "2027"]).prefix(20))
            #expect(try await WebSession.login(app, "admin").get("/").body.string.contains(warning))
            #expect(!(try await WebSession.login(app, "officer").get("/").body.string.contains(warning)))

            // Entered through the page, one day a line.
            let admin = try await WebSession.login(app, "admin")
            let page = try await admin.get("/calendar?year=2027")
            #expect(page.status == .ok && page.body.string.contains("2027-02-05"), "the form starts from the computed days")
            let saved = try await admin.postMultipart("/calendar/2027", [("holidays", "2027-01-01 元旦\n2027-02-05 春节"), ("workdays", ""), ("note", "国办发明电〔2026〕X号")])
            #expect(saved.status == .seeOther, "\(saved.body.string.prefix(300))")
            let after = try await app.testing().sendRequest(.GET, "/readyz")
            #expect(!after.body.string.contains("calendarProvisionalFrom"), "\(after.body.string)")
            _ = f
        }
    }

    @Test("supervision and the ledger count overdue working days; a deadline on a rest day is flagged")
    func overdueWorkdays() async throws {
        try await withTestApp(clock: CivilDate(iso: "2027-01-05")!.start().addingTimeInterval(36_000)) { app in
            let f = try await Fixture.make(app)
            let id = try await HazardSteps.register(app, f, title: "元旦前期限的隐患")
            try await HazardSteps.assign(app, f, id, deadline: "2027-01-08")   // a Friday
            app.clock = AppClock { CivilDate(iso: "2027-01-12")!.start().addingTimeInterval(36_000) }
            let page = try await WebSession.login(app, "officer").get("/hazards/\(id)").body.string
            // Mon 11, Tue 12: two working days after Friday the 8th (the weekend does not count).
            #expect(page.contains(Catalogue.text("ledger.overdue_days", .zhHans, ["2"])), "\(page.components(separatedBy: "facts").dropFirst().first?.prefix(400) ?? "")")
            let hazard = try decode(HazardDTO.self, try await api(app, .GET, "/api/v1/hazards/\(id)", as: f.tokens["officer"]))
            #expect(hazard.daysOverdue == 4 && hazard.workdaysOverdue == 2 && hazard.deadlineOnRestDay == false)
            let restDay = try await HazardSteps.register(app, f, title: "期限在周三的隐患")
            try await HazardSteps.assign(app, f, restDay, deadline: "2027-01-13")   // a Wednesday
            #expect(!(try await WebSession.login(app, "officer").get("/hazards/\(restDay)").body.string.contains(Catalogue.text("hazard.deadline_rest_day", .zhHans))))
            app.clock = AppClock { CivilDate(iso: "2027-01-14")!.start().addingTimeInterval(36_000) }
            let weekendDeadline = try await HazardSteps.register(app, f, title: "期限在周六的隐患")
            try await HazardSteps.assign(app, f, weekendDeadline, deadline: "2027-01-16")   // a Saturday
            #expect(try await WebSession.login(app, "officer").get("/hazards/\(weekendDeadline)").body.string.contains(Catalogue.text("hazard.deadline_rest_day", .zhHans)))
            #expect(try decode(HazardDTO.self, try await api(app, .GET, "/api/v1/hazards/\(weekendDeadline)", as: f.tokens["officer"])).deadlineOnRestDay == true,
                    "the API flags it too")
        }
    }
}
