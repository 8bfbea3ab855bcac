import Fluent
import SafeGridDomain
import SafeGridRendering
import Vapor

/// `/api/v1/maps/region.svg`, `/api/v1/maps/enterprises.svg` and the boundary upload.
struct MapAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("maps", "region.svg", use: region)
        routes.get("maps", "enterprises.svg", use: enterprises)
        routes.on(.POST, "grid-boundaries", body: .collect(maxSize: "20mb"), use: uploadBoundaries)
    }

    func region(req: Request) async throws -> Response { try await svg(req, .region) }
    func enterprises(req: Request) async throws -> Response { try await svg(req, .enterprises) }

    private func svg(_ req: Request, _ kind: RiskMapBuilder.Kind) async throws -> Response {
        let user = try req.currentUser()
        let options = try MapOptions(req)
        let root = try await RiskMapBuilder.root(options.gridId, for: user, on: req.db)
        let settings = req.application.riskSettings
        let map = try await RiskMapBuilder.load(root: root, for: user, rule: settings.rule, on: req.db)
        let text = RiskMap.svg(map.scene(kind, t: Texts(req), labels: options.labels, tiles: options.tiles ? settings.tileTemplate : nil))
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "image", subType: "svg+xml", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .cacheControl, value: "private, no-cache")
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }

    /// A GeoJSON FeatureCollection whose features carry the grid code in `code` (or the
    /// property `?property=` names); `?crs=gcj02` converts from phone-map coordinates.
    func uploadBoundaries(req: Request) async throws -> BoundaryImportResult {
        let user = try req.currentUser()
        guard let body = req.body.data else { throw SafeGridError.invalid(field: "file", "error.field.required") }
        let crs = try BoundaryImport.crs(req.query[String.self, at: "crs"])
        let property = req.query[String.self, at: "property"].flatMap { $0.isEmpty ? nil : $0 } ?? "code"
        let result = try await BoundaryImport.run(Data(buffer: body), property: property, crs: crs, by: user.actor,
                                                  db: req.db, gate: req.application.writeGate, sqlite: req.application.isSQLite)
        return BoundaryImportResult(updated: result.updated, unmatched: result.unmatched)
    }
}

/// Query of the map endpoints and pages: `grid` (zoom), `labels=false`, `tiles=true`.
struct MapOptions {
    var gridId: Int?
    var labels: Bool
    var tiles: Bool

    init(_ req: Request) throws {
        if let raw = req.query[String.self, at: "grid"], !raw.isEmpty {
            guard let id = Int(raw) else { throw SafeGridError.invalid(field: "grid", "error.field.unknown_grid") }
            gridId = id
        }
        labels = req.query[String.self, at: "labels"] != "false"
        tiles = req.query[String.self, at: "tiles"] == "true"
    }
}
