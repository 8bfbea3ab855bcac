@testable import App
import Fluent
import Foundation
import SafeGridDomain
import Testing
import Vapor
import VaporTesting

/// Issue 12: what only the API could do has a page, with the API's permissions, each form sent
/// over a real socket.
@Suite("Office pages: indicator sets, patrol frequencies, campaign tasks")
struct OfficePagesTests {
    @Test("an administrator saves a new indicator set version from its page; a refused one comes back on its open form; others may only read")
    func indicatorSets() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            try await withLiveServer(app) { port in
                let admin = try await WebSession.login(app, "admin", port: port)
                let page = try await admin.get("/assessments/indicators")
                #expect(page.status == .ok && page.body.string.contains("action=\"/assessments/indicators\""))
                var fields: [(String, String)] = [("target", "village"), ("periodKind", "month"), ("activityTarget", "3"),
                                                  ("excellentFrom", "92.5"), ("goodFrom", "80"), ("passFrom", "60")]
                for indicator in Indicator.allCases { fields.append(("weights[\(indicator.rawValue)]", indicator == .closureRate ? "50" : "10")) }
                let saved = try await admin.post("/assessments/indicators", fields)
                #expect(saved.status == .seeOther)
                let set = try await AssessmentService(db: app.db, now: .t0).indicatorSet(.village, .month)
                #expect(set.version == 2 && set.weights[.closureRate] == 50 && set.excellentFrom == 925 && set.activityTarget == 3)

                let zero = fields.map { $0.0.hasPrefix("weights") ? ($0.0, "0") : $0 }
                let refused = try await admin.post("/assessments/indicators", zero)
                #expect(refused.status == .badRequest && refused.body.string.contains(Catalogue.text("error.assessment.no_weight", .zhHans)))
                let words = try await admin.post("/assessments/indicators", fields.map { $0.0 == "activityTarget" ? ($0.0, "三") : $0 })
                #expect(words.status == .badRequest && words.body.string.contains("value=\"三\""), "the typed text comes back")
                #expect(try await AssessmentService(db: app.db, now: .t0).indicatorSet(.village, .month).version == 2)

                let leader = try await WebSession.login(app, "leader", port: port)
                let read = try await leader.get("/assessments/indicators").body.string
                #expect(read.contains("第 2 版") && !read.contains("action=\"/assessments/indicators\""))
                #expect(try await leader.post("/assessments/indicators", fields).status == .forbidden)
                #expect(try await WebSession.login(app, "worker", port: port).get("/assessments/indicators").status == .forbidden)
                _ = f
            }
        }
    }

    @Test("an administrator changes the patrol frequencies on the coverage page; an officer may not")
    func patrolFrequencies() async throws {
        try await withTestApp { app in
            _ = try await Fixture.make(app)
            try await withLiveServer(app) { port in
                let admin = try await WebSession.login(app, "admin", port: port)
                #expect(try await admin.get("/coverage").body.string.contains("action=\"/coverage/frequencies\""))
                var fields: [(String, String)] = []
                for key in PatrolSchedule.keys { fields += [("\(key).count", key == "red" ? "3" : "1"), ("\(key).unit", key == "red" ? "days" : "months")] }
                #expect(try await admin.post("/coverage/frequencies", fields).status == .seeOther)
                let schedule = try await PatrolFrequencyRecord.schedule(on: app.db)
                #expect(schedule.red == PatrolInterval(3, .days) && schedule.blue == PatrolInterval(1, .months))

                let tooMany = try await admin.post("/coverage/frequencies", fields.map { $0.0 == "red.count" ? ($0.0, "400") : $0 })
                #expect(tooMany.status == .badRequest && tooMany.body.string.contains("value=\"400\""))
                let badUnit = try await admin.post("/coverage/frequencies", fields.map { $0.0 == "red.unit" ? ($0.0, "weeks") : $0 })
                #expect(badUnit.status == .badRequest)
                #expect(try await PatrolFrequencyRecord.schedule(on: app.db).red == PatrolInterval(3, .days), "a refused form changes nothing")

                let officer = try await WebSession.login(app, "officer", port: port)
                #expect(!(try await officer.get("/coverage").body.string.contains("action=\"/coverage/frequencies\"")))
                #expect(try await officer.post("/coverage/frequencies", fields).status == .forbidden)
            }
        }
    }

    @Test("a manager edits a campaign task from the campaign page; its progress stays; the owner may report but not edit")
    func campaignTask() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let id = try await CampaignTests.campaign(app, f)
            try await CampaignTests.seedTasks(app, f, id)
            let task = try #require(try await CampaignTaskRecord.query(on: app.db).filter(\.$ownerUser.$id == f.users["worker"]!.id).first())
            let taskId = try task.requireID()
            try await withLiveServer(app) { port in
                let officer = try await WebSession.login(app, "officer", port: port)
                #expect(try await officer.get("/campaigns/\(id)").body.string.contains("action=\"/campaigns/\(id)/tasks/\(taskId)/edit\""))
                let bad = try await officer.post("/campaigns/\(id)/tasks/\(taskId)/edit", [("title", ""), ("ownerName", "马固村"),
                                                                                            ("deadline", "2026-11-15"), ("targetCount", "50")])
                #expect(bad.status == .badRequest && bad.body.string.contains("value=\"2026-11-15\""))
                let done = try await officer.post("/campaigns/\(id)/tasks/\(taskId)/edit", [
                    ("title", "燃气用户安全检查（扩大范围）"), ("ownerName", "马固村"), ("deadline", "2026-11-15"), ("targetCount", "50"),
                    ("description", "含餐饮门店")])
                #expect(done.status == .seeOther)
                let after = try #require(try await CampaignTaskRecord.find(taskId, on: app.db))
                #expect(after.title == "燃气用户安全检查（扩大范围）" && after.targetCount == 50 && after.deadline == "2026-11-15")
                #expect(after.doneCount == 10 && after.$ownerUser.id == f.users["worker"]!.id, "progress and owner stay")
                #expect(try await RegisterTrail.history(.campaignTask, recordId: taskId, on: app.db).last?.action == "updated")

                let worker = try await WebSession.login(app, "worker", port: port)
                #expect(!(try await worker.get("/campaigns/\(id)").body.string.contains("/tasks/\(taskId)/edit")))
                #expect(try await worker.post("/campaigns/\(id)/tasks/\(taskId)/edit", [("title", "x"), ("ownerName", "x"),
                                                                                          ("deadline", "2026-11-15")]).status == .forbidden)
            }
        }
    }
}
