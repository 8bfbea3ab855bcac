@testable import App
import Foundation
import Testing
import VaporTesting

@Suite("Health, readiness and metrics")
struct HealthTests {
    @Test("healthz and readyz answer ok on a migrated database")
    func health() async throws {
        try await withTestApp { app in
            let health = try await app.testing().sendRequest(.GET, "/healthz")
            #expect(health.status == .ok)
            let ready = try await app.testing().sendRequest(.GET, "/readyz")
            #expect(ready.status == .ok)
            #expect(try decode(HealthController.Status.self, ready).pendingMigrations == 0)
        }
    }

    @Test("metrics are valid Prometheus text with request, hazard and job figures")
    func metrics() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            _ = try await api(app, .POST, "/api/v1/hazards", as: f.tokens["worker"], json: HazardLoopTests.NewHazard(placeId: f.place.id))
            _ = try await api(app, .GET, "/api/v1/hazards/99999", as: f.tokens["worker"])
            let response = try await app.testing().sendRequest(.GET, "/metrics")
            #expect(response.status == .ok)
            #expect(response.headers.contentType?.description.hasPrefix("text/plain") == true)
            let samples = try PrometheusText.parse(response.body.string)
            #expect(samples.contains { $0.name == "safegrid_hazards" && $0.labels["state"] == "registered" && $0.value == 1 })
            #expect(samples.contains { $0.name == "safegrid_hazards_overdue" && $0.value == 0 })
            #expect(samples.contains {
                $0.name == "safegrid_http_requests_total" && $0.labels["route"] == "/api/v1/hazards/:hazardID" && $0.labels["status"] == "404"
            }, "requests are counted under their route pattern, not the raw path")
            #expect(samples.contains { $0.name == "safegrid_http_request_duration_seconds_bucket" && $0.labels["le"] == "+Inf" })
        }
    }
}

/// A strict reader of the Prometheus text exposition format (0.0.4): every sample line must
/// parse, every sample must belong to a family declared by a TYPE line, and values must be numbers.
enum PrometheusText {
    struct Sample {
        let name: String
        let labels: [String: String]
        let value: Double
    }

    static func parse(_ text: String) throws -> [Sample] {
        var types: [String: String] = [:]
        var samples: [Sample] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = String(raw)
            if line.hasPrefix("# TYPE ") {
                let parts = line.split(separator: " ")
                guard parts.count == 4, ["counter", "gauge", "histogram", "summary", "untyped"].contains(parts[3]) else {
                    throw TestFailure("bad TYPE line: \(line)")
                }
                types[String(parts[2])] = String(parts[3])
                continue
            }
            if line.hasPrefix("#") { continue }
            let sample = try parseSample(line)
            let family = ["_bucket", "_sum", "_count"].reduce(sample.name) { name, suffix in
                name.hasSuffix(suffix) && types[String(name.dropLast(suffix.count))] == "histogram" ? String(name.dropLast(suffix.count)) : name
            }
            guard types[family] != nil else { throw TestFailure("sample without TYPE: \(line)") }
            samples.append(sample)
        }
        return samples
    }

    static func parseSample(_ line: String) throws -> Sample {
        var labels: [String: String] = [:]
        let name: String
        var rest: Substring
        if let brace = line.firstIndex(of: "{") {
            name = String(line[..<brace])
            guard let close = line.lastIndex(of: "}") else { throw TestFailure("unclosed labels: \(line)") }
            let body = line[line.index(after: brace)..<close]
            var i = body.startIndex
            while i < body.endIndex {
                guard let eq = body[i...].firstIndex(of: "="), body[body.index(after: eq)] == "\"" else { throw TestFailure("bad label: \(line)") }
                let key = String(body[i..<eq])
                var j = body.index(eq, offsetBy: 2)
                var value = ""
                while body[j] != "\"" {
                    if body[j] == "\\" { j = body.index(after: j) }
                    value.append(body[j])
                    j = body.index(after: j)
                }
                labels[key] = value
                i = body.index(after: j)
                if i < body.endIndex && body[i] == "," { i = body.index(after: i) }
            }
            rest = line[line.index(after: close)...]
        } else {
            guard let space = line.firstIndex(of: " ") else { throw TestFailure("no value: \(line)") }
            name = String(line[..<space])
            rest = line[space...]
        }
        guard name.range(of: "^[a-zA-Z_:][a-zA-Z0-9_:]*$", options: .regularExpression) != nil else { throw TestFailure("bad name: \(line)") }
        let fields = rest.split(separator: " ")
        guard let first = fields.first, let value = Double(first.replacingOccurrences(of: "+Inf", with: "inf")) else {
            throw TestFailure("bad value: \(line)")
        }
        return Sample(name: name, labels: labels, value: value)
    }
}
