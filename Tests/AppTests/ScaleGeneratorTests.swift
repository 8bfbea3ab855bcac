@testable import App
import Fluent
import Foundation
import SafeGridDomain
import SQLKit
import Testing
import VaporTesting

@Suite("Synthetic data generator")
struct ScaleGeneratorTests {
    static let sizes = ScaleSizes(districts: 1, townshipsPerDistrict: 2, villagesPerTownship: 3, groupsPerVillage: 2, places: 200, hazards: 2_000)

    struct Row: Decodable { let n: Int }

    func count(_ app: Application, _ query: String) async throws -> Int {
        try await (app.db as! any SQLDatabase).raw(SQLQueryString(query)).first(decoding: Row.self)?.n ?? -1
    }

    @Test("generated histories are consistent with the hazards they describe")
    func consistent() async throws {
        try await withTestApp { app in
            var generator = ScaleGenerator(app: app, sizes: Self.sizes, seed: 7) { _ in }
            try await generator.run()
            #expect(try await count(app, "SELECT COUNT(*) AS n FROM hazards") == 2_000)
            #expect(try await count(app, "SELECT COUNT(*) AS n FROM places") == 200)
            // Every hazard starts with its register event and its version counts its events.
            #expect(try await count(app, "SELECT COUNT(*) AS n FROM hazards h WHERE NOT EXISTS (SELECT 1 FROM hazard_events e WHERE e.hazard_id = h.id AND e.action = 'register')") == 0)
            #expect(try await count(app, "SELECT COUNT(*) AS n FROM hazards h WHERE h.version <> (SELECT COUNT(*) FROM hazard_events e WHERE e.hazard_id = h.id)") == 0)
            // The last event leaves the hazard in its stored state.
            #expect(try await count(app, """
                SELECT COUNT(*) AS n FROM hazards h WHERE h.state <> (SELECT e.to_state FROM hazard_events e WHERE e.hazard_id = h.id ORDER BY e.id DESC LIMIT 1)
                """) == 0)
            // Closed through review: approved by someone other than the submitter.
            #expect(try await count(app, "SELECT COUNT(*) AS n FROM hazard_events a JOIN hazards h ON h.id = a.hazard_id WHERE a.action = 'approve' AND a.actor_id = h.last_submitter_id") == 0)
            #expect(try await count(app, "SELECT COUNT(*) AS n FROM (SELECT number FROM hazards GROUP BY number HAVING COUNT(*) > 1) d") == 0)
            // Every state appears, and some rectifications are overdue.
            for state in [HazardState.registered, .rectifying, .reviewing, .closed, .voided] {
                #expect(try await count(app, "SELECT COUNT(*) AS n FROM hazards WHERE state = '\(state.rawValue)'") > 0, "no \(state) hazards")
            }
            #expect(try await count(app, "SELECT COUNT(*) AS n FROM hazards WHERE rework_count > 0") > 0)
            // Counters continue after the generated numbers, and the next insert works on either engine.
            let officer = try #require(try await UserRecord.query(on: app.db).filter(\.$role == .officer).first())
            let user = try await CurrentUser.load(officer, on: app.db)
            let place = try #require(try await PlaceQuery.scoped(to: user.actor, on: app.db).first())
            let hazard = try await HazardService(app: app).register(try HazardDraft(HazardCreateRequest(
                title: "新隐患", category: "fire", source: "territorial", placeId: place.id)), by: user)
            #expect(hazard.id == 2_001)
            let township = try #require(try await GridRecord.find(hazard.townshipId, on: app.db))
            let generated = try await count(app, "SELECT COUNT(*) AS n FROM hazards WHERE township_id = \(township.id!) AND number LIKE 'YH-%-2026-%' AND id < 2001")
            #expect(hazard.number == CaseNumber.hazard(townshipCode: township.code, year: 2026, sequence: generated + 1))
        }
    }

    @Test("the same seed gives the same data")
    func deterministic() async throws {
        var first: [String] = []
        for _ in 0..<2 {
            try await withTestApp { app in
                let sizes = ScaleSizes(districts: 1, townshipsPerDistrict: 1, villagesPerTownship: 2, groupsPerVillage: 1, places: 20, hazards: 100)
                var generator = ScaleGenerator(app: app, sizes: sizes, seed: 42) { _ in }
                try await generator.run()
                let rows = try await HazardStore.select(where: "1 = 1", on: app.db).map { "\($0.number)|\($0.state)|\($0.placeId ?? 0)" }
                if first.isEmpty { first = rows } else { #expect(rows == first) }
            }
        }
    }

    @Test("a database that holds data is refused")
    func refusesNonEmpty() async throws {
        try await withTestApp { app in
            _ = try await Fixture.make(app)
            var generator = ScaleGenerator(app: app, sizes: Self.sizes, seed: 1) { _ in }
            await #expect(throws: SafeGridError(.conflict, "error.generate.not_empty")) { try await generator.run() }
        }
    }
}
