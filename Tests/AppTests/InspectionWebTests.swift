@testable import App
import Fluent
import Foundation
import SafeGridDomain
import Testing
import Vapor
import VaporTesting

@Suite("Inspection pages: start, fill on a phone, finish, make a hazard; checklists and coverage")
struct InspectionWebTests {
    @Test("a grid worker starts an inspection, fills the checklist with a photo, finishes it and turns the failure into a hazard")
    func checklistFlow() async throws {
        try await withTestApp { app in
            // setup
            let f = try await Fixture.make(app)
            let web = try await WebSession.login(app, "worker")
            let placeId = f.place.id!
            let form = try await web.get("/inspections/new?placeId=\(placeId)")
            #expect(form.status == .ok && form.body.string.contains(#"<option value="\#(placeId)" selected>"#))

            // MUT: start
            var response = try await web.post("/inspections/new", [("placeId", "\(placeId)"), ("kind", "grid")])
            #expect(response.status == .seeOther)
            let location = response.headers.first(name: .location) ?? ""
            let id = Int(location.split(separator: "/").last ?? "") ?? 0
            let items = try await InspectionItemRecord.query(on: app.db).filter(\.$inspection.$id == id).sort(\.$position).all()
            let page = try await web.get(location).body.string
            #expect(page.contains(items[0].text) && page.contains(#"name="items[i\#(items[0].id!)][result]""#) && page.contains(#"capture="environment""#))
            let photoIndex = items.firstIndex(where: \.requiresPhoto)!

            // A failure that needs a photo comes back with the error next to the item.
            func fields(_ result: String, at index: Int, note: String = "") -> [(String, String)] {
                let key = "items[i\(items[index].id!)]"
                return [("\(key)[result]", result), ("\(key)[note]", note)]
            }
            response = try await web.postMultipart(location, fields("fail", at: photoIndex, note: "防护罩缺失"))
            #expect(response.status == .badRequest)
            #expect(response.body.string.contains("该项不合格时须拍照留证") && response.body.string.contains("防护罩缺失"), "\(response.body.string.components(separatedBy: "<main")[1].prefix(1500))")
            response = try await web.postMultipart(location, fields("fail", at: photoIndex, note: "防护罩缺失"),
                                                   files: [(name: "items[i\(items[photoIndex].id!)][photos][]", filename: "p.png", bytes: Bytes.png)])
            #expect(response.status == .seeOther, "\(response.body.string.prefix(400))")
            let saved = try await InspectionItemRecord.find(items[photoIndex].id, on: app.db)
            #expect(saved?.result == .fail && saved?.note == "防护罩缺失")
            #expect(try await InspectionPhotoRecord.query(on: app.db).filter(\.$item.$id == items[photoIndex].id!).count() == 1)

            // Finish with every other item passed.
            let rest = items.indices.filter { $0 != photoIndex }.flatMap { fields("pass", at: $0) }
            response = try await web.postMultipart(location, rest + [("finish", "1"), ("note", "已告知负责人")])
            #expect(response.status == .seeOther, "\(response.body.string.prefix(400))")
            let done = try await web.get(location).body.string
            #expect(done.contains("检查已完成。"), "finishing confirms itself on the next page")
            #expect(done.contains("转为隐患") && done.contains("/items/\(items[photoIndex].id!)/hazard"))
            // Flagged until it is a hazard: on the item, at the top, and on my tasks.
            #expect(done.contains("未转隐患") && done.contains("有 1 项不合格尚未转为隐患"))
            let tasks = try await web.get("/my-tasks").body.string
            #expect(tasks.contains("不合格项待转隐患") && tasks.contains(#"href="\#(location)""#))

            // The failed item becomes a hazard from its pre-filled form.
            response = try await web.postMultipart("/inspections/\(id)/items/\(items[photoIndex].id!)/hazard",
                                                   [("title", "砂轮机防护罩缺失"), ("category", "specialEquipment"), ("grade", "general")])
            #expect(response.status == .seeOther)
            // Back to the inspection at that item, with the new hazard's number confirmed.
            #expect(response.headers.first(name: .location) == location + "#item-\(items[photoIndex].id!)")
            let raised = try await InspectionItemRecord.find(items[photoIndex].id, on: app.db)
            let hazard = try await HazardStore.find(raised?.hazardId ?? 0, on: app.db)
            let hazardPath = "/hazards/\(raised?.hazardId ?? 0)"
            let after = try await web.get(location).body.string
            #expect(after.contains("已转为隐患，编号 \(hazard?.number ?? "?")") && !after.contains("未转隐患"))
            #expect(!(try await web.get(location).body.string.contains("已转为隐患，编号")), "a confirmation shows once")
            #expect(!(try await web.get("/my-tasks").body.string.contains("不合格项待转隐患")))
            #expect(hazard?.title == "砂轮机防护罩缺失" && hazard?.source == .grid && hazard?.state == .registered)
            #expect(try await web.get(location).body.string.contains(hazardPath), "the inspection links to its hazard")
            #expect(try await web.get("/inspections?placeId=\(placeId)").body.string.contains(location))
        }
    }

    @Test("coverage and checklist pages; administrators save a checklist as a new version")
    func coverageAndChecklists() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let officer = try await WebSession.login(app, "officer")
            let coverage = try await officer.get("/coverage?from=2026-11-01")
            #expect(coverage.status == .ok && coverage.body.string.contains(f.villageA.name) && coverage.body.string.contains("用户worker"))
            #expect(try await officer.get("/coverage?from=bad").status == .badRequest)
            let list = try await officer.get("/checklists").body.string
            #expect(list.contains("工贸企业检查表") && !list.contains("/edit"), "only administrators see edit links")
            #expect(try await officer.get("/checklists/new").status == .forbidden)

            let admin = try await WebSession.login(app, "admin")
            let current = try await ChecklistTemplateRecord.query(on: app.db).filter(\.$category == .gas).filter(\.$active == true).first()!
            let edit = try await admin.get("/checklists/\(current.id!)/edit").body.string
            #expect(edit.contains("钢瓶直立放置并固定"))
            let response = try await admin.post("/checklists/\(current.id!)/edit", [
                ("name", "燃气使用场所检查表（修订）"),
                ("items[0][topic]", "气瓶"), ("items[0][text]", "钢瓶在检验期内"), ("items[0][requiresPhoto]", "1"), ("items[0][hazardCategory]", "gas"),
                ("items[1][topic]", ""), ("items[1][text]", ""), ("items[1][hazardCategory]", "other"),
            ])
            #expect(response.status == .seeOther)
            let next = try await ChecklistTemplateRecord.query(on: app.db).filter(\.$category == .gas).filter(\.$active == true).first()
            #expect(next?.version == 2 && next?.name == "燃气使用场所检查表（修订）")
            #expect(try await ChecklistItemRecord.query(on: app.db).filter(\.$template.$id == next!.id!).count() == 1, "blank rows are dropped")
        }
    }
}
