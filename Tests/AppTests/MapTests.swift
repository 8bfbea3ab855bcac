@testable import App
import Fluent
import Foundation
import SafeGridDomain
import Testing
import Vapor
import VaporTesting

@Suite("Four-colour maps")
struct MapTests {
    /// A square cell of the fixture district as a GeoJSON feature.
    static func feature(_ code: String, column: Int, row: Int = 0, size: Double = 0.01) -> String {
        let w = 113.25 + Double(column) * size, n = 34.82 - Double(row) * size
        return #"{"type":"Feature","properties":{"code":"\#(code)"},"geometry":{"type":"Polygon","coordinates":[[[\#(w),\#(n)],[\#(w),\#(n - size)],[\#(w + size),\#(n - size)],[\#(w + size),\#(n)],[\#(w),\#(n)]]]}}"#
    }

    static func collection(_ f: Fixture) -> String {
        let features = [
            feature(f.district.code, column: 0, size: 0.03), feature(f.township.code, column: 0, size: 0.02),
            feature(f.villageA.code, column: 0), feature(f.villageB.code, column: 1),
            feature(f.otherTownship.code, column: 2), feature(f.otherVillage.code, column: 2), feature("999999999999", column: 5),
        ]
        return #"{"type":"FeatureCollection","features":["# + features.joined(separator: ",") + "]}"
    }

    /// `data-grid-id` → `data-level` of every filled area in the SVG.
    static func areas(_ svg: String) -> [Int: String] {
        var result: [Int: String] = [:]
        for match in svg.matches(of: #/class="area" data-grid-id="(\d+)" data-level="([a-z]+)" fill="(#[0-9a-f]{6})"/#) {
            let level = String(match.output.2)
            let expected = RiskLevel(rawValue: level)?.colour ?? RiskLevel.unassessedColour
            if String(match.output.3) == expected { result[Int(match.output.1)!] = level } else { result[Int(match.output.1)!] = "wrong colour" }
        }
        return result
    }

    @Test("boundaries upload by code; the region map has one shape per village in its highest level's colour")
    func regionMap() async throws {
        try await withTestApp { app in
            // setup
            let f = try await Fixture.make(app)
            let denied = try await riskCall(app, .POST, "/api/v1/grid-boundaries", f.tokens["worker"], Self.collection(f))
            #expect(denied.status == .forbidden)
            let upload = try await riskCall(app, .POST, "/api/v1/grid-boundaries", f.tokens["admin"], Self.collection(f))
            #expect(upload.status == .ok)
            let result = try decode(BoundaryImportResult.self, upload)
            #expect(result.updated == 6 && result.unmatched == ["999999999999"])
            let a = try await RiskSteps.assess(app, f, place: f.place, as: "worker", #"{"method":"lec","inputs":{"L":3,"E":6,"C":15}}"#)
            _ = try await RiskSteps.approve(app, f, a, as: "officer")
            let b = try await RiskSteps.assess(app, f, place: f.otherPlace, as: "officer2", #"{"method":"ls","inputs":{"L":1,"S":2}}"#)
            _ = try await RiskSteps.approve(app, f, b, as: "admin")

            // MUT
            let response = try await riskCall(app, .GET, "/api/v1/maps/region.svg", f.tokens["admin"])

            // validate
            #expect(response.status == .ok)
            #expect(response.headers.contentType?.subType == "svg+xml")
            let svg = response.body.string
            #expect(Self.areas(svg) == [f.villageA.id!: "orange", f.villageB.id!: "none", f.otherVillage.id!: "blue"],
                    "one shape per village, coloured by its highest level")
            #expect(svg.components(separatedBy: "class=\"outline\"").count - 1 == 3, "district and both townships as outlines")
            #expect(svg.contains(">马固村</text>") && svg.contains(">重大风险</text>"), "labels and legend")

            // An open major hazard anywhere in a village turns it red.
            _ = try await HazardSteps.register(app, f, as: "workerB", title: "边坡裂缝扩大", grade: "major", grid: f.villageB)
            let after = try await riskCall(app, .GET, "/api/v1/maps/region.svg?labels=false", f.tokens["admin"]).body.string
            #expect(Self.areas(after)[f.villageB.id!] == "red")
            #expect(!after.contains(">马固村</text>"), "labels=false hides the names")

            // Zoom to a township: only its villages; a village beyond reach is 404; enterprises see no maps.
            let zoomed = try await riskCall(app, .GET, "/api/v1/maps/region.svg?grid=\(f.township.id!)", f.tokens["officer"]).body.string
            #expect(Set(Self.areas(zoomed).keys) == [f.villageA.id!, f.villageB.id!])
            #expect(try await riskCall(app, .GET, "/api/v1/maps/region.svg?grid=\(f.otherTownship.id!)", f.tokens["officer"]).status == .notFound)
            #expect(try await riskCall(app, .GET, "/api/v1/maps/region.svg", f.tokens["owner"]).status == .forbidden)
        }
    }

    @Test("GCJ-02 uploads are stored as WGS-84; the enterprise map draws places as coloured points")
    func enterpriseMapAndDatum() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let gcj = GCJ02.fromWGS84(GeoPoint(longitude: 113.25, latitude: 34.82))
            let body = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"gridCode":\#(f.villageA.code)},"geometry":{"type":"Polygon","coordinates":[[[\#(gcj.longitude),\#(gcj.latitude)],[113.27,34.80],[113.27,34.82],[\#(gcj.longitude),\#(gcj.latitude)]]]}}]}"#
            let upload = try await riskCall(app, .POST, "/api/v1/grid-boundaries?crs=gcj02&property=gridCode", f.tokens["officer"], body)
            #expect(try decode(BoundaryImportResult.self, upload).updated == 1)
            let stored = try #require(try await GridRecord.find(f.villageA.id, on: app.db)?.boundary.flatMap(GeoJSON.storedShape))
            let first = stored.polygons[0][0][0]
            #expect(abs(first.longitude - 113.25) < 1e-6 && abs(first.latitude - 34.82) < 1e-6, "stored \(first)")
            #expect(try await riskCall(app, .POST, "/api/v1/grid-boundaries?crs=bd09", f.tokens["admin"], body).status == .badRequest)
            #expect(try await riskCall(app, .POST, "/api/v1/grid-boundaries", f.tokens["admin"], #"{"type":"Point"}"#).status == .badRequest)

            let place = try #require(try await PlaceRecord.find(f.place.id, on: app.db))
            place.latitude = 34.81; place.longitude = 113.262
            try await place.save(on: app.db)
            let a = try await RiskSteps.assess(app, f, place: f.place, as: "worker", #"{"method":"ls","inputs":{"L":5,"S":5}}"#)
            _ = try await RiskSteps.approve(app, f, a, as: "officer")
            let svg = try await riskCall(app, .GET, "/api/v1/maps/enterprises.svg", f.tokens["admin"]).body.string
            #expect(svg.contains(#"<a href="/places/\#(f.place.id!)/risk"><circle class="place" data-place-id="\#(f.place.id!)" data-level="red""#))
            #expect(svg.components(separatedBy: "<circle").count - 1 == 1, "places without coordinates are not drawn")
            #expect(svg.contains(#"data-level="#) && !svg.contains(#"class="area" data-grid-id="\#(f.villageA.id!)" data-level"#),
                    "grids are drawn plain under the points")
        }
    }

    @Test("forms with coordinates carry a map of the user's grids to tap, unlinked, only where boundaries exist")
    func pickerMap() async throws {
        try await withTestApp { app in
            // setup
            let f = try await Fixture.make(app)
            let worker = try await WebSession.login(app, "worker")
            let before = try await worker.get("/hazards/new").body.string
            #expect(!before.contains("data-pick-map"), "no boundaries, no map")
            #expect(try await riskCall(app, .POST, "/api/v1/grid-boundaries", f.tokens["admin"], Self.collection(f)).status == .ok)
            let place = try #require(try await PlaceRecord.find(f.place.id, on: app.db))
            place.latitude = 34.815; place.longitude = 113.255
            try await place.save(on: app.db)

            // MUT
            let form = try await worker.get("/hazards/new").body.string
            let officerForm = try await WebSession.login(app, "officer").get("/places/new").body.string

            // validate
            #expect(form.contains("data-pick-map") && form.contains("data-pick=\""))
            let svg = String(try #require(form.firstMatch(of: #/<svg[\s\S]*?</svg>/#)?.output))
            #expect(Set(Self.plainAreas(svg)) == [f.villageA.id!], "a worker of village A sees village A")
            #expect(svg.contains(#"data-place-id="\#(f.place.id!)""#), "with its places as dots")
            #expect(!svg.contains("<a "), "nothing on the map leaves the form")
            #expect(form.contains("在地图上点选位置"))
            let township = String(try #require(officerForm.firstMatch(of: #/<svg[\s\S]*?</svg>/#)?.output))
            #expect(Set(Self.plainAreas(township)) == [f.villageA.id!, f.villageB.id!], "a township officer sees its villages")
            #expect(try await worker.get("/inspections/new").body.string.contains("data-pick-map"))
        }
    }

    /// `data-grid-id` of every area of a map drawn without risk colours.
    static func plainAreas(_ svg: String) -> [Int] {
        svg.matches(of: #/class="area" data-grid-id="(\d+)" fill/#).map { Int($0.output.1)! }
    }

    @Test("the demo district has boundaries for every grid, no overlapping villages, and maps in all four colours")
    func demoDistrict() async throws {
        try await withTestApp { app in
            // setup
            try await DemoLoader.load(app)
            let grids = try await GridRecord.query(on: app.db).all()
            #expect(grids.allSatisfy { $0.boundary != nil }, "every demo grid has a boundary")
            let villages = grids.filter { $0.level == .village }.compactMap { g in g.boundary.flatMap(GeoJSON.storedShape).map { (g, $0) } }
            // No overlaps: a village's inner points lie in no other village.
            for (grid, shape) in villages {
                let points = shape.allPoints
                let lon = points.map(\.longitude).reduce(0, +) / Double(points.count), lat = points.map(\.latitude).reduce(0, +) / Double(points.count)
                let centre = GeoPoint(longitude: lon, latitude: lat)
                #expect(shape.contains(centre), "\(grid.name) contains its centre")
                #expect(villages.filter { $0.1.contains(centre) }.count == 1, "\(grid.name)'s centre lies in no other village")
            }
            let places = try await PlaceRecord.query(on: app.db).with(\.$grid).all()
            for p in places {
                let shape = try #require(p.grid.boundary.flatMap(GeoJSON.storedShape))
                #expect(shape.contains(GeoPoint(longitude: p.longitude ?? 0, latitude: p.latitude ?? 0)), "\(p.name) lies inside \(p.grid.name)")
            }
            let token = try await APITokenSteps.token(app, for: "admin", password: DemoData.password)

            // MUT
            let region = try await riskCall(app, .GET, "/api/v1/maps/region.svg", token).body.string
            let enterprises = try await riskCall(app, .GET, "/api/v1/maps/enterprises.svg", token).body.string

            // validate
            let byName = Dictionary(grids.map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
            let colours = Dictionary(Self.areas(region).map { (byName[$0.key]!, $0.value) }, uniquingKeysWith: { a, _ in a })
            #expect(colours == ["马固村": "red", "峡窝村": "orange", "西宋村": "yellow", "峡窝镇中心小学": "blue", "峡窝镇卫生院": "none",
                                "铝工业园区": "red", "新安社区": "red", "汝南社区": "red", "厚载社区": "orange"])
            #expect(enterprises.components(separatedBy: "<circle").count - 1 == places.count)
            for level in RiskLevel.allCases {
                #expect(enterprises.contains("data-level=\"\(level.rawValue)\" cx="), "a \(level) place on the enterprise map")
            }
        }
    }
}

enum APITokenSteps {
    static func token(_ app: Application, for username: String, password: String) async throws -> String {
        let response = try await app.testing().sendRequest(.POST, "/api/v1/auth/token") { req in
            try req.content.encode(["username": username, "password": password])
        }
        return try decode(AuthAPIController.TokenResponse.self, response).token
    }
}
