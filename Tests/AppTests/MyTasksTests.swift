@testable import App
import Fluent
import Foundation
import SafeGridDomain
import Testing
import Vapor
import VaporTesting

@Suite("My tasks over HTTP, with the fixed clock (today: Thursday 26 November 2026)")
struct MyTasksTests {
    typealias S = InspectionSteps

    @Test("grid workers land on my tasks after signing in; the office lands on its dashboard")
    func landing() async throws {
        try await withTestApp { app in
            _ = try await Fixture.make(app)
            #expect(try await WebSession.login(app, "worker").landing == "/my-tasks")
            #expect(try await WebSession.login(app, "officer").landing == "/")
            #expect(InspectionRules.landsOnMyTasks(.gridWorker) && !InspectionRules.landsOnMyTasks(.officer))
        }
    }

    /// Five places in village A whose due dates are known, plus the fixture's place out of range.
    static func setUp(_ app: Application, _ f: Fixture) async throws -> [String: Int] {
        var ids: [String: Int] = [:]
        ids["dueToday"] = try await S.place(app, "红色场所", grid: f.villageA, risk: .red, registered: "2026-09-01")
        try await S.passAll(app, f, place: ids["dueToday"]!, startedAt: S.at("2026-11-19"))           // +5 workdays → 11-26
        ids["sixLate"] = try await S.place(app, "黄色场所", grid: f.villageA, risk: .yellow, registered: "2026-09-01")
        try await S.passAll(app, f, place: ids["sixLate"]!, startedAt: S.at("2026-10-20", hour: 21))   // +1 month → 11-20
        ids["threeLate"] = try await S.place(app, "未评估场所", grid: f.villageA, risk: nil, registered: "2026-10-23")  // never → 11-23
        ids["quarterly"] = try await S.place(app, "蓝色场所", grid: f.villageA, risk: .blue, registered: "2026-09-01")
        try await S.passAll(app, f, place: ids["quarterly"]!, startedAt: S.at("2026-11-02"))           // → 2027-02-02
        ids["nextWeek"] = try await S.place(app, "橙色场所", grid: f.villageA, risk: .orange, registered: "2026-09-01")
        try await S.passAll(app, f, place: ids["nextWeek"]!, startedAt: S.at("2026-11-20"))            // +10 workdays → 12-04
        try await S.setPlace(app, f.place.id!, risk: .blue, registered: "2026-11-01")                  // → 2027-02-01
        return ids
    }

    @Test("overdue places come first, then by due date; the horizon is a query parameter")
    func order() async throws {
        try await withTestApp { app in
            // setup
            let f = try await Fixture.make(app)
            let ids = try await Self.setUp(app, f)

            // MUT
            let tasks = try decode(MyTasksDTO.self, try await api(app, .GET, "/api/v1/my-tasks", as: f.tokens["worker"]))
            let wider = try decode(MyTasksDTO.self, try await api(app, .GET, "/api/v1/my-tasks?days=10", as: f.tokens["worker"]))

            // validate
            let items = tasks.items
            #expect(tasks.today == S.day("2026-11-26") && tasks.overdueCount == 2)
            #expect(items.map(\.placeId) == [ids["sixLate"]!, ids["threeLate"]!, ids["dueToday"]!])
            #expect(items.map(\.dueOn) == ["2026-11-20", "2026-11-23", "2026-11-26"].map(S.day))
            #expect(items.map(\.daysLate) == [6, 3, 0])
            #expect(items.map(\.overdue) == [true, true, false])
            #expect(items[0].lastInspectedOn == S.day("2026-10-20"), "a 21:00 visit counts on its China day")
            #expect(items[1].riskLevel == nil && items[1].interval.unit == .months,
                    "an unassessed place gets the unassessed (monthly) interval")
            let widerIds = wider.items.map(\.placeId)
            #expect(widerIds == [ids["sixLate"]!, ids["threeLate"]!, ids["dueToday"]!, ids["nextWeek"]!])

            let other = try decode(MyTasksDTO.self, try await api(app, .GET, "/api/v1/my-tasks", as: f.tokens["workerB"]))
            #expect(other.items.isEmpty, "village B's worker has none of village A's places")
            #expect(try await api(app, .GET, "/api/v1/my-tasks?days=x", as: f.tokens["worker"]).status == .badRequest)
        }
    }

    @Test("changing the frequency moves the due dates; only administrators change it")
    func frequencies() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let ids = try await Self.setUp(app, f)
            let body = #"{"red":{"count":3,"unit":"days"},"orange":{"count":10,"unit":"workdays"},"yellow":{"count":1,"unit":"months"},"blue":{"count":3,"unit":"months"},"unassessed":{"count":7,"unit":"days"}}"#
            #expect(try await apiJSON(app, .PUT, "/api/v1/patrol-frequencies", as: f.tokens["officer"], body).status == .forbidden)
            let bad = body.replacingOccurrences(of: #""count":3,"unit":"days""#, with: #""count":0,"unit":"days""#)
            let refused = try await apiJSON(app, .PUT, "/api/v1/patrol-frequencies", as: f.tokens["admin"], bad)
            #expect(fieldErrors(refused) == ["red.count=error.patrol.interval"])
            #expect(try await apiJSON(app, .PUT, "/api/v1/patrol-frequencies", as: f.tokens["admin"], body).status == .ok)
            let read = try decode(PatrolFrequenciesDTO.self, try await api(app, .GET, "/api/v1/patrol-frequencies", as: f.tokens["worker"]))
            #expect(read.red.count == 3)

            let items = try decode(MyTasksDTO.self, try await api(app, .GET, "/api/v1/my-tasks", as: f.tokens["worker"])).items
            let due = Dictionary(uniqueKeysWithValues: items.map { ($0.placeId, $0.dueOn) })
            #expect(due[ids["dueToday"]!] == S.day("2026-11-22"), "red: three calendar days after 19 November")
            #expect(due[ids["threeLate"]!] == S.day("2026-10-30"), "unassessed: a week after registration")
        }
    }

    @Test("the my-tasks page lists overdue places first on a phone-sized page")
    func page() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            _ = try await Self.setUp(app, f)
            let session = try await WebSession.login(app, "worker")
            let html = try await session.get("/my-tasks").body.string
            let positions = ["黄色场所", "未评估场所", "红色场所"].map { html.range(of: $0)?.lowerBound }
            #expect(positions.allSatisfy { $0 != nil }, "every due place is listed")
            if let a = positions[0], let b = positions[1], let c = positions[2] { #expect(a < b && b < c, "overdue first, then by due date") }
            #expect(!html.contains("蓝色场所"), "a place due next quarter is not a task yet")
            // Six calendar days late, four of them working days (20 Nov was a Friday): counted as supervision counts.
            #expect(html.contains("逾期 4 个工作日") && html.contains("今天到期"))
            let items = try decode(MyTasksDTO.self, try await api(app, .GET, "/api/v1/my-tasks", as: f.tokens["worker"])).items
            #expect(items.contains { $0.daysLate == 6 && $0.workdaysLate == 4 })
            #expect(items.contains { $0.daysLate == 0 && $0.workdaysLate == nil })
            #expect(html.contains("/inspections/new?placeId="), "each task starts an inspection")
        }
    }
}
