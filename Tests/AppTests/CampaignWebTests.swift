@testable import App
import Fluent
import Foundation
import SafeGridDomain
import Testing
import Vapor
import VaporTesting

@Suite("Campaign pages")
struct CampaignWebTests {
    @Test("an officer creates a published campaign, adds a task and the public page shows it without sign-in")
    func createAndPublish() async throws {
        try await withTestApp { app in
            // setup
            let f = try await Fixture.make(app)
            let web = try await WebSession.login(app, "officer")

            // MUT
            let bad = try await web.post("/campaigns/new", [("name", ""), ("startDate", "2026-09-01"), ("endDate", "2026-08-01"),
                                                              ("gridId", "\(f.township.id!)")])
            let created = try await web.post("/campaigns/new", [
                ("name", "百日攻坚"), ("theme", "十一月：燃气安全"), ("startDate", "2026-09-01"), ("endDate", "2026-12-09"),
                ("gridId", "\(f.township.id!)"), ("targetCategories[]", "gas"), ("published", "true"),
            ])

            // validate
            #expect(bad.status == .badRequest)
            #expect(bad.body.string.contains("结束日期不能早于开始日期"))
            #expect(created.status == .seeOther || created.status == .found, "\(created.body.string)")
            let campaign = try #require(try await CampaignRecord.query(on: app.db).first())
            let id = try campaign.requireID()
            let task = try await web.post("/campaigns/\(id)/tasks", [("title", "燃气用户检查"), ("ownerName", "马固村"),
                                                                     ("deadline", "2026-10-31"), ("targetCount", "40")])
            #expect(task.status == .seeOther || task.status == .found, "\(task.body.string)")

            let detail = try await web.get("/campaigns/\(id)")
            #expect(detail.status == .ok)
            #expect(detail.body.string.contains("燃气用户检查"))
            #expect(detail.body.string.contains("超期 26 天"), "overdue tasks are flagged like overdue hazards")
            #expect(detail.body.string.contains("第 87 天 / 共 100 天"))

            let token = try #require(campaign.shareToken)
            let open = try await app.testing().sendRequest(.GET, "/p/campaigns/\(token)")
            #expect(open.status == .ok)
            #expect(open.body.string.contains("燃气用户检查") && open.body.string.contains("专项整治进度晾晒"))
            #expect(!open.body.string.contains("_csrf"), "the public page carries no forms")
            #expect(open.body.string.contains("data-print") && open.body.string.contains("src=\"/js/safegrid.js\""),
                    "its print button has the script that makes it print")
            #expect(try await app.testing().sendRequest(.GET, "/p/campaigns/\(token)x").status == .notFound)
            #expect(try await app.testing().sendRequest(.GET, "/campaigns/\(id)").status != .ok, "the detail page needs sign-in")
        }
    }

    @Test("the owner reports completion with evidence; an xlsx import with errors lists sheet, row and column")
    func reportAndImport() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let id = try await CampaignTests.campaign(app, f)
            try await CampaignTests.seedTasks(app, f, id)
            let task = try #require(try await CampaignTaskRecord.query(on: app.db).filter(\.$ownerUser.$id == f.users["worker"]!.id).first())

            let worker = try await WebSession.login(app, "worker")
            let reported = try await worker.postMultipart("/campaigns/\(id)/tasks/\(task.id!)/progress",
                                                          [("doneCount", "40"), ("completedOn", "2026-11-20"), ("result", "检查 40 户")],
                                                          files: [("photos[]", "site.png", Bytes.png)])
            #expect(reported.status == .seeOther || reported.status == .found, "\(reported.body.string)")
            let saved = try #require(try await CampaignTaskRecord.find(task.id, on: app.db))
            #expect(saved.completedOn == "2026-11-20" && saved.result == "检查 40 户")
            #expect(try await CampaignTaskEvidenceRecord.query(on: app.db).count() == 1)
            let page = try await worker.get("/campaigns/\(id)").body.string
            #expect(page.contains("/campaigns/\(id)/evidence/"))

            let officer = try await WebSession.login(app, "officer")
            let book = Workbook(sheets: [Sheet(name: "清单", header: ["任务", "责任单位/责任人", "完成时限"],
                                               rows: [[.text("夜查"), .empty, .date(CivilDate(iso: "2026-10-01")!)]])])
            let failed = try await officer.postMultipart("/campaigns/\(id)/import", [], files: [("file", "tasks.xlsx", Array(try book.xlsx()))])
            #expect(failed.status == .badRequest)
            #expect(failed.body.string.contains("sheet 清单, row 2, ownerName"), "\(failed.body.string)")
        }
    }
}

@Suite("Campaign demo data")
struct CampaignDemoTests {
    @Test("the demo has a 100-day campaign of twelve tasks in 峡窝镇, some overdue, published, with tagged hazards")
    func demo() async throws {
        try await withTestApp { app in
            try await DemoLoader.loadIfEmpty(app)
            let campaign = try #require(try await CampaignRecord.query(on: app.db).filter(\.$name == "峡窝镇安全生产百日攻坚行动").first())
            #expect(campaign.period.days == 100)
            let service = CampaignService(app: app)
            let tasks = try await service.tasks(of: [campaign.requireID()])
            let progress = service.progress(campaign, tasks: tasks)
            #expect(tasks.count == 12)
            #expect(progress.overdue >= 2 && progress.done >= 2 && progress.doneLate >= 1, "\(progress)")
            #expect(try await service.links(campaign.requireID()).hazards > 0)
            #expect(try await service.links(campaign.requireID()).inspections > 0, "the inspections demo tags campaign 1")
            let web = try await WebSession.login(app, "officer", password: DemoData.password)
            #expect(try await web.get("/campaigns").body.string.contains("峡窝镇安全生产百日攻坚行动"))
            let open = try await app.testing().sendRequest(.GET, "/p/campaigns/\(campaign.shareToken ?? "")")
            #expect(open.status == .ok)
        }
    }
}
