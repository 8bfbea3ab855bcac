@testable import App
import Foundation
import SafeGridDomain
import Testing
import Vapor
import VaporTesting

/// `JSONWriter` must give the same JSON as the Codable path it replaces on the ledger API.
@Suite("JSON writer")
struct JSONWriterTests {
    /// Vapor's JSON encoder, as the Codable path uses it.
    let encoder = JSONEncoder.custom(dates: .iso8601)

    func parsed(_ bytes: some Sequence<UInt8>) throws -> NSObject {
        try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) as! NSObject
    }

    func written<T: JSONWritable>(_ value: T) -> [UInt8] {
        var json = JSONWriter()
        value.write(to: &json)
        return json.bytes
    }

    @Test("strings, numbers and dates read back as JSONEncoder's do", arguments: [
        "", "plain", "配电箱私拉乱接电线", "quote \" backslash \\ slash /", "line\nbreak\ttab\rreturn",
        "\u{01}\u{08}\u{0C}\u{1F} control", "emoji 🔥 and 𠀀", "</script>",
    ])
    func strings(_ text: String) throws {
        #expect(try parsed(written(text)) == parsed(try encoder.encode(text)))
        #expect(try parsed(written(text)) as? String == text)
    }

    @Test("numbers", arguments: [0.0, 34.0, -0.5, 113.123456, 1e-7, 123456789.125, -180.0])
    func numbers(_ value: Double) throws {
        #expect(try parsed(written(value)) == parsed(try encoder.encode(value)))
        #expect(try parsed(written(Int(value.rounded()))) == parsed(try encoder.encode(Int(value.rounded()))))
    }

    @Test("dates to the second in UTC", arguments: [0.0, 1_790_000_000, 1_790_000_000.999, 951_825_600, 4_102_444_799.5])
    func dates(_ seconds: Double) throws {
        let date = Date(timeIntervalSince1970: seconds)
        let text = String(decoding: written(date), as: UTF8.self)
        #expect(text == String(decoding: try encoder.encode(date), as: UTF8.self), "\(seconds)")
    }

    @Test("a ledger page over HTTP is the JSON the Codable path gives for the same values")
    func ledgerPage() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            var tricky = HazardLoopTests.NewHazard(placeId: f.place.id)
            tricky.title = "消防通道\"堵塞\" \\ 第\n2处"
            _ = try await api(app, .POST, "/api/v1/hazards", as: f.tokens["worker"], json: tricky)
            _ = try await api(app, .POST, "/api/v1/hazards", as: f.tokens["worker"], json: HazardLoopTests.NewHazard(placeId: f.place.id))
            let response = try await api(app, .GET, "/api/v1/hazards?limit=50", as: f.tokens["officer"])
            #expect(response.status == .ok)
            #expect(response.headers.contentType == .json)
            let body = Array(response.body.readableBytesView)
            var page = try JSONDecoder.custom(dates: .iso8601).decode(ListResponse<HazardDTO>.self, from: Data(body))
            #expect(page.items.count == 2 && page.total == 2)
            #expect(page.items.contains { $0.title == tricky.title })
            // The body as sent equals the Codable encoding of what it says.
            #expect(try parsed(body) == parsed(try encoder.encode(page)))
            #expect(try parsed(written(page)) == parsed(body))

            // One hazard (GET and the answer to a registration) is written the same way.
            let one = try await api(app, .GET, "/api/v1/hazards/\(page.items[0].id)", as: f.tokens["officer"])
            #expect(one.status == .ok && one.headers.contentType == .json)
            let oneBody = Array(one.body.readableBytesView)
            let decoded = try JSONDecoder.custom(dates: .iso8601).decode(HazardDTO.self, from: Data(oneBody))
            #expect(try parsed(oneBody) == parsed(try encoder.encode(decoded)))
            #expect(decoded.id == page.items[0].id && decoded.title == page.items[0].title)

            // Values the demo hazards do not have: a plan, coordinates, fractions of seconds, nulls.
            page.items[0].plan = GovernancePlan(goal: "目标", measures: "措施\"一\"", funding: "5万元", organisation: "镇安办",
                                                timeline: "30天", safetyMeasures: "警戒")
            page.items[0].latitude = 34.0
            page.items[0].longitude = 113.654321
            page.items[0].discoveredAt = Date(timeIntervalSince1970: 1_790_000_000.75)
            page.items[0].closedAt = nil
            page.items[1].transferredTo = .fire
            page.items[1].deadline = "2026-12-01"
            page.items[1].daysOverdue = 3
            #expect(try parsed(written(page)) == parsed(try encoder.encode(page)))
        }
    }
}
