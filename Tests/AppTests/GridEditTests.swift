@testable import App
import Fluent
import Foundation
import SafeGridDomain
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Issue 12: grids are renamed and retired by the roles the domain allows, history kept.
@Suite struct GridEditTests {
    struct Change: Encodable, Sendable { var name: String? = nil; var retired: Bool? = nil; var parentId: Int? = nil }

    @Test("grid pickers are kept a few seconds, but a rename, a retirement or a new grid shows in them at once")
    func pickersFollowChanges() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let web = try await WebSession.login(app, "officer")
            #expect(try await web.get("/hazards").body.string.contains(">\u{3000}峡窝村</option>"), "the picker is read and kept")
            _ = try await api(app, .PATCH, "/api/v1/grids/\(f.villageB.id!)", as: f.tokens["officer"], json: Change(name: "峡窝新村"))
            let renamed = try await web.get("/hazards").body.string
            #expect(renamed.contains("峡窝新村") && !renamed.contains(">\u{3000}峡窝村</option>"))
            _ = try await api(app, .PATCH, "/api/v1/grids/\(f.villageB.id!)", as: f.tokens["officer"], json: Change(retired: true))
            #expect(!(try await web.get("/hazards").body.string.contains("峡窝新村")), "a retired grid is offered in no picker")
            // A grid added elsewhere (another instance, an import on the command line) shows once
            // the kept list expires.
            _ = try await DirectoryService(db: app.db, passwords: app.password.async).createGrid(
                GridCreateRequest(name: "新增村", code: "410106100203", level: "village", kind: "territorial", parentId: f.township.id), by: nil)
            #expect(!(try await web.get("/hazards").body.string.contains("新增村")))
            app.clock = AppClock { Date.t0.addingTimeInterval(GridPickerCache.lifetime + 1) }
            #expect(try await web.get("/hazards").body.string.contains("新增村"))
        }
    }

    @Test("an officer renames and retires a village of his township, not his township; history is on the trail")
    func renameAndRetire() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let renamed = try await api(app, .PATCH, "/api/v1/grids/\(f.villageB.id!)", as: f.tokens["officer"], json: Change(name: "峡窝新村"))
            let renamedName = try decode(GridDTO.self, renamed).name
            #expect(renamed.status == .ok && renamedName == "峡窝新村")
            #expect(try await api(app, .PATCH, "/api/v1/grids/\(f.township.id!)", as: f.tokens["officer"], json: Change(name: "x")).status == .forbidden)
            #expect(try await api(app, .PATCH, "/api/v1/grids/\(f.otherVillage.id!)", as: f.tokens["officer"], json: Change(name: "x")).status == .notFound)
            #expect(try await api(app, .PATCH, "/api/v1/grids/\(f.villageA.id!)", as: f.tokens["worker"], json: Change(name: "x")).status == .forbidden)
            let blank = try await api(app, .PATCH, "/api/v1/grids/\(f.villageB.id!)", as: f.tokens["officer"], json: Change(name: "  "))
            #expect(fieldErrors(blank) == ["name=error.field.required"])

            let retired = try await api(app, .PATCH, "/api/v1/grids/\(f.villageB.id!)", as: f.tokens["officer"], json: Change(retired: true))
            let retiredFlag = try decode(GridDTO.self, retired).retired
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

    @Test("a village moves to another township: codes and paths of its subtree and of its records are rewritten in one step, history kept")
    func moveVillage() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let dir = DirectoryService(db: app.db, passwords: app.password.async)
            let group = try await dir.createGrid(GridCreateRequest(name: "一组", code: "410106100201001", level: "group", kind: "territorial",
                                                                   parentId: f.villageA.id), by: nil)
            let hazard = try await HazardSteps.register(app, f, title: "楼道堆放杂物")
            let a = f.villageA.id!

            // Who may: the officer of the old township cannot reach the new one; a grid worker never.
            #expect(try await api(app, .PATCH, "/api/v1/grids/\(a)", as: f.tokens["officer"], json: Change(parentId: f.otherTownship.id)).status == .badRequest,
                    "the other township is outside the officer's reach, so it is an unknown grid")
            #expect(try await api(app, .PATCH, "/api/v1/grids/\(a)", as: f.tokens["worker"], json: Change(parentId: f.otherTownship.id)).status == .forbidden)
            // Where to: not below itself, not at the wrong level.
            let intoOwn = try await api(app, .PATCH, "/api/v1/grids/\(a)", as: f.tokens["admin"], json: Change(parentId: group.id))
            #expect(fieldErrors(intoOwn) == ["parentId=error.grid.move_into_own_subtree"])
            let wrongLevel = try await api(app, .PATCH, "/api/v1/grids/\(a)", as: f.tokens["admin"], json: Change(parentId: f.villageB.id))
            #expect(fieldErrors(wrongLevel) == ["parentId=error.grid.parent_level"])
            #expect(try await GridRecord.find(a, on: app.db)?.code == "410106100201", "a refused move changes nothing")

            let moved = try await api(app, .PATCH, "/api/v1/grids/\(a)", as: f.tokens["admin"], json: Change(parentId: f.otherTownship.id))
            let body = try decode(GridDTO.self, moved)
            #expect(moved.status == .ok && body.code == "410106003201" && body.parentId == f.otherTownship.id)
            let village = try #require(try await GridRecord.find(a, on: app.db))
            let child = try #require(try await GridRecord.find(group.id, on: app.db))
            #expect(village.path == f.otherTownship.path + "\(a)/")
            #expect(child.code == "410106003201001" && child.path == village.path + "\(group.id!)/")
            #expect(try await PlaceRecord.find(f.place.id, on: app.db)?.gridPath == village.path)
            #expect(try await HazardStore.find(hazard, on: app.db)?.gridPath == village.path)

            // Scope follows at once: the new township's officer sees the hazard, the old one's no longer does.
            #expect(try await api(app, .GET, "/api/v1/hazards/\(hazard)", as: f.tokens["officer2"]).status == .ok)
            #expect(try await api(app, .GET, "/api/v1/hazards/\(hazard)", as: f.tokens["officer"]).status == .notFound)

            let history = try await RegisterTrail.history(.grid, recordId: a, on: app.db)
            #expect(history.map(\.action) == ["moved"])
            #expect(history.first?.changes.contains("410106003201") == true)
            #expect(try await TrailVerifier.verify(on: app.db).ok)
        }
    }

    @Test("the move form of the grid page works over a real socket and reports a bad target on the form")
    func webMove() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            try await withLiveServer(app) { port in
                let admin = try await WebSession.login(app, "admin", port: port)
                #expect(try await admin.get("/grids").body.string.contains("action=\"/grids/move\""))
                let refused = try await admin.post("/grids/move", [("gridId", "\(f.villageA.id!)"), ("parentId", "\(f.villageB.id!)")])
                #expect(refused.status == .badRequest && refused.body.string.contains(Catalogue.text("error.grid.parent_level", .zhHans)))
                let empty = try await admin.post("/grids/move", [("gridId", ""), ("parentId", "x")])
                #expect(empty.status == .badRequest)
                let done = try await admin.post("/grids/move", [("gridId", "\(f.villageA.id!)"), ("parentId", "\(f.otherTownship.id!)")])
                #expect(done.status == .seeOther)
                #expect(try await GridRecord.find(f.villageA.id, on: app.db)?.code == "410106003201")
            }
        }
    }

    @Test("every table with a grid_path column is rewritten by a move (none forgotten when a table is added)")
    func moveKnowsEveryPathColumn() async throws {
        try await withTestApp { app in
            let sql = app.db as! any SQLDatabase
            var found: Set<String> = []
            if sql.dialect.name == "sqlite" {
                let tables = try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table'").all().map { try $0.decode(column: "name", as: String.self) }
                for table in tables {
                    let columns = try await sql.raw("SELECT name FROM pragma_table_info(\(bind: table))").all()
                    if try columns.contains(where: { try $0.decode(column: "name", as: String.self) == "grid_path" }) { found.insert(table) }
                }
            } else {
                found = Set(try await sql.raw("""
                    SELECT table_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'grid_path'
                    """).all().map { try $0.decode(column: "name", as: String.self) })
            }
            #expect(found == Set(DirectoryService.pathColumns.map(\.table)), "tables with grid_path: \(found.sorted())")
        }
    }
}
