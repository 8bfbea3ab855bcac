@testable import App
import Foundation
import SafeGridDomain
import Testing
import VaporTesting

/// Every refusal has its status code and a readable, field-level reason.
@Suite("Refusals over the API")
struct HazardErrorTests {
    typealias NewHazard = HazardLoopTests.NewHazard
    typealias Action = HazardLoopTests.Action

    func register(_ app: Application, _ f: Fixture, as user: String = "worker") async throws -> Int {
        let r = try await api(app, .POST, "/api/v1/hazards", as: f.tokens[user], json: NewHazard(placeId: f.place.id))
        return try decode(HazardDTO.self, r).id
    }

    func fields(_ response: TestingHTTPResponse) throws -> [String] {
        (try apiError(response).fields ?? []).map(\.field)
    }

    func photo(_ app: Application, _ f: Fixture, as user: String, bytes: [UInt8], filename: String = "photo.png") async throws -> Int {
        try decode(AttachmentAPIController.AttachmentDTO.self, try await upload(app, "/api/v1/attachments", as: f.tokens[user]!, bytes: bytes, filename: filename)).id
    }

    @Test("outside the caller's scope is 404, for reading and for acting")
    func outOfScope() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let id = try await register(app, f)
            for user in ["officer2", "workerB", "fire"] {
                let read = try await api(app, .GET, "/api/v1/hazards/\(id)", as: f.tokens[user])
                #expect(read.status == .notFound, "\(user) read \(read.status)")
                #expect(try apiError(read).code == "not_found")
                let act = try await api(app, .POST, "/api/v1/hazards/\(id)/actions", as: f.tokens[user], json: Action(action: "comment", version: 1, note: "看看"))
                #expect(act.status == .notFound, "\(user) act \(act.status)")
            }
            let list = try decode(ListResponse<HazardDTO>.self, try await api(app, .GET, "/api/v1/hazards", as: f.tokens["officer2"]))
            #expect(list.total == 0, "lists never include what the caller cannot open")
            let otherPlace = try await api(app, .GET, "/api/v1/places/\(f.place.id!)", as: f.tokens["officer2"])
            #expect(otherPlace.status == .notFound)
            let registerElsewhere = try await api(app, .POST, "/api/v1/hazards", as: f.tokens["workerB"], json: NewHazard(placeId: f.place.id))
            #expect(registerElsewhere.status == .badRequest)
            #expect(try fields(registerElsewhere) == ["placeId"])
        }
    }

    @Test("the submitter may not approve their own rectification (403)")
    func selfApproval() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let id = try await register(app, f)
            _ = try await api(app, .POST, "/api/v1/hazards/\(id)/actions", as: f.tokens["officer"], json: Action(
                action: "assign", version: 1, deadline: "2026-12-10", responsibleName: "张三", requirement: "整改"))
            let photo = try await self.photo(app, f, as: "officer", bytes: Bytes.jpeg, filename: "a.jpg")
            let submit = try await api(app, .POST, "/api/v1/hazards/\(id)/actions", as: f.tokens["officer"], json: Action(
                action: "submit", version: 2, note: "已整改", attachmentIds: [photo]))
            #expect(submit.status == .ok, "\(submit.body.string)")
            let approve = try await api(app, .POST, "/api/v1/hazards/\(id)/actions", as: f.tokens["officer"], json: Action(action: "approve", version: 3, note: "通过"))
            #expect(approve.status == .forbidden)
            #expect(try apiError(approve).code == "self_review")
            let state = try decode(HazardDTO.self, try await api(app, .GET, "/api/v1/hazards/\(id)", as: f.tokens["officer"]))
            #expect(state.state == .reviewing, "nothing changed")
            #expect(!state.allowedActions.contains(.approve))
        }
    }

    @Test("an action the state does not allow is 409; a role that may not is 403")
    func forbiddenTransitions() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let id = try await register(app, f)
            let approve = try await api(app, .POST, "/api/v1/hazards/\(id)/actions", as: f.tokens["officer"], json: Action(action: "approve", version: 1, note: "x"))
            #expect(approve.status == .conflict)
            #expect(try apiError(approve).code == "transition_not_allowed")
            let leader = try await api(app, .POST, "/api/v1/hazards/\(id)/actions", as: f.tokens["leader"], json: Action(
                action: "assign", version: 1, deadline: "2026-12-10", responsibleName: "张三", requirement: "整改"))
            #expect(leader.status == .forbidden)
            let worker = try await api(app, .POST, "/api/v1/hazards/\(id)/actions", as: f.tokens["worker"], json: Action(action: "void", version: 1, note: "x"))
            #expect(worker.status == .forbidden)
            let unknown = try await api(app, .POST, "/api/v1/hazards/\(id)/actions", as: f.tokens["officer"], json: Action(action: "register", version: 1))
            #expect(unknown.status == .badRequest)
            #expect(try fields(unknown) == ["action"])
        }
    }

    @Test("a stale version is 409 and the hazard is unchanged")
    func staleVersion() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let id = try await register(app, f)
            let first = try await api(app, .POST, "/api/v1/hazards/\(id)/actions", as: f.tokens["officer"], json: Action(action: "comment", version: 1, note: "先看"))
            #expect(first.status == .ok)
            let stale = try await api(app, .POST, "/api/v1/hazards/\(id)/actions", as: f.tokens["worker"], json: Action(action: "comment", version: 1, note: "后看"))
            #expect(stale.status == .conflict)
            #expect(try apiError(stale).code == "stale_version")
            let events = try decode(ListResponse<HazardEventDTO>.self, try await api(app, .GET, "/api/v1/hazards/\(id)/events", as: f.tokens["officer"]))
            #expect(events.total == 2)
        }
    }

    @Test("missing required fields are 400 with every field named")
    func missingFields() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let empty = try await api(app, .POST, "/api/v1/hazards", as: f.tokens["worker"], json: [String: String]())
            #expect(empty.status == .badRequest)
            #expect(Set(try fields(empty)) == ["title", "category", "source", "gridId"])
            let badEnum = try await api(app, .POST, "/api/v1/hazards", as: f.tokens["worker"], json: NewHazard(category: "lava", placeId: f.place.id))
            #expect(try fields(badEnum) == ["category"])
            let id = try await register(app, f)
            let assign = try await api(app, .POST, "/api/v1/hazards/\(id)/actions", as: f.tokens["officer"], json: Action(action: "assign", version: 1))
            #expect(assign.status == .badRequest)
            #expect(try fields(assign) == ["responsibleName", "requirement", "deadline"])
            let past = try await api(app, .POST, "/api/v1/hazards/\(id)/actions", as: f.tokens["officer"], json: Action(
                action: "assign", version: 1, deadline: "2026-11-26", responsibleName: "张三", requirement: "整改"))
            #expect(try fields(past) == ["deadline"])
            let badDate = try await api(app, .POST, "/api/v1/hazards/\(id)/actions", as: f.tokens["officer"], json: Action(
                action: "assign", version: 1, deadline: "12/10/2026", responsibleName: "张三", requirement: "整改"))
            #expect(try fields(badDate) == ["deadline"])
            let noVersion = try await api(app, .POST, "/api/v1/hazards/\(id)/actions", as: f.tokens["officer"], json: ["action": "comment", "note": "x"])
            #expect(try fields(noVersion) == ["version"])
            let notJSON = try await app.testing().sendRequest(.POST, "/api/v1/hazards") { req in
                req.headers.bearerAuthorization = .init(token: f.tokens["worker"]!)
                req.headers.contentType = .json
                req.body = ByteBuffer(string: "{\"title\": 12")
            }
            #expect(notJSON.status == .badRequest, "malformed JSON is bad input, not a 500")
        }
    }

    @Test("a major hazard cannot be assigned without its six-part plan")
    func majorNeedsPlan() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let r = try await api(app, .POST, "/api/v1/hazards", as: f.tokens["officer"], json: NewHazard(grade: "major", source: "territorial", placeId: f.place.id))
            let id = try decode(HazardDTO.self, r).id
            let assign = try await api(app, .POST, "/api/v1/hazards/\(id)/actions", as: f.tokens["officer"], json: Action(
                action: "assign", version: 1, deadline: "2026-12-30", responsibleName: "张三", requirement: "停产整改"))
            #expect(try fields(assign) == ["plan"])
            struct WithPlan: Encodable, Sendable {
                let action = "assign", version = 1, deadline = "2026-12-30", responsibleName = "张三", requirement = "停产整改"
                let plan = ["goal": "消除", "measures": "更换", "funding": "5万", "organisation": "厂长", "timeline": "30日", "safetyMeasures": "警戒"]
            }
            let ok = try await api(app, .POST, "/api/v1/hazards/\(id)/actions", as: f.tokens["officer"], json: WithPlan())
            #expect(ok.status == .ok, "\(ok.body.string)")
            #expect(try decode(HazardDTO.self, ok).plan?.funding == "5万")
            let fix = try await api(app, .POST, "/api/v1/hazards", as: f.tokens["officer"], json: NewHazard(grade: "major", source: "territorial", placeId: f.place.id))
            let fixId = try decode(HazardDTO.self, fix).id
            let photo = try await self.photo(app, f, as: "officer", bytes: Bytes.png)
            let onSite = try await api(app, .POST, "/api/v1/hazards/\(fixId)/actions", as: f.tokens["officer"], json: Action(action: "fix_on_site", version: 1, attachmentIds: [photo]))
            #expect(onSite.status == .conflict)
        }
    }

    @Test("uploads: fake types are 400, oversized are 413, empty are 400")
    func uploads() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let token = f.tokens["worker"]!
            let fake = try await upload(app, "/api/v1/attachments", as: token, bytes: Array("<?php echo 'hi'; ?>".utf8), filename: "photo.jpg")
            #expect(fake.status == .badRequest)
            #expect(try fields(fake) == ["file"])
            let exe = try await upload(app, "/api/v1/attachments", as: token, bytes: [0x7F, 0x45, 0x4C, 0x46] + [UInt8](repeating: 1, count: 100), filename: "x.png")
            #expect(exe.status == .badRequest)
            let big = try await upload(app, "/api/v1/attachments", as: token, bytes: Bytes.png + [UInt8](repeating: 0, count: AttachmentStore.limitBytes + 1024))
            #expect(big.status == .payloadTooLarge)
            #expect(try apiError(big).code == "too_large")
            let empty = try await upload(app, "/api/v1/attachments", as: token, bytes: [])
            #expect(empty.status == .badRequest)
            let pdf = try await upload(app, "/api/v1/attachments", as: token, bytes: Array("%PDF-1.4\n%âãÏÓ\n".utf8), filename: "notice.pdf", kind: "document")
            #expect(pdf.status == .created)
            #expect(try decode(AttachmentAPIController.AttachmentDTO.self, pdf).contentType == "application/pdf")
        }
    }

    @Test("evidence must be the caller's own upload or the hazard's")
    func foreignAttachment() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let id = try await register(app, f)
            let otherUpload = try await self.photo(app, f, as: "officer2", bytes: Bytes.png)
            let r = try await api(app, .POST, "/api/v1/hazards/\(id)/actions", as: f.tokens["worker"], json: Action(action: "fix_on_site", version: 1, attachmentIds: [otherUpload]))
            #expect(r.status == .badRequest)
            #expect(try fields(r) == ["attachmentIds"])
            let peek = try await api(app, .GET, "/api/v1/attachments/\(otherUpload)", as: f.tokens["worker"])
            #expect(peek.status == .notFound, "an unlinked upload is visible to its uploader only")
        }
    }

    @Test("no token is 401; a wrong password is 401; repeated failures are throttled with 429")
    func authentication() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let anonymous = try await api(app, .GET, "/api/v1/hazards", as: nil)
            #expect(anonymous.status == .unauthorized)
            #expect(try apiError(anonymous).code == "unauthenticated")
            let forged = try await api(app, .GET, "/api/v1/me", as: "not-a-token")
            #expect(forged.status == .unauthorized)
            let free = SignInThrottle.Scope.accountAtAddress.freeTries
            for _ in 0..<free {
                let wrong = try await api(app, .POST, "/api/v1/auth/token", as: nil, json: ["username": "worker", "password": "wrong-password"])
                #expect(wrong.status == .unauthorized)
            }
            let locked = try await api(app, .POST, "/api/v1/auth/token", as: nil, json: ["username": "worker", "password": Fixture.password])
            #expect(locked.status == .tooManyRequests, "even the right password waits out the delay")
            let delay = try #require(SignInThrottle.delay(afterAttempt: free, scope: .accountAtAddress))
            app.clock = AppClock { Date.t0.addingTimeInterval(Double(delay + 1)) }
            let later = try await api(app, .POST, "/api/v1/auth/token", as: nil, json: ["username": "worker", "password": Fixture.password])
            #expect(later.status == .ok)
            _ = f
        }
    }

    @Test("only administrators manage users")
    func usersAdminOnly() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let byOfficer = try await api(app, .GET, "/api/v1/users", as: f.tokens["officer"])
            #expect(byOfficer.status == .forbidden)
            struct NewUser: Encodable, Sendable { let username = "newworker", password = "longpassword", role = "gridWorker"; let gridIds: [Int]; let level = 2 }
            let created = try await api(app, .POST, "/api/v1/users", as: f.tokens["admin"], json: NewUser(gridIds: [f.villageB.id!]))
            #expect(created.status == .created, "\(created.body.string)")
            #expect(try decode(UserDTO.self, created).level == 2)
            let again = try await api(app, .POST, "/api/v1/users", as: f.tokens["admin"], json: NewUser(gridIds: [f.villageB.id!]))
            #expect(try fields(again) == ["username"])
            let noGrid = try await api(app, .POST, "/api/v1/users", as: f.tokens["admin"], json: ["username": "x123", "password": "longpassword", "role": "officer"])
            #expect(try fields(noGrid) == ["gridIds"])
        }
    }

    @Test("error messages follow Accept-Language")
    func languages() async throws {
        try await withTestApp { app in
            let zh = try await api(app, .GET, "/api/v1/hazards", as: nil)
            #expect(try apiError(zh).message == Catalogue.text("error.unauthenticated", .zhHans))
            let en = try await app.testing().sendRequest(.GET, "/api/v1/hazards", headers: ["Accept-Language": "en-US,en;q=0.9"])
            #expect(try apiError(en).message == "Please sign in first.")
        }
    }
}
