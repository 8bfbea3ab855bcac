@testable import App
import Foundation
import SafeGridDomain
import Testing
import Vapor
import VaporTesting

/// Search text is matched literally: `%` and `_` used to be dropped, so "100%" found every
/// hazard containing "100" and "_" matched anything.
@Suite struct SearchTests {
    @Test("%, _ and \\ in search text find what they say", arguments: [("100%", ["灭火器 100% 过期"]), ("A_1", ["A_1 配电箱"]), ("%", ["灭火器 100% 过期"]), ("_", ["A_1 配电箱"])])
    func literalSearch(text: String, expected: [String]) async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            for title in ["灭火器 100% 过期", "灭火器 1000 个", "A_1 配电箱", "AB1 配电箱"] {
                _ = try await HazardSteps.register(app, f, title: title)
            }
            let query = text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            let response = try await api(app, .GET, "/api/v1/hazards?q=\(query)", as: f.tokens["officer"])
            #expect(response.status == .ok)
            let items = try decode(ListResponse<HazardDTO>.self, response).items
            #expect(items.map(\.title).sorted() == expected.sorted(), "\(text)")
        }
    }
}
