@testable import App
import Fluent
import Foundation
import SafeGridDomain
import Testing
import VaporTesting

@Suite("Registers and assessment through HTTP")
struct RegisterAPITests {
    @Test("activities, accidents and public reports: validation, rights, scope, and the documented shapes")
    func registers() async throws {
        try await withTestApp { app in
            // setup
            let f = try await Fixture.make(app)
            let call = try await DocumentedCalls(app, f)
            let village = "\(f.villageA.id!)"

            // MUT and validate
            let activity = try decode(ActivityDTO.self, try await call(.POST, "/api/v1/activities", "/activities", as: "worker", json: [
                "kind": "drill", "title": "消防安全实操演练", "heldOn": "2026-11-25", "venue": "马固村委会", "gridId": village, "people": "45"],
                expect: .created))
            #expect(activity.people == 45 && activity.gridName == "马固村")
            let problems = try decode(ErrorBody.self, try await call(.POST, "/api/v1/activities", "/activities", as: "worker", json: [
                "kind": "party", "title": " ", "heldOn": "2026-11-27", "venue": "村委会", "gridId": village, "people": "-3"],
                expect: .badRequest))
            let fields = Set(problems.error.fields?.map(\.field) ?? [])
            #expect(fields == ["kind", "title", "heldOn", "people"], "every problem at once, tomorrow included")
            try await call(.POST, "/api/v1/activities", "/activities", as: "workerB", json: [
                "kind": "lecture", "title": "安全大讲堂", "heldOn": "2026-11-20", "venue": "马固村", "gridId": village, "people": "80"],
                expect: .badRequest)  // village A is outside worker B's grids: unknown grid
            try await call(.POST, "/api/v1/activities", "/activities", as: "leader", json: [
                "kind": "lecture", "title": "安全大讲堂", "heldOn": "2026-11-20", "venue": "马固村", "gridId": village, "people": "80"],
                expect: .forbidden)  // a leader reads the registers, records nothing

            try await call(.POST, "/api/v1/accidents", "/accidents", as: "officer", json: [
                "occurredOn": "2026-11-10", "venue": "马固建材厂", "gridId": village, "type": "fall", "deaths": "0", "injuries": "1",
                "liability": "liability", "description": "工人高处作业未系安全带坠落受伤"], expect: .created)
            try await call(.POST, "/api/v1/accidents", "/accidents", as: "worker", json: [
                "occurredOn": "2026-11-10", "venue": "x", "gridId": village, "type": "fall", "liability": "undetermined", "description": "x"],
                expect: .forbidden)  // accidents are the township office's register

            let report = try decode(PublicReportDTO.self, try await call(.POST, "/api/v1/public-reports", "/public-reports", as: "officer", json: [
                "receivedOn": "2026-11-24", "channel": "hotline12345", "gridId": village, "content": "门店夜间留宿"], expect: .created))
            #expect(report.handled == false)
            let id = report.id
            try await call(.PATCH, "/api/v1/public-reports/\(id)", "/public-reports/{reportID}", as: "officer",
                           json: ["handledOn": "2026-11-25"], expect: .badRequest)  // handling needs the reply given
            let done = try decode(PublicReportDTO.self, try await call(.PATCH, "/api/v1/public-reports/\(id)", "/public-reports/{reportID}",
                                                                       as: "officer", json: ["handledOn": "2026-11-25", "reply": "已核实，督促商户搬离留宿人员"],
                                                                       expect: .ok))
            #expect(done.handled == true && done.content == "门店夜间留宿")
            try await call(.PATCH, "/api/v1/public-reports/\(id)", "/public-reports/{reportID}", as: "officer2",
                           json: ["reply": "x"], expect: .notFound)  // another township's report does not exist for officer2

            let list = try decode(ListResponse<ActivityDTO>.self,
                                  try await call(.GET, "/api/v1/activities?from=2026-11-01&to=2026-11-30&kind=drill", "/activities", as: "officer", expect: .ok))
            #expect(list.total == 1)
            let other = try decode(ListResponse<ActivityDTO>.self, try await call(.GET, "/api/v1/activities", "/activities", as: "officer2", expect: .ok))
            #expect(other.total == 0, "another township sees none of it")
            try await call(.GET, "/api/v1/accidents", "/accidents", as: "leader", expect: .ok)
            try await call(.GET, "/api/v1/public-reports?handled=true", "/public-reports", as: "officer", expect: .ok)
            try await call(.GET, "/api/v1/activities", "/activities", as: "owner", expect: .forbidden)  // an enterprise sees no registers
        }
    }

    @Test("activities and accidents are corrected and voided, never deleted: history on the trail, a voided entry counts in no figure")
    func correctAndVoid() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let call = try await DocumentedCalls(app, f)
            func drills() async throws -> Int {
                try decode(BulletinDTO.self, try await api(app, .POST, "/api/v1/bulletins", as: f.tokens["officer"],
                                                           json: BulletinRequest(gridId: f.township.id, period: "2026-W48"))).figures.drills
            }
            let village = "\(f.villageA.id!)"
            let activity = try decode(ActivityDTO.self, try await call(.POST, "/api/v1/activities", "/activities", as: "worker", json: [
                "kind": "drill", "title": "消防演练", "heldOn": "2026-11-24", "venue": "马固村委会", "gridId": village, "people": "45"],
                expect: .created))
            let id = activity.id
            #expect(try await drills() == 1)

            // Correct: fields left out keep their value; someone outside the grid cannot reach it.
            let fixed = try decode(ActivityDTO.self, try await call(.PATCH, "/api/v1/activities/\(id)", "/activities/{activityID}", as: "worker",
                                                                    json: ["people": "54"], expect: .ok))
            #expect(fixed.people == 54 && fixed.title == "消防演练")
            try await call(.PATCH, "/api/v1/activities/\(id)", "/activities/{activityID}", as: "worker", json: ["people": "-1"],
                           expect: .badRequest)  // negative people
            try await call(.PATCH, "/api/v1/activities/\(id)", "/activities/{activityID}", as: "officer2", json: ["people": "1"],
                           expect: .notFound)  // outside officer2's township

            // Void: a reason is required; afterwards the entry is listed but counts nowhere and changes no more.
            try await call(.POST, "/api/v1/activities/\(id)/void", "/activities/{activityID}/void", as: "worker", json: ["reason": " "],
                           expect: .badRequest)  // blank reason
            let voided = try decode(ActivityDTO.self, try await call(.POST, "/api/v1/activities/\(id)/void", "/activities/{activityID}/void",
                                                                     as: "worker", json: ["reason": "重复登记"], expect: .ok))
            #expect(voided.voidReason == "重复登记" && voided.voidedAt != nil)
            try await call(.POST, "/api/v1/activities/\(id)/void", "/activities/{activityID}/void", as: "worker", json: ["reason": "x"],
                           expect: .conflict)  // voided already
            try await call(.PATCH, "/api/v1/activities/\(id)", "/activities/{activityID}", as: "worker", json: ["people": "1"],
                           expect: .conflict)  // a voided entry changes no more
            #expect(try await drills() == 0, "a voided drill is not counted")
            let list = try decode(ListResponse<ActivityDTO>.self, try await call(.GET, "/api/v1/activities", "/activities", as: "officer", expect: .ok))
            #expect(list.total == 1, "but it stays in the register")
            #expect(try await RegisterTrail.history(.activity, recordId: id, on: app.db).map(\.action) == ["created", "updated", "voided"])

            // Accidents the same way, by the office; a grid worker may not.
            let accident = try decode(AccidentDTO.self, try await call(.POST, "/api/v1/accidents", "/accidents", as: "officer", json: [
                "occurredOn": "2026-11-10", "venue": "马固建材厂", "gridId": village, "type": "fall", "deaths": "0", "injuries": "1",
                "liability": "liability", "description": "高处坠落"], expect: .created))
            let accidentId = accident.id
            try await call(.PATCH, "/api/v1/accidents/\(accidentId)", "/accidents/{accidentID}", as: "worker", json: ["injuries": "2"],
                           expect: .forbidden)  // accidents are the office's register
            let a = try decode(AccidentDTO.self, try await call(.PATCH, "/api/v1/accidents/\(accidentId)", "/accidents/{accidentID}", as: "officer",
                                                                json: ["liability": "nonLiability"], expect: .ok))
            #expect(a.liability == .nonLiability && a.injuries == 1)
            try await call(.POST, "/api/v1/accidents/\(accidentId)/void", "/accidents/{accidentID}/void", as: "officer",
                           json: ["reason": "不属于生产安全事故"], expect: .ok)
            #expect(try await TrailVerifier.verify(on: app.db).ok)

            // The entry page shows the history with what changed, in both languages.
            let web = try await WebSession.login(app, "officer")
            let page = try await web.get("/registers/activities/\(id)").body.string
            #expect(page.contains("覆盖人数：45 → 54") && page.contains("重复登记") && !page.contains("action=\"/registers/activities/\(id)/void\""))
            let list2 = try await web.get("/registers/activities").body.string
            #expect(list2.contains("voided-row") && list2.contains("href=\"/registers/activities/\(id)\""))
        }
    }

    @Test("an activity is corrected and voided through its page over a real socket")
    func correctAndVoidOnTheWeb() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let record = try await RegisterService(db: app.db, today: CivilDate(iso: "2026-11-26")!).saveActivity(
                ActivityRequest(kind: "lecture", title: "安全大讲堂", heldOn: "2026-11-20", venue: "村委会", gridId: f.villageA.id, people: 80),
                existing: nil, by: try await HazardSteps.current(app, f, "worker").actor)
            let id = record.id!
            try await withLiveServer(app) { port in
                let worker = try await WebSession.login(app, "worker", port: port)
                let form = try await worker.get("/registers/activities/\(id)").body.string
                #expect(form.contains("action=\"/registers/activities/\(id)\"") && form.contains("action=\"/registers/activities/\(id)/void\""))
                let bad = try await worker.post("/registers/activities/\(id)", [("kind", "lecture"), ("title", "安全大讲堂"), ("heldOn", "2026-11-20"),
                                                                              ("venue", "村委会"), ("gridId", "\(f.villageA.id!)"), ("people", "八十")])
                #expect(bad.status == .badRequest && bad.body.string.contains("八十"), "the typed value comes back with the error")
                let fixed = try await worker.post("/registers/activities/\(id)", [("kind", "lecture"), ("title", "安全大讲堂（第二期）"),
                                                                                ("heldOn", "2026-11-20"), ("venue", "村委会"),
                                                                                ("gridId", "\(f.villageA.id!)"), ("people", "85")])
                #expect(fixed.status == .seeOther)
                let noReason = try await worker.post("/registers/activities/\(id)/void", [("reason", "")])
                #expect(noReason.status == .badRequest)
                let voided = try await worker.post("/registers/activities/\(id)/void", [("reason", "录错村")])
                #expect(voided.status == .seeOther)
                let after = try #require(try await ActivityRecord.find(id, on: app.db))
                #expect(after.title == "安全大讲堂（第二期）" && after.people == 85 && after.voidReason == "录错村")
            }
        }
    }

    @Test("assessment ranking: indicators from the ledger and registers, the veto, history, indicator set versions")
    func assessment() async throws {
        try await withTestApp { app in
            // setup: village A closes its only hazard on time; village B has one overdue and a liability accident.
            let f = try await Fixture.make(app)
            let rows = try await SeedRows(app, f)
            try await rows.hazards(1, in: f.villageA, closed: true, deadline: "2026-11-30")
            try await rows.hazards(1, in: f.villageB, closed: false, deadline: "2026-11-20")
            try await rows.visits(2, .shop, in: f.villageA)
            try await rows.activities(2, .lecture, people: 100, in: f.villageA)
            _ = try await api(app, .POST, "/api/v1/accidents", as: f.tokens["officer"], json: RegisterBody([
                "occurredOn": "2026-11-10", "venue": "峡窝村", "gridId": "\(f.villageB.id!)", "type": "fire", "deaths": "1",
                "liability": "liability", "description": "民房火灾"]))
            let document = try OpenAPIDocumentFile(try await app.testing().sendRequest(.GET, "/api/v1/openapi.json"))

            // MUT
            let response = try await api(app, .GET, "/api/v1/assessments?period=2026-11&gridId=\(f.township.id!)", as: f.tokens["leader"])

            // validate
            document.check(response, .GET, "/assessments", expect: .ok)
            let body = try decode(AssessmentDTO.self, response)
            let units = body.units
            #expect(units.map(\.name) == ["马固村", "峡窝村"])
            try #require(units.count == 2)
            let a = units[0], b = units[1]
            #expect(a.rank == 1 && a.vetoed == false)
            // Village A: closure 100 %, on time 100 %, no rework; 2 of its 4 places inspected (the fixture's and 3 new ones).
            let aLines = Dictionary(uniqueKeysWithValues: a.indicators.map { ($0.indicator, $0) })
            #expect(aLines[.closureRate]?.value == 1000)
            #expect(aLines[.onTimeRate]?.value == 1000)
            #expect(aLines[.reworkRate]?.score == 1000)
            #expect(aLines[.activitiesHeld]?.value == 1000)
            #expect(aLines[.publicReportsHandled]?.value == nil, "no reports: the indicator drops out")
            #expect(a.facts.places == 4 && a.facts.placesInspected == 2)
            #expect(aLines[.inspectionCoverage]?.value == 500)
            // (30×1000 + 20×1000 + 10×1000 + 20×500 + 10×1000) / 90 = 888.9 → 889
            #expect(a.score == 889 && a.points == "88.9" && a.grade == .good)
            #expect(b.vetoed == true && b.grade == .fail && b.rank == 2)

            let history = try await api(app, .GET, "/api/v1/assessments/history?period=2026-11&count=3&gridId=\(f.villageA.id!)", as: f.tokens["officer"])
            document.check(history, .GET, "/assessments/history", expect: .ok)
            let items = try decode(AssessmentHistoryDTO.self, history).items
            #expect(items.map(\.period) == ["2026-09", "2026-10", "2026-11"])
            #expect(items.last?.score == 889)

            // A new indicator set version: weights only on closure; results name version 2.
            let saved = try await api(app, .POST, "/api/v1/assessments/indicator-sets", as: f.tokens["admin"],
                                      json: IndicatorSetRequest(target: "village", periodKind: "month", weights: ["closureRate": 100]))
            document.check(saved, .POST, "/assessments/indicator-sets", expect: .created)
            #expect(try decode(IndicatorSetDTO.self, saved).version == 2)
            let refused = try await api(app, .POST, "/api/v1/assessments/indicator-sets", as: f.tokens["officer"],
                                        json: IndicatorSetRequest(target: "village", periodKind: "month", weights: ["closureRate": 100]))
            #expect(refused.status == .forbidden)
            let againResponse = try await api(app, .GET, "/api/v1/assessments?period=2026-11&gridId=\(f.township.id!)", as: f.tokens["admin"])
            document.check(againResponse, .GET, "/assessments", expect: .ok)
            let again = try decode(AssessmentDTO.self, againResponse)
            #expect(again.indicatorSet.version == 2)
            #expect(again.units.first?.score == 1000)
            document.check(try await api(app, .GET, "/api/v1/assessments/indicator-sets", as: f.tokens["leader"]), .GET, "/assessments/indicator-sets",
                           expect: .ok)
            let workers = try await api(app, .GET, "/api/v1/assessments?period=2026-11&gridId=\(f.township.id!)&target=gridWorker", as: f.tokens["officer"])
            document.check(workers, .GET, "/assessments", expect: .ok)
            #expect(Set(try decode(AssessmentDTO.self, workers).units.map(\.name)) == ["用户worker", "用户worker2", "用户workerB"])
            #expect(try await api(app, .GET, "/api/v1/assessments?period=2026-11", as: f.tokens["worker"]).status == .forbidden)
            #expect(try await api(app, .GET, "/api/v1/assessments?period=2026-11&gridId=\(f.otherTownship.id!)", as: f.tokens["officer"]).status == .notFound)
            #expect(try await api(app, .GET, "/api/v1/assessments?period=2026-11-01..2026-11-05", as: f.tokens["officer"]).status == .badRequest)
        }
    }
}

/// API calls whose answers are checked against the OpenAPI document: `call(method, path,
/// documented path, as: user, json:, expect: status)` records an issue when the status is not
/// the expected one or the answer does not fit the document, and gives the response (read it
/// with `decode(_:_:)`).
struct DocumentedCalls {
    let app: Application
    let f: Fixture
    let document: OpenAPIDocumentFile

    init(_ app: Application, _ f: Fixture) async throws {
        self.app = app
        self.f = f
        document = try OpenAPIDocumentFile(try await app.testing().sendRequest(.GET, "/api/v1/openapi.json"))
    }

    @discardableResult
    func callAsFunction(_ method: HTTPMethod, _ path: String, _ documented: String, as user: String, json: [String: String]? = nil,
                        expect status: HTTPResponseStatus, sourceLocation: SourceLocation = #_sourceLocation) async throws -> TestingHTTPResponse {
        let response = try await api(app, method, path, as: f.tokens[user], json: json.map(RegisterBody.init))
        document.check(response, method, documented, expect: status, sourceLocation: sourceLocation)
        return response
    }
}

/// A JSON object whose numeric-looking values are sent as numbers (ids, counts).
struct RegisterBody: Encodable, Sendable {
    let fields: [String: String]
    init(_ fields: [String: String]) { self.fields = fields }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: JSONBody.Key.self)
        for (k, v) in fields {
            if ["gridId", "people", "deaths", "injuries", "hazardId"].contains(k), let n = Int(v) { try c.encode(n, forKey: .init(k)) }
            else { try c.encode(v, forKey: .init(k)) }
        }
    }
}
