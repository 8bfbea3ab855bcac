@testable import App
import Foundation
import SafeGridDomain
import Testing
import Vapor
import VaporTesting

/// A double tap, a retry after a timeout and a replayed offline queue each make exactly one
/// record: POSTs with the same idempotency key do their work once (issue 14).
@Suite("Idempotency keys")
struct IdempotencyTests {
    typealias NewHazard = HazardLoopTests.NewHazard

    func post(_ app: Application, _ path: String, as token: String?, key: String?, json: some Encodable & Sendable) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(.POST, path) { req in
            if let token { req.headers.bearerAuthorization = BearerAuthorization(token: token) }
            if let key { req.headers.replaceOrAdd(name: IdempotencyMiddleware.header, value: key) }
            req.headers.contentType = .json
            req.body = ByteBuffer(data: try JSONEncoder().encode(json))
        }
    }

    func hazardCount(_ app: Application) async throws -> Int {
        try await HazardStore.count(where: "1 = 1", on: app.db)
    }

    @Test("the rule: a key names one method and path, is kept seven days, and a dead request's key is freed")
    func rule() {
        let t0 = Date.t0
        let done = Idempotency.Record(method: "POST", path: "/api/v1/hazards", completed: true, createdAt: t0)
        let running = Idempotency.Record(method: "POST", path: "/api/v1/hazards", completed: false, createdAt: t0)
        #expect(Idempotency.decide(nil, method: "POST", path: "/api/v1/hazards", now: t0) == .run)
        #expect(Idempotency.decide(done, method: "POST", path: "/api/v1/hazards", now: t0.addingTimeInterval(6 * 86_400)) == .replay)
        #expect(Idempotency.decide(done, method: "POST", path: "/api/v1/hazards", now: t0.addingTimeInterval(7 * 86_400)) == .run)
        #expect(Idempotency.decide(done, method: "POST", path: "/api/v1/places", now: t0) == .reused)
        #expect(Idempotency.decide(running, method: "POST", path: "/api/v1/hazards", now: t0.addingTimeInterval(10)) == .inProgress)
        #expect(Idempotency.decide(running, method: "POST", path: "/api/v1/hazards", now: t0.addingTimeInterval(300)) == .run)
        #expect(Idempotency.keeps(status: 201) && Idempotency.keeps(status: 303) && !Idempotency.keeps(status: 400) && !Idempotency.keeps(status: 500))
        #expect(Idempotency.isValidKey(UUID().uuidString) && Idempotency.isValidKey("queue:42.a_b"))
        #expect(!Idempotency.isValidKey("short") && !Idempotency.isValidKey(String(repeating: "a", count: 129)))
        #expect(!Idempotency.isValidKey("有中文的键有中文的键") && !Idempotency.isValidKey("a key with spaces"))
    }

    @Test("a repeated create answers the first result, marked as replayed, and registers one hazard")
    func repeatedCreate() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let key = UUID().uuidString
            let first = try await post(app, "/api/v1/hazards", as: f.tokens["worker"], key: key, json: NewHazard(placeId: f.place.id))
            #expect(first.status == .created)
            #expect(first.headers.first(name: IdempotencyMiddleware.replayedHeader) == nil)
            let again = try await post(app, "/api/v1/hazards", as: f.tokens["worker"], key: key, json: NewHazard(placeId: f.place.id))
            #expect(again.status == .created)
            #expect(again.headers.first(name: IdempotencyMiddleware.replayedHeader) == "true")
            #expect(try decode(HazardDTO.self, again).id == decode(HazardDTO.self, first).id)
            #expect(again.headers.first(name: .location) == first.headers.first(name: .location))
            #expect(try await hazardCount(app) == 1)

            // Without a key, two sends are two hazards, as before.
            for _ in 0..<2 { _ = try await post(app, "/api/v1/hazards", as: f.tokens["worker"], key: nil, json: NewHazard(placeId: f.place.id)) }
            #expect(try await hazardCount(app) == 3)
        }
    }

    @Test("five sends of one key at once make exactly one hazard; the others get it or are told it is running")
    func doubleTap() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let key = UUID().uuidString
            let token = f.tokens["worker"]
            let placeId = f.place.id
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for _ in 0..<5 {
                    group.addTask { try await post(app, "/api/v1/hazards", as: token, key: key, json: NewHazard(placeId: placeId)).status }
                }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == .created || $0 == .conflict }, "\(statuses)")
            #expect(statuses.contains(.created))
            #expect(try await hazardCount(app) == 1)
        }
    }

    @Test("a repeat while the first is still running is a 409 that says when to try again")
    func stillRunning() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let key = UUID().uuidString
            let worker = try await HazardSteps.current(app, f, "worker")
            // The first send claimed the key and has not answered yet.
            let claim = try await IdempotencyStore.claim(user: worker.id, key: key, method: "POST", path: "/api/v1/hazards",
                                                         now: app.clock.now(), writes: app.writePath, on: app.db)
            guard case .run = claim else { Issue.record("the first claim runs: \(claim)"); return }
            let repeated = try await post(app, "/api/v1/hazards", as: f.tokens["worker"], key: key, json: NewHazard(placeId: f.place.id))
            #expect(repeated.status == .conflict)
            #expect(try apiError(repeated).code == "idempotency.in_progress")
            #expect(repeated.headers.first(name: .retryAfter) == String(Idempotency.retryAfterSeconds))
            #expect(try await hazardCount(app) == 0)
        }
    }

    @Test("a key is the user's own, a key on another path is refused, and a malformed key is a 400")
    func scopeAndMisuse() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let key = UUID().uuidString
            _ = try await post(app, "/api/v1/hazards", as: f.tokens["worker"], key: key, json: NewHazard(placeId: f.place.id))
            let other = try await post(app, "/api/v1/hazards", as: f.tokens["worker2"], key: key, json: NewHazard(placeId: f.place.id))
            #expect(other.status == .created, "another user's same key is another operation")
            #expect(try await hazardCount(app) == 2)

            let hazardId = try await HazardStore.select(where: "1 = 1", on: app.db).first!.id
            let elsewhere = try await post(app, "/api/v1/hazards/\(hazardId)/actions", as: f.tokens["worker"], key: key,
                                           json: HazardLoopTests.Action(action: "comment", version: 1, note: "补充"))
            #expect(elsewhere.status == .conflict)
            #expect(try apiError(elsewhere).code == "idempotency.reused")
            #expect(try await HazardStore.events(of: hazardId, on: app.db).count == 1, "the refused comment was not added")

            let malformed = try await post(app, "/api/v1/hazards", as: f.tokens["worker"], key: "bad key", json: NewHazard(placeId: f.place.id))
            #expect(malformed.status == .badRequest)
            #expect(try apiError(malformed).fields?.map(\.field) == [IdempotencyMiddleware.header])
            #expect(try await hazardCount(app) == 2)
        }
    }

    @Test("a refusal is not kept: the same key runs again once the input is corrected")
    func refusalNotKept() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let key = UUID().uuidString
            var bad = NewHazard(placeId: f.place.id)
            bad.title = ""
            #expect(try await post(app, "/api/v1/hazards", as: f.tokens["worker"], key: key, json: bad).status == .badRequest)
            let good = try await post(app, "/api/v1/hazards", as: f.tokens["worker"], key: key, json: NewHazard(placeId: f.place.id))
            #expect(good.status == .created && good.headers.first(name: IdempotencyMiddleware.replayedHeader) == nil)
            #expect(try await hazardCount(app) == 1)
        }
    }

    @Test("after seven days a key is forgotten, and the sweep deletes it")
    func retention() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let key = UUID().uuidString
            _ = try await post(app, "/api/v1/hazards", as: f.tokens["worker"], key: key, json: NewHazard(placeId: f.place.id))
            #expect(try await IdempotencyRow.count(where: "1 = 1", on: app.db) == 1)
            let later = Date.t0.addingTimeInterval(Idempotency.retention + 60)
            #expect(try await IdempotencySweepJob().run(app: app, now: Date.t0.addingTimeInterval(86_400)) == "swept=0")
            #expect(try await IdempotencySweepJob().run(app: app, now: later) == "swept=1")
            #expect(try await IdempotencyRow.count(where: "1 = 1", on: app.db) == 0)
            app.clock = AppClock { later }
            let again = try await post(app, "/api/v1/hazards", as: f.tokens["worker"], key: key, json: NewHazard(placeId: f.place.id))
            #expect(again.status == .created && again.headers.first(name: IdempotencyMiddleware.replayedHeader) == nil)
            #expect(try await hazardCount(app) == 2)
        }
    }

    @Test("a web form sent twice over a real socket (double tap, or Back and send) registers one hazard")
    func webFormTwice() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            try await withLiveServer(app) { port in
                let worker = try await WebSession.login(app, "worker", port: port)
                let form = try await worker.get("/hazards/new").body.string
                let range = try #require(form.range(of: #"name="_idem" value="([^"]+)""#, options: .regularExpression))
                let key = String(form[range].split(separator: "\"")[3])
                #expect(Idempotency.isValidKey(key))
                let fields: [(String, String)] = [
                    ("_idem", key), ("title", "配电箱门缺失"), ("description", "配电箱门缺失，线路裸露"), ("category", "electrical"),
                    ("grade", "general"), ("source", "grid"), ("placeId", "\(f.place.id!)"), ("gridId", ""), ("latitude", ""), ("longitude", ""),
                ]
                let first = try await worker.postMultipart("/hazards/new", fields, files: [("photos[]", "site.jpg", Bytes.jpeg)])
                let second = try await worker.postMultipart("/hazards/new", fields, files: [("photos[]", "site.jpg", Bytes.jpeg)])
                #expect(first.status == .seeOther && second.status == .seeOther)
                #expect(second.headers.first(name: .location) == first.headers.first(name: .location))
                #expect(try await hazardCount(app) == 1)
                let again = try await worker.get("/hazards/new").body.string
                #expect(!again.contains(key), "every form load brings a fresh key")
            }
        }
    }
}
