@testable import App
import Fluent
import Foundation
import SafeGridDomain
import Testing
import Vapor
import VaporTesting

/// Issue 12: grids are renamed and retired by the roles the domain allows, history kept.
@Suite struct GridEditTests {
    struct Change: Encodable, Sendable { var name: String? = nil; var retired: Bool? = nil }

    @Test("an officer renames and retires a village of his township, not his township; history is on the trail")
    func renameAndRetire() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let renamed = try await api(app, .PATCH, "/api/v1/grids/\(f.villageB.id!)", as: f.tokens["officer"], json: Change(name: "峡窝新村"))
            let renamedName = try object(renamed)["name"] as? String
            #expect(renamed.status == .ok && renamedName == "峡窝新村")
            #expect(try await api(app, .PATCH, "/api/v1/grids/\(f.township.id!)", as: f.tokens["officer"], json: Change(name: "x")).status == .forbidden)
            #expect(try await api(app, .PATCH, "/api/v1/grids/\(f.otherVillage.id!)", as: f.tokens["officer"], json: Change(name: "x")).status == .notFound)
            #expect(try await api(app, .PATCH, "/api/v1/grids/\(f.villageA.id!)", as: f.tokens["worker"], json: Change(name: "x")).status == .forbidden)
            let blank = try await api(app, .PATCH, "/api/v1/grids/\(f.villageB.id!)", as: f.tokens["officer"], json: Change(name: "  "))
            #expect(fieldErrors(blank) == ["name=error.field.required"])

            let retired = try await api(app, .PATCH, "/api/v1/grids/\(f.villageB.id!)", as: f.tokens["officer"], json: Change(retired: true))
            let retiredFlag = try object(retired)["retired"] as? Bool
            #expect(retired.status == .ok && retiredFlag == true)
            let place = try await api(app, .POST, "/api/v1/places", as: f.tokens["officer"],
                                      json: PlaceRequest(name: "新店", category: "shop", gridId: f.villageB.id, address: "1号"))
            #expect(fieldErrors(place) == ["gridId=error.grid.retired"])
            let form = try await WebSession.login(app, "officer").get("/hazards/new").body.string
            #expect(!form.contains("峡窝新村"), "a retired grid is offered in no picker")
            #expect(try await WebSession.login(app, "officer").get("/grids").body.string.contains("峡窝新村"), "but stays in the tree")
            let township = try await api(app, .PATCH, "/api/v1/grids/\(f.township.id!)", as: f.tokens["admin"], json: Change(retired: true))
            #expect(fieldErrors(township) == ["retired=error.grid.children_in_use"], "villages still in use below it")

            let history = try await RegisterTrail.history(.grid, recordId: f.villageB.id!, on: app.db)
            #expect(history.map(\.action) == ["renamed", "retired"])
            #expect(try await TrailVerifier.verify(on: app.db).ok)
        }
    }

    @Test("renaming through the grid page works over a real socket")
    func webRename() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            try await withLiveServer(app) { port in
                let officer = try await WebSession.login(app, "officer", port: port)
                let page = try await officer.get("/grids").body.string
                #expect(page.contains("action=\"/grids/\(f.villageA.id!)\"") && !page.contains("action=\"/grids/\(f.township.id!)\""))
                let done = try await officer.post("/grids/\(f.villageA.id!)", [("name", "马固社区")])
                #expect(done.status == .seeOther)
                #expect(try await GridRecord.find(f.villageA.id, on: app.db)?.name == "马固社区")
            }
        }
    }
}
