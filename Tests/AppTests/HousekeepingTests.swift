@testable import App
import Fluent
import Foundation
import SafeGridDomain
import Testing
import Vapor
import VaporTesting

/// Issue 12's smaller points: uploads never linked are swept, the system account is nobody's
/// to manage, deadlines sort the same on both engines, and buttons follow the route's rule.
@Suite struct HousekeepingTests {
    @Test("an upload never linked is swept after a day; a linked one stays, and so does its file")
    func uploadSweep() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let loose = try await upload(app, "/api/v1/attachments", as: f.tokens["worker"]!, bytes: Bytes.jpeg + [1], filename: "loose.jpg")
            let looseId = try decode(AttachmentAPIController.AttachmentDTO.self, loose).id
            let hazard = try await HazardSteps.register(app, f, title: "带照片的隐患")
            let linked = try await upload(app, "/api/v1/hazards/\(hazard)/attachments", as: f.tokens["worker"]!, bytes: Bytes.png, filename: "kept.png")
            let linkedId = try decode(AttachmentAPIController.AttachmentDTO.self, linked).id
            let looseFile = AttachmentStore(app: app).path(for: try #require(try await AttachmentRecord.find(looseId, on: app.db)).sha256)
            #expect(FileManager.default.fileExists(atPath: looseFile))

            // Upload times are stamped by the database layer with the real clock, not the test's.
            _ = try await UploadSweepJob().run(app: app, now: Date().addingTimeInterval(3600))
            #expect(try await AttachmentRecord.find(looseId, on: app.db) != nil, "not yet a day old")
            let result = try await UploadSweepJob().run(app: app, now: Date().addingTimeInterval(UploadSweepJob.grace + 60))
            #expect(result == "swept=1 files=1", "\(result)")
            #expect(try await AttachmentRecord.find(looseId, on: app.db) == nil)
            #expect(!FileManager.default.fileExists(atPath: looseFile))
            #expect(try await AttachmentRecord.find(linkedId, on: app.db) != nil)
        }
    }

    @Test("the system account is not listed among users")
    func systemAccountHidden() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            _ = try await SystemAccount.user(on: app)
            let list = try await api(app, .GET, "/api/v1/users?limit=500", as: f.tokens["admin"])
            let names = try decode(ListResponse<UserDTO>.self, list).items.map(\.username)
            #expect(!names.contains(SystemAccount.username) && names.contains("admin"))
            #expect(!(try await WebSession.login(app, "admin").get("/users").body.string.contains("<code>system</code>")))
        }
    }

    @Test("sorting by deadline puts hazards without one last, both ways")
    func deadlineSort() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let none = try await HazardSteps.register(app, f, title: "无期限")
            let soon = try await HazardSteps.register(app, f, title: "期限近")
            try await HazardSteps.assign(app, f, soon, days: 3)
            let late = try await HazardSteps.register(app, f, title: "期限远")
            try await HazardSteps.assign(app, f, late, days: 9)
            for (sort, expected) in [("deadline", [soon, late, none]), ("-deadline", [late, soon, none])] {
                let items = try decode(ListResponse<HazardDTO>.self, try await api(app, .GET, "/api/v1/hazards?sort=\(sort)", as: f.tokens["officer"])).items
                #expect(items.map(\.id) == expected, "\(sort)")
            }
        }
    }

    @Test("an enterprise user's risk list offers no map buttons, which would answer 403")
    func enterpriseMapButtons() async throws {
        try await withTestApp { app in
            _ = try await Fixture.make(app)
            let owner = try await WebSession.login(app, "owner")
            let risks = try await owner.get("/risks")
            if risks.status == .ok { #expect(!risks.body.string.contains("href=\"/maps/region\"")) }
            #expect(try await owner.get("/maps/region").status == .forbidden)
            #expect(try await WebSession.login(app, "officer").get("/risks").body.string.contains("href=\"/maps/region\""))
        }
    }

    @Test("campaign pages name place categories in the reader's language, never as raw keys")
    func campaignCategories() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let id = try await CampaignTests.campaign(app, f)
            let officer = try await WebSession.login(app, "officer")
            for path in ["/campaigns", "/campaigns/\(id)", "/campaigns/\(id)/edit"] {
                let zh = try await officer.get(path).body.string
                #expect(!zh.contains("category.") && !zh.contains("place.threeInOneShop"), "\(path)")
                let en = try await officer.get(path + "?lang=en").body.string
                #expect(!en.contains("category.") && !en.contains("place.threeInOneShop"), "\(path)")
                guard path != "/campaigns" else { continue }
                #expect(zh.contains("三合一门店") && en.contains("Three-in-one shop"), "\(path)")
            }
        }
    }
}
