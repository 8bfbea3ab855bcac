@testable import App
import Fluent
import Foundation
import SafeGridDomain
import Testing
import Vapor
import VaporTesting

/// The clock is `.t0`, 2026-11-26: day 87 of a 100-day campaign that began on 1 September.
@Suite("Campaigns and task lists over HTTP")
struct CampaignTests {
    struct NewCampaign: Content {
        var name = "安全生产百日攻坚"
        var theme: String? = "十一月主题：燃气安全"
        var startDate = "2026-09-01"
        var days: Int? = 100
        var gridId: Int
        var targetCategories = ["gas", "threeInOneShop"]
        var goals: String? = "重点场所全覆盖检查"
        var published: Bool? = nil
    }

    static func campaign(_ app: Application, _ f: Fixture, published: Bool? = nil) async throws -> Int {
        let response = try await api(app, .POST, "/api/v1/campaigns", as: f.tokens["officer"],
                                     json: NewCampaign(gridId: f.township.id!, published: published))
        #expect(response.status == .created, "\(response.body.string)")
        return try decode(CampaignDTO.self, response).id
    }

    static func task(_ app: Application, _ f: Fixture, _ id: Int, _ body: CampaignTaskRequest, as user: String = "officer") async throws -> TestingHTTPResponse {
        try await api(app, .POST, "/api/v1/campaigns/\(id)/tasks", as: f.tokens[user], json: body)
    }

    /// Three tasks: one overdue half-way, one on time, one completed late.
    static func seedTasks(_ app: Application, _ f: Fixture, _ id: Int) async throws {
        let worker = f.users["worker"]!.id
        for body in [
            CampaignTaskRequest(title: "燃气用户安全检查", ownerName: "马固村", ownerUserId: worker, deadline: "2026-10-31", targetCount: 40, doneCount: 10),
            CampaignTaskRequest(title: "三合一门店整治", ownerName: "峡窝镇应急办", deadline: "2026-12-01", targetCount: 10, doneCount: 10),
            CampaignTaskRequest(title: "动员部署会", ownerName: "峡窝镇安委办", deadline: "2026-10-31", completedOn: "2026-11-01", result: "召开部署会 1 次"),
        ] {
            let response = try await task(app, f, id, body)
            #expect(response.status == .created, "\(response.body.string)")
        }
    }

    @Test("a 100-day campaign: period, day number, task progress and overdue flags under a fixed clock")
    func progress() async throws {
        try await withTestApp { app in
            // setup
            let f = try await Fixture.make(app)
            let id = try await Self.campaign(app, f)
            try await Self.seedTasks(app, f, id)

            // MUT
            let campaign = try decode(CampaignDTO.self, try await api(app, .GET, "/api/v1/campaigns/\(id)", as: f.tokens["officer"]))
            let tasks = try decode(ListResponse<CampaignTaskDTO>.self, try await api(app, .GET, "/api/v1/campaigns/\(id)/tasks", as: f.tokens["officer"])).items

            // validate
            #expect(campaign.endDate == "2026-12-09")
            let p = campaign.progress
            #expect(p.dayNumber == 87 && p.days == 100 && p.phase == .running)
            #expect(p.total == 3 && p.done == 1 && p.inProgress == 2)
            #expect(p.overdue == 1 && p.doneLate == 1)
            #expect(p.completionRate == "33.3%")
            #expect(tasks.map(\.daysOverdue) == [26, nil, nil], "only the unfinished task past 31 October, by 26 days")
            #expect(tasks.map(\.status) == [.inProgress, .inProgress, .done])
            #expect(tasks.map(\.progressPercent) == [25, 99.9, 100])
            try #require(tasks.count == 3)
            #expect(tasks[2].completedLate == true)
        }
    }

    @Test("scope: the township's grid workers see it, the office manages it, another township gets 404")
    func scope() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let id = try await Self.campaign(app, f)
            #expect(try await api(app, .GET, "/api/v1/campaigns/\(id)", as: f.tokens["worker"]).status == .ok)
            #expect(try await api(app, .GET, "/api/v1/campaigns/\(id)", as: f.tokens["officer2"]).status == .notFound)
            #expect(try await api(app, .GET, "/api/v1/campaigns/\(id)", as: f.tokens["owner"]).status == .notFound)
            let list = try decode(ListResponse<CampaignDTO>.self, try await api(app, .GET, "/api/v1/campaigns", as: f.tokens["officer2"]))
            #expect(list.total == 0)
            let byWorker = try await Self.task(app, f, id, CampaignTaskRequest(title: "x", ownerName: "y", deadline: "2026-10-01"), as: "worker")
            #expect(byWorker.status == .forbidden)
            let byLeader = try await api(app, .POST, "/api/v1/campaigns", as: f.tokens["leader"], json: NewCampaign(gridId: f.township.id!))
            #expect(byLeader.status == .forbidden)
        }
    }

    @Test("the owner reports progress; completion needs a result; deadlines stay in the period")
    func reporting() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let id = try await Self.campaign(app, f)
            try await Self.seedTasks(app, f, id)
            let tasks = try decode(ListResponse<CampaignTaskDTO>.self, try await api(app, .GET, "/api/v1/campaigns/\(id)/tasks", as: f.tokens["officer"])).items
            let first = try #require(tasks.first).id

            let noResult = try await api(app, .POST, "/api/v1/campaigns/\(id)/tasks/\(first)/progress", as: f.tokens["worker"],
                                         json: CampaignProgressRequest(doneCount: 40, completedOn: "2026-11-25"))
            #expect(noResult.status == .badRequest)
            #expect(noResult.body.string.contains("\"result\""))

            let done = try await api(app, .POST, "/api/v1/campaigns/\(id)/tasks/\(first)/progress", as: f.tokens["worker"],
                                     json: CampaignProgressRequest(doneCount: 40, completedOn: "2026-11-25", result: "检查燃气用户 40 户"))
            #expect(done.status == .ok, "\(done.body.string)")
            let doneTask = try decode(CampaignTaskDTO.self, done)
            #expect(doneTask.daysOverdue == nil, "absent or null")
            #expect(doneTask.status == .done)

            let stranger = try await api(app, .POST, "/api/v1/campaigns/\(id)/tasks/\(first)/progress", as: f.tokens["workerB"],
                                         json: CampaignProgressRequest(doneCount: 1))
            #expect(stranger.status == .forbidden)

            let outside = try await Self.task(app, f, id, CampaignTaskRequest(title: "x", ownerName: "y", deadline: "2027-01-31"))
            #expect(outside.status == .badRequest)
            #expect(outside.body.string.contains("deadline"))
        }
    }

    @Test("hazards in the campaign's area can be tagged and are counted; others are refused")
    func hazards() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let id = try await Self.campaign(app, f)
            let inside = try await HazardSteps.register(app, f, title: "燃气管道老化")
            let outside = try await HazardSteps.register(app, f, as: "admin", title: "新安路火锅店燃气", grid: f.otherVillage)

            let refused = try await api(app, .POST, "/api/v1/campaigns/\(id)/hazards", as: f.tokens["officer"],
                                        json: CampaignHazardsRequest(hazardIds: [inside, outside]))
            #expect(refused.status == .badRequest)
            let tagged = try await api(app, .POST, "/api/v1/campaigns/\(id)/hazards", as: f.tokens["officer"],
                                       json: CampaignHazardsRequest(hazardIds: [inside]))
            #expect(tagged.status == .ok, "\(tagged.body.string)")
            #expect(try decode(ListResponse<HazardDTO>.self, tagged).total == 1)
            let campaign = try decode(CampaignDTO.self, try await api(app, .GET, "/api/v1/campaigns/\(id)", as: f.tokens["officer"]))
            #expect(campaign.progress.hazards == 1)

            // A tag is a change to the hazard like any other: a version bump and an event in its history.
            func history() async throws -> [HazardEventDTO] {
                try decode(ListResponse<HazardEventDTO>.self, try await api(app, .GET, "/api/v1/hazards/\(inside)/events", as: f.tokens["officer"])).items
            }
            let afterTag = try await history()
            #expect(afterTag.last?.action == .campaign)
            #expect(afterTag.last?.details.campaignId == id)
            #expect(try decode(HazardDTO.self, try await api(app, .GET, "/api/v1/hazards/\(inside)", as: f.tokens["officer"])).version == 2)
            _ = try await api(app, .POST, "/api/v1/campaigns/\(id)/hazards", as: f.tokens["officer"], json: CampaignHazardsRequest(hazardIds: [inside]))
            #expect(try await history().count == afterTag.count, "tagging again changes nothing")
            let untagged = try await api(app, .POST, "/api/v1/campaigns/\(id)/hazards", as: f.tokens["officer"],
                                         json: CampaignHazardsRequest(hazardIds: [inside], remove: true))
            #expect(untagged.status == .ok)
            #expect(try await history().last?.details.campaignRemoved == true)
            #expect(try await TrailVerifier.verify(on: app.db).ok)
            let page = try await WebSession.login(app, "officer").get("/hazards/\(inside)").body.string
            #expect(page.contains("纳入专项整治") && page.contains("移出专项整治"))
        }
    }

    @Test("evidence uploads are linked to the task and served to whoever sees the campaign")
    func evidence() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let id = try await Self.campaign(app, f)
            try await Self.seedTasks(app, f, id)
            let tasks = try decode(ListResponse<CampaignTaskDTO>.self, try await api(app, .GET, "/api/v1/campaigns/\(id)/tasks", as: f.tokens["officer"])).items
            let first = try #require(tasks.first).id
            let response = try await upload(app, "/api/v1/campaigns/\(id)/tasks/\(first)/evidence", as: f.tokens["worker"]!, bytes: Bytes.png)
            #expect(response.status == .created, "\(response.body.string)")
            let ids = try decode(CampaignTaskDTO.self, response).evidenceIds
            try #require(ids.count == 1)
            let file = try await api(app, .GET, "/api/v1/campaigns/\(id)/tasks/\(first)/evidence/\(ids[0])", as: f.tokens["leader"])
            #expect(file.status == .ok)
            #expect(Array(file.body.readableBytesView) == Bytes.png)
            let other = try await api(app, .GET, "/api/v1/campaigns/\(id)/tasks/\(first)/evidence/\(ids[0])", as: f.tokens["officer2"])
            #expect(other.status == .notFound)
        }
    }

    @Test("the task list exports as xlsx and CSV, and the xlsx imports again into another campaign")
    func exportAndImport() async throws {
        try await withTestApp { app in
            // setup
            let f = try await Fixture.make(app)
            let id = try await Self.campaign(app, f)
            try await Self.seedTasks(app, f, id)

            // MUT
            let xlsx = try await api(app, .GET, "/api/v1/campaigns/\(id)/tasks.xlsx", as: f.tokens["officer"])
            let csv = try await api(app, .GET, "/api/v1/campaigns/\(id)/tasks.csv", as: f.tokens["officer"])

            // validate
            #expect(xlsx.status == .ok)
            #expect(xlsx.headers.contentType == Download.xlsxType)
            let data = Data(xlsx.body.readableBytesView)
            let sheets = try WorkbookReader.read(data)
            #expect(sheets.map(\.name) == ["任务清单", "进度晾晒"])
            #expect(sheets[0].rows[0].prefix(4) == [.text("任务"), .text("具体要求"), .text("责任单位/责任人"), .text("完成时限")])
            #expect(sheets[0].rows[1][0] == .text("燃气用户安全检查"))
            #expect(sheets[0].rows[1][3] == .date(CivilDate(iso: "2026-10-31")!))
            #expect(sheets[0].rows[1][10] == .integer(26), "days overdue under the fixed clock")
            #expect(csv.body.string.hasPrefix("\u{FEFF}任务,"))

            let second = try await Self.campaign(app, f)
            #expect(try await CSVImport.run(.tasks, data: data, on: app, campaignId: second) == 3)
            let copied = try await CampaignTaskRecord.query(on: app.db).filter(\.$campaign.$id == second).sort(\.$position).all()
            #expect(copied.map(\.title) == ["燃气用户安全检查", "三合一门店整治", "动员部署会"])
            #expect(copied.map(\.deadline) == ["2026-10-31", "2026-12-01", "2026-10-31"])
            #expect(copied[2].result == "召开部署会 1 次")
        }
    }

    @Test("an xlsx import with bad rows writes nothing and names sheet, row and column")
    func importErrors() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let id = try await Self.campaign(app, f)
            let book = Workbook(sheets: [Sheet(name: "任务", header: ["title", "ownerName", "deadline", "targetCount", "ownerUsername"], rows: [
                [.text("燃气检查"), .text("马固村"), .date(CivilDate(iso: "2026-10-01")!), .integer(5)],
                [.text("夜查"), .empty, .text("2027-02-30"), .text("很多")],
                [],
                [.text("消防通道"), .text("峡窝村"), .date(CivilDate(iso: "2026-12-31")!), .empty, .text("nobody")],
            ])])
            do {
                _ = try await CSVImport.run(.tasks, data: try book.xlsx(), on: app, campaignId: id)
                Issue.record("the import should have failed")
            } catch let failure as CSVImport.Failure {
                let found = Set(failure.problems.map { "\($0.sheet ?? "-")!\($0.line):\($0.column)" })
                #expect(found == ["任务!3:ownerName", "任务!3:deadline", "任务!3:targetCount", "任务!5:deadline", "任务!5:ownerUsername"],
                        "\(found)")
                #expect(failure.report.contains("sheet 任务, row 3, ownerName"))
            }
            #expect(try await CampaignTaskRecord.query(on: app.db).count() == 0)
        }
    }

    @Test("the hazard ledger exports as xlsx with the same rows as its CSV")
    func ledgerXLSX() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let hazard = try await HazardSteps.register(app, f, title: "配电箱无防护")
            try await HazardSteps.assign(app, f, hazard, days: 10)
            let web = try await WebSession.login(app, "officer")
            let xlsx = try await web.get("/hazards.xlsx")
            #expect(xlsx.status == .ok)
            let rows = try WorkbookReader.read(Data(xlsx.body.readableBytesView))[0].rows
            let csv = CSV.parse(try await web.get("/hazards.csv").body.string)
            #expect(rows.count == csv.count && rows.count == 2)
            #expect(rows[1].map(\.plain) == csv[1].prefix(rows[1].count).map { $0 })
            #expect(rows[1][10] == .date(CivilDate(iso: "2026-12-06")!))
        }
    }
}
