@testable import App
import Fluent
import Foundation
import SafeGridDomain
import SQLKit
import Testing
import VaporTesting

@Suite("Bulletins through the database and HTTP")
struct BulletinTests {
    /// Monday of the test week (2026-W48) at `hour` China time, plus `minutes`.
    static func monday(hour: Int, minutes: Int = 0, daysLater: Int = 0) -> Date {
        HazardQuery.startOfDay(CivilDate(year: 2026, month: 11, day: 23)!.adding(days: daysLater))
            .addingTimeInterval(Double(hour * 3600 + minutes * 60))
    }

    @Test("the week's bulletin for 新安路街道 states exactly the figures of seed 003")
    func seed003() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let rows = try await SeedRows(app, f)
            let street = f.otherTownship, community = f.otherVillage
            // setup: the week's activity in the subdistrict (Monday 23rd to Thursday 26th 10:00, the test clock)
            try await rows.visits(84, .industrialEnterprise, in: community)
            try await rows.visits(1_257, .shop, in: community)
            try await rows.visits(31, .oldResidential, in: community)
            try await rows.visits(12, .market, in: community, night: true)
            try await rows.hazards(258, in: community, closed: true)
            try await rows.reports(4, in: community, handled: true)
            try await rows.activities(6, .drill, people: 0, in: community)
            try await rows.activities(72, .lecture, people: 13_000, in: community)
            // Noise the bulletin must leave out: the week before, another township, voided hazards.
            try await rows.visits(50, .shop, in: community, daysLater: -7)
            try await rows.visits(20, .shop, in: f.villageA)
            try await rows.hazards(9, in: f.villageA, closed: true)
            try await rows.hazards(3, in: community, closed: false, voided: true)
            try await rows.activities(5, .lecture, people: 999, in: community, daysLater: -7)
            try await rows.reports(2, in: f.villageA, handled: true)
            // Started and never finished: no visit (issue 12). Self and expert inspections count apart.
            try await rows.visits(40, .shop, in: community, finished: false)
            try await rows.visits(7, .industrialEnterprise, in: community, kind: .enterprise)
            try await rows.visits(3, .industrialEnterprise, in: community, kind: .expert)

            // MUT
            let response = try await api(app, .POST, "/api/v1/bulletins", as: f.tokens["officer2"],
                                         json: BulletinRequest(gridId: street.id, period: "2026-W48"))

            // validate
            #expect(response.status == .created, "\(response.body.string)")
            let body = try decode(BulletinDTO.self, response)
            let figures = body.figures
            let groups = figures.visitsByGroup
            #expect(groups["enterprise"] == 84)
            #expect(groups["shop"] == 1_257)
            #expect(groups["building"] == 31)
            #expect(figures.nightChecks == 12)
            #expect(figures.selfInspections == 7)
            #expect(figures.expertInspections == 3)
            #expect(figures.hazardsFound == 258)
            #expect(figures.hazardsRectified == 258)
            #expect(figures.reportsReceived == 4)
            #expect(figures.reportsHandled == 4)
            #expect(figures.drills == 6)
            #expect(figures.lectures == 72)
            #expect(figures.peopleReached == 13_000)
            let zh = body.textZh
            for phrase in ["新安路街道", "2026 年第 48 周", "企业 84 家次", "门店 1257 家次", "楼院 31 栋次", "开展夜查 12 次",
                           "排查整治隐患 258 个（处）", "接到群众举报 4 次、核实处理 4 次", "开展应急演练 6 次",
                           "开展安全大讲堂 72 次", "影响群众 13000 人（约 1.3 万人）", "企业自查 7 家次", "专家检查 3 家次"] {
                #expect(zh.contains(phrase), "the bulletin should say 「\(phrase)」: \(zh)")
            }
            let en = body.textEn
            #expect(en.contains("84 enterprise visits") && en.contains("1,257 shop visits") && en.contains("258 hazards found and rectified"))
            #expect(en.contains("4 public reports received and 4 handled") && en.contains("72 safety lectures") && en.contains("13,000 people"))

            // The stored bulletin reads back the same, and generating again replaces it.
            let id = body.id
            let again = try await api(app, .POST, "/api/v1/bulletins", as: f.tokens["officer2"],
                                      json: BulletinRequest(gridId: street.id, period: "2026-W48"))
            #expect(try decode(BulletinDTO.self, again).id == id)
            let stored = try decode(BulletinDTO.self, try await api(app, .GET, "/api/v1/bulletins/\(id)", as: f.tokens["officer2"]))
            #expect(stored.textZh == zh)
            #expect(try await BulletinRecord.query(on: app.db).count() == 1)
        }
    }

    @Test("open, overdue and major hazards as at the clock, with the overdue list; scope and rights are enforced")
    func openAndScope() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let rows = try await SeedRows(app, f)
            // Two open hazards: one past its deadline (yesterday), one due next week; one open major.
            try await rows.hazards(1, in: f.villageA, closed: false, deadline: "2026-11-25", title: "配电箱无防护")
            try await rows.hazards(1, in: f.villageA, closed: false, deadline: "2026-12-03", grade: .major)
            let ok = try await api(app, .POST, "/api/v1/bulletins", as: f.tokens["officer"],
                                   json: BulletinRequest(gridId: f.township.id, period: "2026-11"))
            #expect(ok.status == .created, "\(ok.body.string)")
            let body = try decode(BulletinDTO.self, ok)
            let figures = body.figures
            #expect(figures.hazardsOpen == 2)
            #expect(figures.hazardsOverdue == 1)
            #expect(figures.majorOpen == 1)
            #expect(body.overdue.map(\.title) == ["配电箱无防护"])
            #expect(body.textZh.contains("截至 2026-11-26，尚有未销号隐患 2 处，其中逾期 1 处"))

            // Another township's officer: the grid does not exist for them.
            let outside = try await api(app, .POST, "/api/v1/bulletins", as: f.tokens["officer2"],
                                        json: BulletinRequest(gridId: f.township.id, period: "2026-11"))
            #expect(outside.status == .notFound)
            // A leader reads bulletins but does not generate them; a grid worker does neither.
            let leader = try await api(app, .POST, "/api/v1/bulletins", as: f.tokens["leader"],
                                       json: BulletinRequest(gridId: f.township.id, period: "2026-11"))
            #expect(leader.status == .forbidden)
            #expect(try await api(app, .GET, "/api/v1/bulletins", as: f.tokens["leader"]).status == .ok)
            #expect(try await api(app, .GET, "/api/v1/bulletins", as: f.tokens["worker"]).status == .forbidden)
            let bad = try await api(app, .POST, "/api/v1/bulletins", as: f.tokens["officer"],
                                    json: BulletinRequest(gridId: f.township.id, period: "2026-13"))
            #expect(bad.status == .badRequest)
        }
    }
}

extension BulletinTests {
    @Test("the weekly job publishes each township's bulletin for the previous week once, and leaves hand-made ones alone")
    func weeklyJob() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let rows = try await SeedRows(app, f)
            try await rows.visits(5, .shop, in: f.otherVillage)
            // 峡窝镇's officer already generated last week's bulletin by hand on Sunday.
            app.clock = AppClock { Date.t0.addingTimeInterval(3 * 86_400) }
            let manual = try await api(app, .POST, "/api/v1/bulletins", as: f.tokens["officer"],
                                       json: BulletinRequest(gridId: f.township.id, period: "2026-W48"))
            #expect(manual.status == .created)
            let runner = JobRunner(jobs: [WeeklyBulletinJob()], periodSeconds: 3600, leaseSeconds: 600, instance: "a")
            // Monday 30 November, 08:00 China time.
            let monday = HazardQuery.startOfDay(CivilDate(year: 2026, month: 11, day: 30)!).addingTimeInterval(8 * 3600)
            app.clock = AppClock { monday }
            await runner.tick(app: app)
            await JobRunner(jobs: [WeeklyBulletinJob()], periodSeconds: 3600, leaseSeconds: 600, instance: "b").tick(app: app)
            app.clock = AppClock { monday.addingTimeInterval(7200) }
            await runner.tick(app: app) // a later period: finds nothing missing
            let stored = try await BulletinRecord.query(on: app.db).filter(\.$period == "2026-W48").all()
            #expect(stored.count == 2, "one per township")
            let street = try #require(stored.first { $0.$grid.id == f.otherTownship.id })
            #expect(street.generatedById == nil, "made by the job")
            #expect(street.textZh.contains("门店 5 家次"))
            let byHand = try #require(stored.first { $0.$grid.id == f.township.id })
            #expect(byHand.generatedById == f.users["officer"]?.id, "the hand-made bulletin is kept")
        }
    }
}

/// Rows written straight into the tables, as the scale generator does, so a test can hold a
/// subdistrict's week of work without thousands of HTTP calls.
struct SeedRows {
    let app: Application
    let f: Fixture
    let writer: BulkWriter
    let templateId: Int
    let inspector: Int

    init(_ app: Application, _ f: Fixture) async throws {
        self.app = app
        self.f = f
        let sql = app.db as! any SQLDatabase
        writer = BulkWriter(sql: sql)
        struct Row: Decodable { let id: Int }
        templateId = try #require(try await sql.raw("SELECT id FROM checklist_templates ORDER BY id LIMIT 1").first(decoding: Row.self)).id
        inspector = try #require(f.users["worker"]?.id)
    }

    /// `n` visits to places of `category` in `grid` (a handful of places, visited again and
    /// again: the bulletin counts visits, not places), spread over Monday to Wednesday.
    func visits(_ n: Int, _ category: PlaceCategory, in grid: GridRecord, night: Bool = false, daysLater: Int = 0,
                kind: InspectionKind = .grid, finished: Bool = true) async throws {
        let dir = DirectoryService(db: app.db, passwords: app.password.async)
        var places: [Int] = []
        for i in 0..<3 {
            let place = try await dir.savePlace(PlaceRequest(name: "\(category.rawValue)-\(grid.name)-\(i)-\(daysLater)", category: category.rawValue,
                                                             gridId: grid.id, address: "地址\(i)"), existing: nil, by: nil)
            places.append(try place.requireID())
        }
        let rows: [[any Encodable & Sendable]] = (0..<n).map { i in
            let start = BulletinTests.monday(hour: night ? 21 : 9, minutes: i % 480, daysLater: daysLater + i % 3)
            return [places[i % 3], grid.id!, grid.path, category.rawValue, kind.rawValue, templateId, 1, inspector, start,
                    (finished ? start.addingTimeInterval(1800) : nil) as Date?, night, 0]
        }
        try await writer.insert("inspections", ["place_id", "grid_id", "grid_path", "place_category", "kind", "template_id",
                                                "template_version", "lead_inspector_id", "started_at", "ended_at", "night", "failed_count"], rows)
    }

    func hazards(_ n: Int, in grid: GridRecord, closed: Bool, voided: Bool = false, deadline: String? = nil,
                 grade: HazardGrade = .general, title: String = "楼道堆放杂物") async throws {
        let township = Int(grid.path.split(separator: "/")[1])!
        let base = try await HazardStore.count(where: "1 = 1", on: app.db)
        let rows: [[any Encodable & Sendable]] = (0..<n).map { i in
            let found = BulletinTests.monday(hour: 9, minutes: i % 600)
            let state: HazardState = voided ? .voided : closed ? .closed : .rectifying
            return ["T-\(base + i)", township, grid.id!, grid.path, title, "现场发现", "fire", grade.rawValue, "grid", state.rawValue,
                    1, deadline, 0, 0, found, f.users["worker"]!.id!, closed ? found.addingTimeInterval(3600) : nil]
        }
        try await writer.insert("hazards", ["number", "township_id", "grid_id", "grid_path", "title", "description", "category", "grade",
                                            "source", "state", "version", "deadline", "rework_count", "escalation", "discovered_at",
                                            "discovered_by_id", "closed_at"], rows)
    }

    func reports(_ n: Int, in grid: GridRecord, handled: Bool) async throws {
        let rows: [[any Encodable & Sendable]] = (0..<n).map { i in
            ["2026-11-2\(3 + i % 3)", "hotline12345", grid.id!, grid.path, "门店夜间留宿", handled ? "2026-11-25" : nil,
             handled ? "已核实并督促整改" : nil, f.users["officer2"]!.id!]
        }
        try await writer.insert("public_reports", ["received_on", "channel", "grid_id", "grid_path", "content", "handled_on", "reply",
                                                   "created_by_id"], rows)
    }

    /// `n` activities whose people add up to `people`.
    func activities(_ n: Int, _ kind: ActivityKind, people: Int, in grid: GridRecord, daysLater: Int = 0) async throws {
        let day = CivilDate(year: 2026, month: 11, day: 23)!.adding(days: daysLater)
        let rows: [[any Encodable & Sendable]] = (0..<n).map { i in
            let share = people / n + (i < people % n ? 1 : 0)
            return [kind.rawValue, "\(kind.rawValue) \(i + 1)", day.adding(days: i % 4).description, "社区广场", grid.id!, grid.path,
                    share, f.users["officer2"]!.id!]
        }
        try await writer.insert("activities", ["kind", "title", "held_on", "venue", "grid_id", "grid_path", "people", "created_by_id"], rows)
    }
}

@Suite struct BulletinWordingTests {
    @Test("an ended period is stated as of its last day, not the day after")
    func statedDayOfEndedPeriod() throws {
        let quarter = try #require(ReportPeriod(code: "2026-Q1"))
        #expect(PeriodWindow(quarter, now: Date.t0).statedDay.description == "2026-03-31")
        let current = try #require(ReportPeriod(code: "2026-11"))
        #expect(PeriodWindow(current, now: Date.t0).statedDay == CivilDate(Date.t0))
    }

    @Test("English clauses agree in number")
    func englishPlurals() throws {
        let period = try #require(ReportPeriod(code: "2026-W48"))
        var facts = BulletinFacts(nightChecks: 1, hazardsFound: 1, hazardsRectified: 1, hazardsOpen: 2)
        facts.activities[.drill] = ActivityTally(count: 1, people: 0)
        facts.visits[.shop] = 1
        let en = BulletinText.compose(BulletinFigures(facts), grid: "Xinanlu", period: period, asOf: period.end, .en)
        for phrase in ["1 shop visit,", "1 night check,", "1 hazard found and rectified", "1 drill", "2 hazards still open"] {
            #expect(en.contains(phrase), "\(phrase): \(en)")
        }
        #expect(!en.contains("1 drills") && !en.contains("1 night checks"))
    }
}

@Suite struct BulletinExportTests {
    @Test("the bulletin's xlsx keeps ranks and scores as numbers, deadlines as dates, rates as one-decimal percentages")
    func typedCells() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let campaign = try await CampaignTests.campaign(app, f)
            try await CampaignTests.seedTasks(app, f, campaign)
            let id = try await HazardSteps.register(app, f, title: "逾期未改的隐患")
            try await HazardSteps.assign(app, f, id, days: 1)
            let later = Date.t0.addingTimeInterval(6 * 86_400)
            let week = ReportPeriod.containing(CivilDate(later), kind: .week)
            let bulletin = try await BulletinService(db: app.db, now: later).generate(grid: f.township, period: week, by: nil)
            let book = try await WebSession.login(app, "officer").get("/bulletins/\(bulletin.id!)/export?format=xlsx")
            #expect(book.status == .ok)
            let sheets = try WorkbookReader.read(Data(book.body.readableBytesView))
            let overdue = try #require(sheets.first { $0.name == Catalogue.text("bulletin.sheet.overdue", .zhHans) })
            #expect(overdue.rows.count >= 2)
            if case .date = overdue.rows[1][3] {} else { Issue.record("the deadline is \(overdue.rows[1][3]), not a date") }
            let ranking = try #require(sheets.first { $0.name == Catalogue.text("bulletin.sheet.ranking", .zhHans) })
            #expect(ranking.rows.count == 3, "two villages")
            #expect(ranking.rows[1][0] == .integer(1))
            switch ranking.rows[1][2] { case .integer, .number: break; default: Issue.record("the score is \(ranking.rows[1][2])") }
            let campaigns = try #require(sheets.first { $0.name == Catalogue.text("bulletin.sheet.campaigns", .zhHans) })
            #expect(campaigns.rows.count >= 2)
            let styles = try XLSXPeek.part(Data(book.body.readableBytesView), "xl/styles.xml")
            #expect(styles.contains("formatCode=\"0.0%\""))
        }
    }
}
