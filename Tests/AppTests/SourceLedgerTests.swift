@testable import App
import Fluent
import Foundation
import SafeGridDomain
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite("Five ledgers (五本账): by source and unit, API, page and CSV")
struct SourceLedgerTests {
    /// Five hazards in the fixture's township from four sources, one of them late and one
    /// closed by hand, plus one in the other township.
    static func record(_ app: Application, _ f: Fixture) async throws -> (late: Int, closed: Int) {
        let late = try await HazardSteps.register(app, f, as: "worker", title: "配电箱无门", source: "grid")
        try await HazardSteps.assign(app, f, late)
        // A deadline in the past, as if the hazard had been assigned weeks ago.
        // Fixtures written past the store on purpose: no action sets a past deadline or closes without review.
        let sql = app.db as! any SQLDatabase
        let pastDeadline = CivilDate(Date.t0).adding(days: -3).description
        try await sql.raw("UPDATE hazards SET deadline = \(bind: pastDeadline) WHERE id = \(bind: late)").run()

        let closed = try await HazardSteps.register(app, f, as: "worker", title: "灭火器过期", source: "grid")
        try await sql.raw("UPDATE hazards SET state = 'closed', closed_at = \(bind: Date.t0) WHERE id = \(bind: closed)").run()

        _ = try await HazardSteps.register(app, f, as: "officer", title: "村道护栏缺失", source: "territorial", grid: f.villageB)
        _ = try await HazardSteps.register(app, f, as: "expert", title: "粉尘未清扫", source: "expert")
        _ = try await HazardSteps.register(app, f, as: "owner", title: "安全出口上锁", source: "enterprise")
        _ = try await HazardSteps.register(app, f, as: "officer2", title: "招牌松动", source: "territorial", grid: f.otherVillage)
        return (late, closed)
    }

    static func tally(_ unit: SourceLedgersDTO.UnitDTO, _ source: HazardSource) -> SourceLedgersDTO.TallyDTO? {
        unit.sources.first { $0.source == source }?.tally
    }

    @Test("an officer sees the villages of the township with each source counted apart")
    func officerSeesVillages() async throws {
        try await withTestApp { app in
            // setup
            let f = try await Fixture.make(app)
            _ = try await Self.record(app, f)

            // MUT
            let response = try await api(app, .GET, "/api/v1/ledgers/sources", as: f.tokens["officer"])

            // validate
            #expect(response.status == .ok)
            let body = try decode(SourceLedgersDTO.self, response)
            #expect(body.level == "village")
            let units = body.units
            #expect(units.map(\.name) == ["马固村", "峡窝村"], "the township's two villages, in code order")
            try #require(units.count == 2)
            let villageA = units[0], villageB = units[1]
            let grid = try #require(Self.tally(villageA, .grid))
            #expect(grid.open == 1)
            #expect(grid.overdue == 1)
            #expect(grid.closed == 1)
            #expect(grid.progressPerMille == 500)
            #expect(Self.tally(villageA, .expert)?.open == 1)
            #expect(Self.tally(villageA, .enterprise)?.open == 1)
            #expect(Self.tally(villageA, .territorial)?.open == 0)
            #expect(Self.tally(villageA, .territorial)?.zeroed == true)
            #expect(Self.tally(villageB, .territorial)?.open == 1)
            let total = body.total
            #expect(total.open == 4, "the other township's hazard is out of the officer's scope")
            #expect(total.closed == 1)
        }
    }

    @Test("the whole district is one row per township, and a township narrows to its villages")
    func districtAndDrillDown() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            _ = try await Self.record(app, f)

            let district = try decode(SourceLedgersDTO.self, try await api(app, .GET, "/api/v1/ledgers/sources", as: f.tokens["admin"]))
            #expect(district.level == "township")
            let townships = district.units
            #expect(Set(townships.map(\.name)) == ["峡窝镇", "新安路街道"])
            let other = try #require(townships.first { $0.name == "新安路街道" })
            #expect(Self.tally(other, .territorial)?.open == 1)

            let narrowed = try decode(SourceLedgersDTO.self, try await api(app, .GET, "/api/v1/ledgers/sources?townshipId=\(f.otherTownship.id ?? 0)", as: f.tokens["admin"]))
            #expect(narrowed.level == "village")
            #expect(narrowed.units.map(\.name) == ["新安社区"])
        }
    }

    @Test("a township outside the caller's scope, or a malformed one, is refused with a field error")
    func refusals() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let outside = try await api(app, .GET, "/api/v1/ledgers/sources?townshipId=\(f.otherTownship.id ?? 0)", as: f.tokens["officer"])
            #expect(outside.status == .badRequest)
            #expect(outside.body.string.contains("townshipId"))
            let village = try await api(app, .GET, "/api/v1/ledgers/sources?townshipId=\(f.villageA.id ?? 0)", as: f.tokens["officer"])
            #expect(village.status == .badRequest, "a village is not a township")
            let garbage = try await api(app, .GET, "/api/v1/ledgers/sources?townshipId=abc", as: f.tokens["officer"])
            #expect(garbage.status == .badRequest)
            let anonymous = try await api(app, .GET, "/api/v1/ledgers/sources", as: nil)
            #expect(anonymous.status == .unauthorized)
        }
    }

    @Test("the page shows the five sources and the chosen source's villages; the CSV has a row per village and source")
    func pageAndCSV() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            _ = try await Self.record(app, f)
            let officer = try await WebSession.login(app, "officer")

            let page = try await officer.get("/ledgers?source=grid")
            #expect(page.status == .ok)
            let html = page.body.string
            for label in ["属地", "网格", "行业", "企业", "专家", "清零进度", "马固村", "峡窝村"] {
                #expect(html.contains(label), "the page should show \(label)")
            }
            #expect(html.contains("/hazards?gridId=\(f.villageA.id ?? 0)&amp;source=grid") || html.contains("/hazards?gridId=\(f.villageA.id ?? 0)&source=grid"),
                    "a village opens its grid-source hazards in the ledger")
            WebPagesTests.expectClean(html, "/ledgers")
            let english = try await officer.get("/ledgers?lang=en")
            #expect(english.body.string.contains("Progress to zero"))

            let csv = try await officer.get("/ledgers.csv")
            #expect(csv.status == .ok)
            #expect(csv.headers.contentType?.subType == "csv")
            let lines = csv.body.string.split(whereSeparator: \.isNewline)
            #expect(lines.count == 1 + 2 * 6, "a header, then all sources plus five per village: \(lines.count) lines")
            #expect(lines.contains { $0.contains("马固村") && $0.contains("网格") && $0.hasSuffix(",50%") })

            let xlsx = try await officer.get("/ledgers.xlsx")
            #expect(xlsx.status == .ok)
            #expect(xlsx.headers.contentType == Download.xlsxType)
            #expect(Array(xlsx.body.readableBytesView.prefix(2)) == [0x50, 0x4B], "an .xlsx is a zip container")

            let bad = try await officer.get("/ledgers?source=nonsense")
            #expect(bad.status == .badRequest)
        }
    }
}
