@testable import App
import Fluent
import Foundation
import SafeGridDomain
import Testing
import Vapor
import VaporTesting

/// Issue 12: the directory imported from the web, with the command line's all-or-nothing rule
/// and sheet/row/column errors, and each row checked against the importer's rights.
@Suite struct WebImportTests {
    static let header = "name,category,gridCode,address\n"

    @Test("an officer imports places of his township; a row in another township stops the whole file")
    func officerPlaces() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            try await withLiveServer(app) { port in
                let officer = try await WebSession.login(app, "officer", port: port)
                let good = Self.header + "马固村小卖部,shop,\(f.villageA.code),马固村5号\n峡窝村饭店,shop,\(f.villageB.code),峡窝村1号\n"
                let done = try await officer.postMultipart("/imports", [("kind", "places")], files: [("file", "places.csv", Array(good.utf8))])
                #expect(done.status == .seeOther, "\(done.body.string.prefix(400))")
                #expect(try await PlaceRecord.query(on: app.db).filter(\.$name == "峡窝村饭店").count() == 1)

                let mixed = Self.header + "马固村五金店,shop,\(f.villageA.code),马固村6号\n新安社区药店,shop,\(f.otherVillage.code),新安路3号\n"
                let refused = try await officer.postMultipart("/imports", [("kind", "places")], files: [("file", "places.csv", Array(mixed.utf8))])
                #expect(refused.status == .badRequest)
                #expect(refused.body.string.contains("line 3"), "the row outside his township is named")
                #expect(try await PlaceRecord.query(on: app.db).filter(\.$name == "马固村五金店").count() == 0, "all rows or none")

                let xlsx = try Workbook(sheets: [Sheet(name: "places", header: ["name", "category", "gridCode", "address"],
                                                       rows: [[.text("Excel 场所"), .text("shop"), .text(f.villageA.code), .text("马固村7号")]])]).xlsx()
                let fromExcel = try await officer.postMultipart("/imports", [("kind", "places")], files: [("file", "places.xlsx", Array(xlsx))])
                #expect(fromExcel.status == .seeOther)
                #expect(try await PlaceRecord.query(on: app.db).filter(\.$name == "Excel 场所").count() == 1)

                let users = try await officer.postMultipart("/imports", [("kind", "users")], files: [("file", "u.csv", Array("username,password,role\nx,y,z\n".utf8))])
                #expect(users.status == .forbidden, "users are the administrators'")
            }
            #expect(try await WebSession.login(app, "worker").get("/imports").status == .forbidden)
        }
    }
}
