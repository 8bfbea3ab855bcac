@testable import App
import Fluent
import Foundation
import SafeGridDomain
import Testing
import Vapor
import VaporTesting

/// Sends raw JSON as `token`.
@discardableResult
func riskCall(_ app: Application, _ method: HTTPMethod, _ path: String, _ token: String?, _ json: String? = nil) async throws -> TestingHTTPResponse {
    try await app.testing().sendRequest(method, path) { req in
        if let token { req.headers.bearerAuthorization = BearerAuthorization(token: token) }
        if let json { req.headers.contentType = .json; req.body = ByteBuffer(string: json) }
    }
}

enum RiskSteps {
    /// Drafts an assessment through the API and returns its id.
    static func assess(_ app: Application, _ f: Fixture, place: PlaceRecord, as user: String, _ body: String) async throws -> Int {
        let response = try await riskCall(app, .POST, "/api/v1/places/\(place.id!)/risk-assessments", f.tokens[user], body)
        guard response.status == .created else {
            throw TestFailure("assessment failed: \(response.status) \(response.body.string)")
        }
        return try decode(RiskAssessmentDTO.self, response).id
    }

    static func approve(_ app: Application, _ f: Fixture, _ id: Int, as user: String) async throws -> TestingHTTPResponse {
        try await riskCall(app, .POST, "/api/v1/risk-assessments/\(id)/approve", f.tokens[user])
    }

    static func level(_ app: Application, _ place: PlaceRecord) async throws -> RiskLevel? {
        try await PlaceRecord.find(place.id, on: app.db)?.riskLevel
    }
}

@Suite("Risk assessments through the API")
struct RiskAPITests {
    @Test("a draft changes nothing; approval by someone else sets the place's level; history is kept")
    func draftAndApprove() async throws {
        try await withTestApp { app in
            // setup
            let f = try await Fixture.make(app)
            // MUT: the grid worker drafts LEC 3 × 6 × 15 = 270 (orange)
            let id = try await RiskSteps.assess(app, f, place: f.place, as: "worker", #"{"method":"lec","inputs":{"L":3,"E":6,"C":15},"note":"粉尘"}"#)
            // validate
            #expect(try await RiskSteps.level(app, f.place) == nil, "a draft must not change the place's level")
            let selfApproval = try await RiskSteps.approve(app, f, id, as: "worker")
            #expect(selfApproval.status == .forbidden)
            #expect(try await RiskSteps.approve(app, f, id, as: "officer2").status == .notFound, "another township's officer sees nothing")
            let approved = try await RiskSteps.approve(app, f, id, as: "officer")
            #expect(approved.status == .ok)
            let body = try decode(RiskAssessmentDTO.self, approved)
            #expect(body.state == "approved" && body.level == .orange && body.score == 270)
            #expect(body.controlLevel == .department && body.tableVersion == 1)
            #expect(try await RiskSteps.level(app, f.place) == .orange)
            #expect(try await RiskSteps.approve(app, f, id, as: "admin").status == .conflict, "approving twice is a conflict")

            // A later approved assessment becomes the current level; both stay in the history.
            let second = try await RiskSteps.assess(app, f, place: f.place, as: "expert", #"{"method":"ls","inputs":{"L":2,"S":2}}"#)
            #expect(try await RiskSteps.approve(app, f, second, as: "officer").status == .ok)
            #expect(try await RiskSteps.level(app, f.place) == .blue)
            let history = try decode(ListResponse<RiskAssessmentDTO>.self,
                                     try await riskCall(app, .GET, "/api/v1/places/\(f.place.id!)/risk-assessments", f.tokens["leader"]))
            #expect(history.items.map(\.method) == [.ls, .lec], "newest first")
        }
    }

    @Test("inputs outside the table are field errors; who may assess is checked")
    func invalidAndForbidden() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let bad = try await riskCall(app, .POST, "/api/v1/places/\(f.place.id!)/risk-assessments", f.tokens["worker"],
                                         #"{"method":"lec","inputs":{"L":4,"E":6}}"#)
            #expect(bad.status == .badRequest)
            let fields = try decode(ErrorBody.self, bad).error.fields ?? []
            #expect(Set(fields.map(\.field)) == ["inputs.L", "inputs.C"])
            let method = try await riskCall(app, .POST, "/api/v1/places/\(f.place.id!)/risk-assessments", f.tokens["worker"], #"{"method":"xyz","inputs":{}}"#)
            #expect(method.status == .badRequest)
            let leader = try await riskCall(app, .POST, "/api/v1/places/\(f.place.id!)/risk-assessments", f.tokens["leader"],
                                            #"{"method":"ls","inputs":{"L":1,"S":1}}"#)
            #expect(leader.status == .forbidden)
            let outside = try await riskCall(app, .POST, "/api/v1/places/\(f.otherPlace.id!)/risk-assessments", f.tokens["worker"],
                                             #"{"method":"ls","inputs":{"L":1,"S":1}}"#)
            #expect(outside.status == .notFound)
            // The enterprise assesses its own place (企业自评).
            _ = try await RiskSteps.assess(app, f, place: f.place, as: "owner", #"{"method":"ls","inputs":{"L":1,"S":1}}"#)
        }
    }

    @Test("a new table version applies to new assessments only")
    func newTableVersion() async throws {
        try await withTestApp { app in
            // setup: 10 × 10 × 3 = 300 is orange under the shipped LEC bands
            let f = try await Fixture.make(app)
            let inputs = #"{"method":"lec","inputs":{"L":10,"E":10,"C":3}}"#
            let old = try await RiskSteps.assess(app, f, place: f.place, as: "worker", inputs)
            #expect(try await RiskSteps.approve(app, f, old, as: "officer").status == .ok)

            // MUT: the admin publishes stricter bands
            let denied = try await riskCall(app, .POST, "/api/v1/risk-tables", f.tokens["officer"], #"{"method":"lec","bands":{"red":240,"orange":120,"yellow":50}}"#)
            #expect(denied.status == .forbidden)
            let invalid = try await riskCall(app, .POST, "/api/v1/risk-tables", f.tokens["admin"], #"{"method":"lec","bands":{"red":100,"orange":120,"yellow":50}}"#)
            #expect(invalid.status == .badRequest)
            let published = try await riskCall(app, .POST, "/api/v1/risk-tables", f.tokens["admin"], #"{"method":"lec","bands":{"red":240,"orange":120,"yellow":50}}"#)
            #expect(published.status == .created)
            #expect(try decode(RiskTableDTO.self, published).version == 2)

            // validate
            let new = try await RiskSteps.assess(app, f, place: f.place, as: "worker", inputs)
            let newRecord = try #require(try await RiskAssessmentRecord.find(new, on: app.db))
            #expect(newRecord.level == .red && newRecord.tableVersion == 2)
            let oldRecord = try #require(try await RiskAssessmentRecord.find(old, on: app.db))
            #expect(oldRecord.level == .orange && oldRecord.tableVersion == 1, "the earlier assessment keeps its level and version")
            #expect(try await RiskSteps.level(app, f.place) == .orange, "the place keeps its level until the new one is approved")
            let tables = try decode(RiskTableList.self, try await riskCall(app, .GET, "/api/v1/risk-tables", f.tokens["worker"])).items
            #expect(tables.filter { $0.method == .lec }.map(\.version) == [1, 2])
        }
    }

    @Test("the list of major and significant risks; an open major hazard shows red until closed")
    func riskList() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let a = try await RiskSteps.assess(app, f, place: f.place, as: "worker", #"{"method":"ls","inputs":{"L":3,"S":5}}"#)  // 15 orange
            _ = try await RiskSteps.approve(app, f, a, as: "officer")
            let b = try await RiskSteps.assess(app, f, place: f.otherPlace, as: "officer2", #"{"method":"ls","inputs":{"L":3,"S":3}}"#)  // 9 yellow
            _ = try await RiskSteps.approve(app, f, b, as: "admin")

            func risks(_ query: String = "", as user: String = "admin") async throws -> ListResponse<RiskEntryDTO> {
                try decode(ListResponse<RiskEntryDTO>.self, try await riskCall(app, .GET, "/api/v1/risks\(query)", f.tokens[user]))
            }
            var items = try await risks().items
            #expect(items.count == 1 && items.first?.placeName == "马固建材厂" && items.first?.displayedLevel == .orange)
            #expect(try await risks("?level=yellow").total == 1)
            #expect(try await riskCall(app, .GET, "/api/v1/risks?level=purple", f.tokens["admin"]).status == .badRequest)
            #expect(try await risks("?level=blue,yellow,orange,red").items.map(\.level) == [.orange, .yellow],
                    "most serious first, whatever the text order of the level names")
            #expect(try await risks(as: "officer2").total == 0, "scoped to reach")

            _ = try await HazardSteps.register(app, f, title: "粉尘涉爆除尘系统失效", grade: "major")
            items = try await risks().items
            #expect(items.first?.level == .orange && items.first?.displayedLevel == .red)
            #expect(items.first?.openMajorHazard == true)
        }
    }
}

@Suite("Risk and map responses match the OpenAPI document")
struct RiskOpenAPITests {
    @Test("every risk and map operation answers with the documented status and shape")
    func shapes() async throws {
        try await withTestApp { app in
            // setup
            let document = try OpenAPIDocumentFile(try await app.testing().sendRequest(.GET, "/api/v1/openapi.json"))
            let f = try await Fixture.make(app)
            @discardableResult
            func call(_ method: HTTPMethod, _ path: String, _ documented: String, _ user: String, _ json: String? = nil,
                      expect status: HTTPResponseStatus, sourceLocation: SourceLocation = #_sourceLocation) async throws -> TestingHTTPResponse {
                let response = try await riskCall(app, method, path, f.tokens[user], json)
                document.check(response, method, documented, expect: status, sourceLocation: sourceLocation)
                return response
            }
            // MUT and validate
            let lsTable = #"{"method":"ls","bands":{"red":15,"orange":10,"yellow":5}}"#
            try await call(.GET, "/api/v1/risk-tables", "/risk-tables", "worker", expect: .ok)
            try await call(.POST, "/api/v1/risk-tables", "/risk-tables", "admin", lsTable, expect: .created)
            try await call(.POST, "/api/v1/risk-tables", "/risk-tables", "officer", lsTable, expect: .forbidden)  // only admins publish tables
            let placePath = "/places/{placeID}/risk-assessments"
            let draft = try await call(.POST, "/api/v1/places/\(f.place.id!)/risk-assessments", placePath, "worker",
                                       #"{"method":"mes","inputs":{"M":3,"E":6,"S":10},"note":"熔炼炉"}"#, expect: .created)
            try await call(.POST, "/api/v1/places/\(f.place.id!)/risk-assessments", placePath, "worker", #"{"method":"mes","inputs":{"M":2}}"#,
                           expect: .badRequest)  // E and S missing, M outside the table
            try await call(.POST, "/api/v1/places/\(f.otherPlace.id!)/risk-assessments", placePath, "worker", #"{"method":"ls","inputs":{"L":1,"S":1}}"#,
                           expect: .notFound)  // another township's place
            let id = try decode(RiskAssessmentDTO.self, draft).id
            let approvePath = "/risk-assessments/{assessmentID}/approve"
            try await call(.POST, "/api/v1/risk-assessments/\(id)/approve", approvePath, "worker", expect: .forbidden)  // no approving one's own
            try await call(.POST, "/api/v1/risk-assessments/\(id)/approve", approvePath, "officer", expect: .ok)
            try await call(.POST, "/api/v1/risk-assessments/\(id)/approve", approvePath, "admin", expect: .conflict)  // already approved
            try await call(.GET, "/api/v1/places/\(f.place.id!)/risk-assessments", placePath, "leader", expect: .ok)
            try await call(.GET, "/api/v1/risks", "/risks", "officer", expect: .ok)
            try await call(.GET, "/api/v1/risks?level=red,orange,yellow,blue&limit=10", "/risks", "admin", expect: .ok)
            try await call(.GET, "/api/v1/risks?level=x", "/risks", "admin", expect: .badRequest)  // unknown level
            try await call(.GET, "/api/v1/maps/region.svg", "/maps/region.svg", "officer", expect: .ok)
            try await call(.GET, "/api/v1/maps/enterprises.svg?grid=\(f.villageA.id!)", "/maps/enterprises.svg", "worker", expect: .ok)
            try await call(.GET, "/api/v1/maps/region.svg?grid=abc", "/maps/region.svg", "officer", expect: .badRequest)  // grid is not a number
            try await call(.GET, "/api/v1/maps/region.svg", "/maps/region.svg", "owner", expect: .forbidden)  // enterprises see no maps
            try await call(.POST, "/api/v1/grid-boundaries", "/grid-boundaries", "admin", MapTests.collection(f), expect: .ok)
            try await call(.POST, "/api/v1/grid-boundaries", "/grid-boundaries", "admin", "{", expect: .badRequest)  // not GeoJSON
        }
    }
}
