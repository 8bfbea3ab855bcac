@testable import App
import Fluent
import Foundation
import SafeGridDomain
import Testing
import Vapor
import VaporTesting

@Suite("Web forms: hazard actions, new hazards")
struct WebFormsTests {
    /// The actions whose forms a detail page offers.
    static func offeredActions(_ html: String) -> Set<String> {
        let pattern = try! Regex(#"name="action" value="([a-z_]+)""#)
        return Set(html.matches(of: pattern).map { String(html[$0.range].split(separator: "\"")[3]) })
    }

    static func location(_ response: WebResponse) -> String? {
        response.headers.first(name: .location)
    }

    @Test("the action forms shown are exactly the actions the viewer may take")
    func formsFollowPermissions() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let id = try await HazardSteps.register(app, f, title: "楼梯间堆放电动车")
            let hazard = try #require(try await HazardStore.find(id, on: app.db))
            for name in ["officer", "leader", "worker", "worker2", "owner", "expert"] {
                let html = try await WebSession.login(app, name).get("/hazards/\(id)").body.string
                let expected = Permissions.allowedActions(try await HazardSteps.current(app, f, name).actor, hazard.facts).map(\.rawValue)
                #expect(Self.offeredActions(html) == Set(expected), "\(name) sees \(Self.offeredActions(html).sorted())")
            }
            // A leader moves nothing along the loop; the rules let everyone who sees a hazard comment on it.
            let leader = try await WebSession.login(app, "leader").get("/hazards/\(id)").body.string
            #expect(Self.offeredActions(leader) == ["comment"], "a leader is offered \(Self.offeredActions(leader).sorted())")
            // Once voided, only remarks remain, for everyone.
            try await HazardSteps.assign(app, f, id)
            let void = try await WebSession.login(app, "officer").post("/hazards/\(id)/actions", [("action", "void"), ("version", "2"), ("note", "重复登记")])
            #expect(void.status == .seeOther)
            let voided = try await WebSession.login(app, "officer").get("/hazards/\(id)").body.string
            #expect(Self.offeredActions(voided) == ["comment"])
        }
    }

    @Test("the loop runs through the web forms: assign, submit with a photo, re-inspect; the submitter cannot approve")
    func loopThroughForms() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let id = try await HazardSteps.register(app, f, title: "配电箱未接地")
            let officer = try await WebSession.login(app, "officer")
            let deadline = CivilDate(Date.t0).adding(days: 7).description
            let assigned = try await officer.post("/hazards/\(id)/actions", [
                ("action", "assign"), ("version", "1"), ("responsibleName", "马固建材厂 张三"), ("responsiblePhone", "13800000001"),
                ("requirement", "加装接地线"), ("deadline", deadline), ("responsibleDepartment", ""),
            ])
            #expect(assigned.status == .seeOther)
            #expect(Self.location(assigned) == "/hazards/\(id)")
            #expect(try await HazardSteps.state(app, id) == .rectifying)
            #expect(try await HazardSteps.eventCount(app, id) == 2)
            #expect(try await officer.get("/hazards/\(id)/notice").body.string.contains("加装接地线"))

            let worker = try await WebSession.login(app, "worker")
            let submitted = try await worker.postMultipart("/hazards/\(id)/actions", [("action", "submit"), ("version", "2"), ("note", "已接地")],
                                                          files: [("photos[]", "after.png", Bytes.png), ("photos[]", "", [])])
            #expect(submitted.status == .seeOther, "\(submitted.body.string.prefix(400))")
            #expect(try await HazardSteps.state(app, id) == .reviewing)
            let evidence = try await AttachmentRecord.query(on: app.db).filter(\.$hazardId == id).all()
            #expect(evidence.count == 1 && evidence.first?.kind == AttachmentKind.after.rawValue)

            let own = try await worker.get("/hazards/\(id)").body.string
            #expect(!Self.offeredActions(own).contains("approve"), "the submitter is offered approval")
            #expect(own.contains("/api/v1/attachments/\(evidence.first?.id ?? 0)"), "the evidence photo is not shown")
            let thumbnail = try await worker.get("/api/v1/attachments/\(evidence.first?.id ?? 0)")
            #expect(thumbnail.status == .ok && thumbnail.headers.contentType == .png, "the page's session cannot load the photo")

            let reviewer = try await WebSession.login(app, "worker2")
            #expect(Self.offeredActions(try await reviewer.get("/hazards/\(id)").body.string).contains("approve"))
            let approved = try await reviewer.post("/hazards/\(id)/actions", [("action", "approve"), ("version", "3"), ("note", "复查合格")])
            #expect(approved.status == .seeOther)
            #expect(try await HazardSteps.state(app, id) == .closed)
            let page = try await reviewer.get("/hazards/\(id)").body.string
            for action in [HazardAction.register, .assign, .submit, .approve] {
                #expect(page.contains(Catalogue.label("action", action, .zhHans)))
            }
            #expect(page.contains("复查合格"))
        }
    }

    @Test("a refused action comes back with the message, the field errors and the input kept")
    func refusedActionKeepsInput() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let id = try await HazardSteps.register(app, f, title: "消防栓被遮挡")
            let officer = try await WebSession.login(app, "officer")
            let missing = try await officer.post("/hazards/\(id)/actions", [
                ("action", "assign"), ("version", "1"), ("responsibleName", "李四"), ("deadline", "2020-01-01"), ("note", "请尽快处理"),
            ])
            #expect(missing.status == .badRequest)
            let html = missing.body.string
            #expect(html.contains(Catalogue.text("error.invalid_input", .zhHans)))
            #expect(html.contains(Catalogue.text("error.field.required", .zhHans)), "no error next to the requirement")
            #expect(html.contains(Catalogue.text("error.deadline.future", .zhHans)))
            #expect(html.contains("value=\"李四\"") && html.contains(">请尽快处理</textarea>"), "the input was not kept")
            #expect(try await HazardSteps.state(app, id) == .registered)

            let english = try await officer.post("/hazards/\(id)/actions?lang=en", [("action", "void"), ("version", "1")])
            #expect(english.status == .badRequest)
            #expect(english.body.string.contains(Catalogue.text("error.field.required", .en)))

            let worker = try await WebSession.login(app, "worker")
            let forbidden = try await worker.post("/hazards/\(id)/actions", [("action", "void"), ("version", "1"), ("note", "重复")])
            #expect(forbidden.status == .forbidden)
        }
    }

    @Test("a major hazard is assigned with its six-part plan; a missing part is marked on its own field")
    func majorHazardPlan() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let id = try await HazardSteps.register(app, f, as: "officer", title: "危化品仓库无防爆电气", category: "hazardousChemicals",
                                                    grade: "major", source: "territorial")
            let officer = try await WebSession.login(app, "officer")
            let form = try await officer.get("/hazards/\(id)").body.string
            #expect(form.contains("name=\"plan[goal]\"") && form.contains("name=\"plan[safetyMeasures]\""))
            #expect(!Self.offeredActions(form).contains("fix_on_site"), "a major hazard cannot be fixed on site")
            var fields: [(String, String)] = [("action", "assign"), ("version", "1"), ("responsibleName", "园区仓储公司"),
                                              ("requirement", "停用并更换防爆电气"), ("deadline", CivilDate(Date.t0).adding(days: 30).description)]
            let parts = GovernancePlan.partNames.map { ("plan[\($0)]", "方案：\($0)") }
            let incomplete = try await officer.postMultipart("/hazards/\(id)/actions", fields + parts.filter { $0.0 != "plan[funding]" })
            #expect(incomplete.status == .badRequest)
            let html = incomplete.body.string
            let funding = try #require(html.range(of: "name=\"plan[funding]\""))
            #expect(html[funding.upperBound...].prefix(400).contains(Catalogue.text("error.field.required", .zhHans)),
                    "the missing part is not marked next to its field")
            #expect(html.contains(">方案：goal</textarea>"))
            fields += parts
            let assigned = try await officer.postMultipart("/hazards/\(id)/actions", fields)
            #expect(assigned.status == .seeOther)
            let plan = try #require(try await HazardStore.find(id, on: app.db)?.plan.flatMap { JSONCoding.decode(GovernancePlan.self, $0) })
            #expect(plan.funding == "方案：funding")
            let page = try await officer.get("/hazards/\(id)").body.string
            #expect(page.contains(Catalogue.text("hazard.plan", .zhHans)) && page.contains("方案：safetyMeasures"))
        }
    }

    @Test("acting on a version someone else changed is a 409 that shows the new state")
    func staleVersion() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let id = try await HazardSteps.register(app, f, title: "仓库电线老化")
            let worker = try await WebSession.login(app, "worker")
            _ = try await worker.get("/hazards/\(id)") // the page the worker has open shows version 1
            try await HazardSteps.assign(app, f, id)   // meanwhile the officer assigns it
            let late = try await worker.post("/hazards/\(id)/actions", [("action", "comment"), ("version", "1"), ("note", "补充照片")])
            #expect(late.status == .conflict)
            let stale = Catalogue.text("hazard.stale", .zhHans, [Catalogue.label("state", HazardState.rectifying, .zhHans)])
            #expect(late.body.string.contains(stale))
            #expect(late.body.string.contains("name=\"version\" value=\"2\""), "the page does not carry the new version")
            #expect(late.body.string.contains(">补充照片</textarea>"))
            // A form loaded before someone else moved the hazard on: tell them that, not the rule it now breaks.
            let moved = try await WebSession.login(app, "officer").post("/hazards/\(id)/actions", [
                ("action", "assign"), ("version", "1"), ("responsibleName", "王五"), ("requirement", "x"), ("deadline", "2027-01-01"),
            ])
            #expect(moved.status == .conflict)
            #expect(moved.body.string.contains(stale))
        }
    }

    @Test("a hazard recorded through the web form keeps its photo; a bad form keeps the input and the photo")
    func newHazard() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let worker = try await WebSession.login(app, "worker")
            let form = try await worker.get("/hazards/new").body.string
            #expect(form.contains("capture=\"environment\"") && form.contains("accept=\"image/*\""))
            #expect(form.contains("<option value=\"grid\" selected>"), "a grid worker's default ledger is the grid")
            #expect(form.contains("data-locate"))

            let bad = try await worker.postMultipart("/hazards/new", [
                ("title", ""), ("description", "门口堆满纸箱"), ("category", "fire"), ("grade", "general"), ("source", "grid"),
                ("placeId", "\(f.place.id ?? 0)"), ("gridId", ""), ("latitude", "abc"), ("longitude", "113.28"),
            ], files: [("photos[]", "site.jpg", Bytes.jpeg)])
            #expect(bad.status == .badRequest)
            let html = bad.body.string
            #expect(html.contains(">门口堆满纸箱</textarea>"))
            #expect(html.contains(Catalogue.text("error.field.coordinates", .zhHans)))
            let kept = try #require(html.firstMatch(of: try Regex(#"name="kept" value="(\d+)""#)))
            let keptId = String(html[kept.range].split(separator: "\"")[3])

            let good = try await worker.postMultipart("/hazards/new", [
                ("title", "门口堆放纸箱"), ("description", "门口堆满纸箱"), ("category", "fire"), ("grade", "general"), ("source", "grid"),
                ("placeId", "\(f.place.id ?? 0)"), ("gridId", ""), ("latitude", "34.8"), ("longitude", "113.28"), ("kept", keptId),
            ])
            #expect(good.status == .seeOther)
            let created = try #require(try await HazardStore.select(where: "title = '门口堆放纸箱'", on: app.db).first)
            #expect(Self.location(good) == "/hazards/\(created.id)")
            #expect(created.latitude == 34.8 && created.source == .grid)
            #expect(try await AttachmentRecord.query(on: app.db).filter(\.$hazardId == created.id).count() == 1)

            #expect(try await WebSession.login(app, "leader").get("/hazards/new").status == .forbidden)
            let owner = try await WebSession.login(app, "owner").get("/hazards/new").body.string
            #expect(owner.contains("<option value=\"enterprise\" selected>") && !owner.contains("value=\"grid\""))
        }
    }
}
