@testable import App
import Fluent
import Foundation
import SafeGridDomain
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Inspections set up through the API, for the inspection and patrol tests.
enum InspectionSteps {
    struct Start: Encodable, Sendable {
        var placeId: Int
        var kind: String?
        var startedAt: String?
        var inspectorIds: [Int]?
        var night: Bool?
        var campaignId: Int?
    }

    struct Result: Encodable, Sendable {
        var itemId: Int
        var result: String
        var note: String?
        var attachmentIds: [Int]?
    }

    struct Finish: Encodable, Sendable {
        var endedAt: String?
        var note: String?
        var items: [Result]
    }

    /// Starts an inspection as `user`; returns it as the API wrote it.
    static func start(_ app: Application, _ f: Fixture, as user: String = "worker", place: Int, kind: String? = nil,
                      startedAt: Date? = nil) async throws -> InspectionDTO {
        let response = try await api(app, .POST, "/api/v1/inspections", as: f.tokens[user],
                                     json: Start(placeId: place, kind: kind, startedAt: startedAt.map(iso)))
        guard response.status == .created else { throw TestFailure("start failed: \(response.status) \(response.body.string)") }
        return try decode(InspectionDTO.self, response)
    }

    /// The checklist items of a single-inspection response (list rows carry none).
    static func items(_ inspection: InspectionDTO) -> [InspectionItemDTO] {
        inspection.items ?? []
    }

    /// A complete inspection with every item passed, at `startedAt` (one hour long).
    @discardableResult
    static func passAll(_ app: Application, _ f: Fixture, as user: String = "worker", place: Int, startedAt: Date) async throws -> Int {
        let inspection = try await start(app, f, as: user, place: place, startedAt: startedAt)
        let id = inspection.id
        let results = items(inspection).map { Result(itemId: $0.id, result: "pass") }
        let response = try await api(app, .POST, "/api/v1/inspections/\(id)/finish", as: f.tokens[user],
                                     json: Finish(endedAt: iso(startedAt.addingTimeInterval(3600)), items: results))
        guard response.status == .ok else { throw TestFailure("finish failed: \(response.status) \(response.body.string)") }
        return id
    }

    /// Sets what the risk-assessment side would set, and when a place was registered.
    static func setPlace(_ app: Application, _ id: Int, risk: RiskLevel?, registered: String) async throws {
        let sql = app.db as! any SQLDatabase
        try await sql.update("places").set("risk_level", to: risk?.rawValue).set("created_at", to: day(registered).start())
            .where("id", .equal, id).run()
    }

    /// A new place in a grid, registered on `registered`.
    static func place(_ app: Application, _ name: String, grid: GridRecord, category: String = "shop", risk: RiskLevel?,
                      registered: String) async throws -> Int {
        let place = try await DirectoryService(db: app.db, passwords: app.password.async).savePlace(
            PlaceRequest(name: name, category: category, gridId: grid.id, address: "\(name)地址"), existing: nil, by: nil)
        let id = try place.requireID()
        try await setPlace(app, id, risk: risk, registered: registered)
        return id
    }

    /// Dates as the API reads them (ISO 8601).
    static func iso(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }

    static func day(_ text: String) -> CivilDate { CivilDate(iso: text)! }

    /// 10:00 China time on a day.
    static func at(_ text: String, hour: Int = 10) -> Date { day(text).start().addingTimeInterval(Double(hour) * 3600) }
}

/// Sends a JSON body given as text, for bodies with arrays and nested objects.
@discardableResult
func apiJSON(_ app: Application, _ method: HTTPMethod, _ path: String, as token: String?, _ json: String) async throws -> TestingHTTPResponse {
    try await app.testing().sendRequest(method, path) { req in
        if let token { req.headers.bearerAuthorization = BearerAuthorization(token: token) }
        req.headers.contentType = .json
        req.body = ByteBuffer(string: json)
    }
}

/// The field errors of a 400 response as "field=code" pairs; none when the body is not the
/// API's error body (`ErrorBody`: `{"error": {"code", "message", "fields"?}}`).
func fieldErrors(_ response: TestingHTTPResponse) -> [String] {
    let body = try? decode(ErrorBody.self, response)
    return (body?.error.fields ?? []).map { "\($0.field)=\($0.code)" }
}

/// The error code of an error response; nil when the body is not the API's error body.
func errorCode(_ response: TestingHTTPResponse) -> String? {
    (try? decode(ErrorBody.self, response))?.error.code
}
