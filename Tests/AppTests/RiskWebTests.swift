@testable import App
import Fluent
import Foundation
import SafeGridDomain
import Testing
import Vapor
import VaporTesting

@Suite("Risk pages and map pages")
struct RiskWebTests {
    @Test("a grid worker drafts on the place's risk page, the officer approves there, the risk list shows it")
    func assessAndApprove() async throws {
        try await withTestApp { app in
            // setup
            let f = try await Fixture.make(app)
            let worker = try await WebSession.login(app, "worker")
            let path = "/places/\(f.place.id!)/risk"
            let form = try await worker.get(path + "?method=ls")
            #expect(form.status == .ok && form.body.string.contains(#"name="inputs[L]""#) && form.body.string.contains("R = L × S"))

            // MUT: a missing factor comes back with a field error, then a full one is saved
            let bad = try await worker.post(path, [("method", "ls"), ("inputs[L]", "4")])
            #expect(bad.status == .badRequest && bad.body.string.contains("field-error"))
            let saved = try await worker.post(path, [("method", "ls"), ("inputs[L]", "4"), ("inputs[S]", "5"), ("note", "液化气瓶库")])
            #expect(saved.status == .seeOther)
            #expect(try await PlaceRecord.find(f.place.id, on: app.db)?.riskLevel == nil)
            let draft = try #require(try await RiskAssessmentRecord.query(on: app.db).first())
            #expect(!(try await worker.get(path).body.string.contains("/approve\"")), "no approve button on one's own draft")

            let officer = try await WebSession.login(app, "officer")
            let page = try await officer.get(path).body.string
            #expect(page.contains("\(path)/\(draft.id!)/approve"))
            let approved = try await officer.post("\(path)/\(draft.id!)/approve", [])
            #expect(approved.status == .seeOther)

            // validate
            #expect(try await PlaceRecord.find(f.place.id, on: app.db)?.riskLevel == .red)
            let after = try await officer.get(path + "?done=approved").body.string
            #expect(after.contains("risk-badge risk-red") && after.contains("已审核"))
            let again = try await officer.post("\(path)/\(draft.id!)/approve", [])
            #expect(again.status == .conflict)
            let list = try await officer.get("/risks").body.string
            #expect(list.contains("马固建材厂") && list.contains("重大风险"))
            let english = try await officer.get("/risks?lang=en").body.string
            #expect(english.contains("Major and significant risks"))
        }
    }

    @Test("map pages embed the SVG with zoom, print layout and a boundary upload for admins")
    func mapPages() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let admin = try await WebSession.login(app, "admin")
            let upload = try await admin.postMultipart("/maps/boundaries", [("crs", "wgs84"), ("property", "code")],
                                                       files: [("file", "grids.geojson", Array(MapTests.collection(f).utf8))])
            #expect(upload.status == .ok && upload.body.string.contains("已更新 6 个网格的边界"))
            let broken = try await admin.postMultipart("/maps/boundaries", [("crs", "wgs84")], files: [("file", "x.geojson", Array("{".utf8))])
            #expect(broken.status == .badRequest)

            let region = try await admin.get("/maps/region").body.string
            #expect(region.contains("<svg xmlns=\"http://www.w3.org/2000/svg\"") && region.contains("上街区全域安全风险四色图"))
            #expect(region.contains("data-grid-id=\"\(f.villageA.id!)\""))
            let zoomed = try await admin.get("/maps/enterprises?grid=\(f.township.id!)&print=1").body.string
            #expect(zoomed.contains("map-print") && zoomed.contains("峡窝镇企业安全风险四色图"))
            #expect(zoomed.contains("/maps/enterprises?grid=\(f.district.id!)"), "an up-one-level link")
            let worker = try await WebSession.login(app, "worker")
            #expect(try await worker.get("/maps/boundaries").status == .forbidden)
            #expect(try await worker.get("/maps/region").status == .ok)
            let owner = try await WebSession.login(app, "owner")
            #expect(try await owner.get("/maps/region").status == .forbidden)
        }
    }
}

@Suite("Places list links to risk")
struct PlacesRiskLinkTests {
    @Test("each place links to its risk page and shows its current level")
    func link() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let id = try await RiskSteps.assess(app, f, place: f.place, as: "worker", #"{"method":"ls","inputs":{"L":3,"S":3}}"#)
            _ = try await RiskSteps.approve(app, f, id, as: "officer")
            let page = try await WebSession.login(app, "officer").get("/places").body.string
            #expect(page.contains("href=\"/places/\(f.place.id!)/risk\"") && page.contains("risk-badge risk-yellow"))
        }
    }
}
