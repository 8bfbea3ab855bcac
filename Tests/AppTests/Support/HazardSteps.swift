@testable import App
import Fluent
import Foundation
import SafeGridDomain
import Testing
import Vapor
import VaporTesting

/// Hazards set up through the API, for tests of the pages that show them.
enum HazardSteps {
    /// Records a hazard as `user`; at the fixture's place unless a grid is given. Returns its id.
    static func register(_ app: Application, _ f: Fixture, as user: String = "worker", title: String,
                         category: String = "fire", grade: String = "general", source: String = "grid",
                         grid: GridRecord? = nil) async throws -> Int {
        var body: [String: String] = ["title": title, "category": category, "grade": grade, "source": source,
                                      "description": "\(title)，现场发现"]
        if let grid { body["gridId"] = "\(grid.id ?? 0)" } else { body["placeId"] = "\(f.place.id ?? 0)" }
        let response = try await api(app, .POST, "/api/v1/hazards", as: f.tokens[user], json: JSONBody(body))
        guard response.status == .created else {
            throw TestFailure("registering \(title) failed: \(response.status) \(response.body.string)")
        }
        return try decode(HazardDTO.self, response).id
    }

    /// Assigns through the API as the officer, with a deadline `days` after the test day.
    static func assign(_ app: Application, _ f: Fixture, _ id: Int, days: Int = 10, as user: String = "officer",
                       deadline fixed: String? = nil) async throws {
        let version = try await HazardStore.find(id, on: app.db)?.version ?? 0
        let deadline = fixed ?? CivilDate(Date.t0).adding(days: days).description
        let response = try await api(app, .POST, "/api/v1/hazards/\(id)/actions", as: f.tokens[user], json: JSONBody([
            "action": "assign", "version": "\(version)", "responsibleName": "张三", "responsiblePhone": "13800000001",
            "requirement": "清理杂物，保持通道畅通", "deadline": deadline,
        ]))
        guard response.status == .ok else { throw TestFailure("assign failed: \(response.status) \(response.body.string)") }
    }

    static func state(_ app: Application, _ id: Int) async throws -> HazardState? {
        try await HazardStore.find(id, on: app.db)?.state
    }

    static func eventCount(_ app: Application, _ id: Int) async throws -> Int {
        try await HazardStore.events(of: id, on: app.db).count
    }

    static func current(_ app: Application, _ f: Fixture, _ name: String) async throws -> CurrentUser {
        try await CurrentUser.load(f.users[name]!, on: app.db)
    }
}

/// The `error` member of a refusal's body; the test fails with the body if it has another shape.
func apiError(_ response: TestingHTTPResponse) throws -> ErrorBody.Detail {
    try decode(ErrorBody.self, response).error
}

/// A JSON object whose values are numbers where they look like numbers, so the API's Int
/// fields decode from the same dictionary literal as its strings.
struct JSONBody: Encodable, Sendable {
    let fields: [String: String]
    init(_ fields: [String: String]) { self.fields = fields }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        for (k, v) in fields {
            if ["version", "placeId", "gridId"].contains(k), let n = Int(v) { try c.encode(n, forKey: Key(k)) }
            else { try c.encode(v, forKey: Key(k)) }
        }
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
