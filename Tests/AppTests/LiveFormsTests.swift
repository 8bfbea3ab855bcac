@testable import App
import Fluent
import NIOCore
import NIOPosix
import Foundation
import SafeGridDomain
import Testing
import Vapor
import VaporTesting

/// Every web form that takes a file, sent over a real socket with a phone-size photo. In memory
/// the body arrives whole; from a browser it arrives in pieces, and a form token read before
/// the last piece refused every photo with 403 (issue 11) while the in-memory suite was green.
@Suite struct LiveFormsTests {
    /// A JPEG of about `megabytes` MB: the markers a sniffer looks for around filler.
    static func photo(megabytes: Int) -> [UInt8] {
        Array(Bytes.jpeg.prefix(Bytes.jpeg.count - 2)) + [UInt8](repeating: 0x5A, count: megabytes << 20) + [0xFF, 0xD9]
    }

    @Test("a new hazard with a 5 MB photo, its rectification with another, over a real socket")
    func hazardForms() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            try await withLiveServer(app) { port in
                let worker = try await WebSession.login(app, "worker", port: port)
                let created = try await worker.postMultipart("/hazards/new", [
                    ("title", "配电箱门缺失"), ("description", "配电箱门缺失，线路裸露"), ("category", "electrical"), ("grade", "general"),
                    ("source", "grid"), ("placeId", "\(f.place.id!)"), ("gridId", ""), ("latitude", ""), ("longitude", ""),
                ], files: [("photos[]", "site.jpg", Self.photo(megabytes: 5))])
                #expect(created.status == .seeOther, "\(created.status) \(created.body.string.prefix(300))")
                let hazard = try #require(try await HazardStore.select(where: "title = '配电箱门缺失'", on: app.db).first)
                #expect(try await AttachmentRecord.query(on: app.db).filter(\.$hazardId == hazard.id).count() == 1)

                let officer = try await WebSession.login(app, "officer", port: port)
                let assigned = try await officer.post("/hazards/\(hazard.id)/actions", [
                    ("action", "assign"), ("version", "1"), ("responsibleName", "张三"), ("responsiblePhone", "13800000001"),
                    ("requirement", "装门"), ("deadline", CivilDate(Date.t0).adding(days: 7).description), ("responsibleDepartment", ""),
                ])
                #expect(assigned.status == .seeOther)
                let submitted = try await worker.postMultipart("/hazards/\(hazard.id)/actions",
                                                              [("action", "submit"), ("version", "2"), ("note", "已装门")],
                                                              files: [("photos[]", "after.jpg", Self.photo(megabytes: 5))])
                #expect(submitted.status == .seeOther, "\(submitted.status) \(submitted.body.string.prefix(300))")
                #expect(try await HazardSteps.state(app, hazard.id) == .reviewing)
            }
        }
    }

    @Test("a checklist with a failed item and a 5 MB photo is finished, and the item becomes a hazard with another, over a real socket")
    func checklist() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            try await withLiveServer(app) { port in
                let web = try await WebSession.login(app, "worker", port: port)
                let started = try await web.post("/inspections/new", [("placeId", "\(f.place.id!)"), ("kind", "grid")])
                #expect(started.status == .seeOther)
                let location = started.headers.first(name: .location) ?? ""
                let id = Int(location.split(separator: "/").last ?? "") ?? 0
                let items = try await InspectionItemRecord.query(on: app.db).filter(\.$inspection.$id == id).sort(\.$position).all()
                var fields: [(String, String)] = []
                for (index, item) in items.enumerated() {
                    fields += [("items[i\(item.id!)][result]", index == 0 ? "fail" : "pass"),
                               ("items[i\(item.id!)][note]", index == 0 ? String(repeating: "现场照片显示防护罩缺失。", count: 40) : "")]
                }
                let finished = try await web.postMultipart(location, fields + [("finish", "1"), ("note", "已告知负责人")],
                                                           files: [("items[i\(items[0].id!)][photos][]", "fail.jpg", Self.photo(megabytes: 5))])
                #expect(finished.status == .seeOther, "\(finished.status) \(finished.body.string.prefix(300))")
                let saved = try #require(try await InspectionRecord.find(id, on: app.db))
                #expect(saved.endedAt != nil)

                // The failed item to a hazard (转为隐患), with another photo of the spot.
                let raised = try await web.postMultipart("/inspections/\(id)/items/\(items[0].id!)/hazard",
                                                         [("title", "防护罩缺失"), ("category", items[0].hazardCategory.rawValue), ("grade", "general")],
                                                         files: [("photos[]", "spot.jpg", Self.photo(megabytes: 5))])
                #expect(raised.status == .seeOther, "\(raised.status) \(raised.body.string.prefix(300))")
                let hazardId = try #require(try await InspectionItemRecord.find(items[0].id, on: app.db)?.hazardId)
                #expect(try await AttachmentRecord.query(on: app.db).filter(\.$hazardId == hazardId).count() == 2,
                        "the item's photo and the one sent with the form")
            }
        }
    }

    @Test("campaign evidence, a task-list import and a boundary file over a real socket")
    func campaignAndMapForms() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let id = try await CampaignTests.campaign(app, f)
            try await CampaignTests.seedTasks(app, f, id)
            let task = try #require(try await CampaignTaskRecord.query(on: app.db).filter(\.$ownerUser.$id == f.users["worker"]!.id).first())
            try await withLiveServer(app) { port in
                let worker = try await WebSession.login(app, "worker", port: port)
                let reported = try await worker.postMultipart("/campaigns/\(id)/tasks/\(task.id!)/progress",
                                                              [("doneCount", "40"), ("completedOn", "2026-11-20"), ("result", "检查 40 户")],
                                                              files: [("photos[]", "site.jpg", Self.photo(megabytes: 5))])
                #expect(reported.status == .seeOther, "\(reported.status) \(reported.body.string.prefix(300))")
                #expect(try await CampaignTaskEvidenceRecord.query(on: app.db).count() == 1)

                let officer = try await WebSession.login(app, "officer", port: port)
                var rows: [[Cell]] = []
                for n in 1...200 { rows.append([.text("第 \(n) 项：夜查出租屋"), .text("马固村 张三"), .date(CivilDate(iso: "2026-12-05")!)]) }
                let book = Workbook(sheets: [Sheet(name: "清单", header: ["任务", "责任单位/责任人", "完成时限"], rows: rows)])
                let xlsx = Array(try book.xlsx())
                #expect(xlsx.count > 4_096, "big enough that a browser streams it")
                let imported = try await officer.postMultipart("/campaigns/\(id)/import", [], files: [("file", "tasks.xlsx", xlsx)])
                #expect(imported.status != .forbidden && imported.status.code < 500, "\(imported.status) \(imported.body.string.prefix(300))")
                #expect(imported.status == .seeOther, "\(imported.body.string.components(separatedBy: "<main").last?.prefix(900) ?? "")")

                let admin = try await WebSession.login(app, "admin", port: port)
                let upload = try await admin.postMultipart("/maps/boundaries", [("crs", "wgs84"), ("property", "code")],
                                                           files: [("file", "grids.geojson", Array(MapTests.collection(f).utf8))])
                #expect(upload.status == .ok, "\(upload.status)")
            }
        }
    }

    @Test("a stale token on a plain form from this site shows the typed values again with a fresh token")
    func staleTokenKeepsInput() async throws {
        try await withTestApp { app in
            _ = try await Fixture.make(app)
            let officer = try await WebSession.login(app, "officer")
            let body = "_csrf=expired-token&name=%E6%96%B0%E7%BD%91%E6%A0%BC&code=410106100299"
            let response = try await app.testing().sendRequest(.POST, "/grids", headers: [
                "Cookie": "\(WebSession.cookieName)=\(officer.cookie)", "Content-Type": "application/x-www-form-urlencoded",
                "Origin": "http://localhost:8080", "Host": "localhost:8080",
            ], body: ByteBuffer(string: body))
            #expect(response.status == .forbidden)
            let html = response.body.string
            #expect(html.contains(#"name="name" value="新网格""#) && html.contains(#"action="/grids""#))
            #expect(!html.contains("expired-token"))
            let token = try WebSession.csrfToken(in: html)
            #expect(token == officer.csrf, "the page carries the session's current token")

            let foreign = try await app.testing().sendRequest(.POST, "/grids", headers: [
                "Cookie": "\(WebSession.cookieName)=\(officer.cookie)", "Content-Type": "application/x-www-form-urlencoded",
                "Origin": "http://evil.example", "Host": "localhost:8080",
            ], body: ByteBuffer(string: body))
            #expect(foreign.status == .forbidden)
            #expect(!foreign.body.string.contains(#"name="name" value="新网格""#), "a forged post is not turned into a form to confirm")
        }
    }
}

/// A client that goes quiet mid-request (a phone that lost its signal, or one stalling on
/// purpose) loses its connection after the idle timeout instead of holding it for ever.
@Suite struct IdleConnectionTests {
    @Test("a connection silent for longer than the idle timeout is closed by the server")
    func silentConnectionClosed() async throws {
        try await withTestApp { app in
            app.http.server.configuration.idleTimeout = .seconds(1)
            try await withLiveServer(app) { port in
                let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                    .connect(host: "127.0.0.1", port: port).get()
                // Half a request line and one header, then nothing.
                try await channel.writeAndFlush(ByteBuffer(string: "GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\n")).get()
                let closed = try await withThrowingTaskGroup(of: Bool.self) { group in
                    group.addTask { try await channel.closeFuture.get(); return true }
                    group.addTask { try await Task.sleep(for: .seconds(10)); return false }
                    let first = try await group.next() ?? false
                    group.cancelAll()
                    return first
                }
                if !closed { try? await channel.close().get() }
                #expect(closed, "the server kept a silent connection open for 10 s")
            }
        }
    }
}
