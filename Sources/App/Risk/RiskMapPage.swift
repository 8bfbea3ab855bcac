import Fluent
import SafeGridDomain
import SafeGridRendering
import Vapor

/// `GET /maps/region` and `/maps/enterprises`: the SVG inline (so its links work and nothing
/// is fetched), zoom by `?grid=`, labels and the optional tile layer as toggles, a table of
/// the coloured grids, and a print layout (`?print=1`).
struct RiskMapPage {
    let page: PageContext
    let heading: String
    let svg: String
    let svgHref: String
    let tabs: [PlaceRiskPage.Tab]
    let filters: [FormField]
    let upHref: String?
    let printHref: String
    let screenHref: String
    let printLayout: Bool
    let rule: String
    let rows: [Row]
    let mayImport: Bool

    struct Row: Encodable {
        let name: String
        let href: String
        let level: String
        let levelLabel: String
        let counts: String
    }

    static func build(_ req: Request, kind: RiskMapBuilder.Kind) async throws -> RiskMapPage {
        let user = try req.currentUser()
        let t = Texts(req)
        let options = try MapOptions(req)
        let settings = req.application.riskSettings
        let root = try await RiskMapBuilder.root(options.gridId, for: user, on: req.db)
        let map = try await RiskMapBuilder.load(root: root, for: user, rule: settings.rule, on: req.db)
        let scene = map.scene(kind, t: t, labels: options.labels, tiles: options.tiles ? settings.tileTemplate : nil)
        let rootId = root.id ?? 0
        let name = kind == .region ? "region" : "enterprises"
        let query = "grid=\(rootId)" + (options.labels ? "" : "&labels=false") + (options.tiles ? "&tiles=true" : "")

        var filters: [FormField] = [
            .select("grid", label: t("maps.zoom"), options: try await GridOptions.covered(by: user, on: req) {
                [.district, .township, .village].contains($0.level)
            }, selected: "\(rootId)", idPrefix: "map"),
        ]
        // A GET form sends nothing for an unchecked box, so the box is the exception: hide.
        var labels = FormField("labels", label: t("maps.labels"), kind: .checkbox, idPrefix: "map")
        labels.value = "false"
        labels.checked = !options.labels
        filters.append(labels)
        if settings.tileTemplate != nil {
            var tiles = FormField("tiles", label: t("maps.tiles"), kind: .checkbox, idPrefix: "map")
            tiles.value = "true"
            tiles.checked = options.tiles
            filters.append(tiles)
        }
        var up: String?
        if let parentId = root.$parent.id, let parent = try await GridRecord.find(parentId, on: req.db),
           user.actor.covers(gridPath: parent.path) {
            up = kind.page.with(query: "grid=\(parentId)")
        }
        let rows = map.units.map { unit in
            let c = unit.counts
            return Row(name: unit.grid.name, href: map.href(of: unit.grid, kind), level: unit.level?.rawValue ?? "none",
                       levelLabel: unit.level.map { t.label("risk.level", $0) } ?? t("risk.level.none"),
                       counts: ["red", "orange", "yellow", "blue", "none"].map { "\(c[$0] ?? 0)" }.joined(separator: " / "))
        }
        let tabs = [(RiskMapBuilder.Kind.region, "maps.region"), (.enterprises, "maps.enterprises")].map { key, label in
            PlaceRiskPage.Tab(label: t(label), href: key.page.with(query: "grid=\(rootId)"), active: key == kind)
        }
        return RiskMapPage(
            page: PageContext(req, title: scene.title), heading: scene.title, svg: RiskMap.svg(scene),
            svgHref: "/api/v1/maps/\(name).svg?\(query)", tabs: tabs, filters: filters, upHref: up,
            printHref: kind.page.with(query: query + "&print=1"), screenHref: kind.page.with(query: query),
            printLayout: req.query[String.self, at: "print"] == "1",
            rule: t(settings.rule.majorHazardRaisesToRed ? "maps.rule" : "maps.rule_plain"), rows: rows,
            mayImport: RiskPermissions.mayUploadBoundaries(user.actor))
    }
}

/// `GET/POST /maps/boundaries`: upload a GeoJSON file of grid boundaries.
struct BoundaryUploadPage {
    let page: PageContext
    let fields: [FormField]
    let alert: String?
    let notice: String?
    let unmatched: String?

    struct Input: Content {
        var file: File?
        var crs: String?
        var property: String?
    }

    static func build(_ req: Request, input: Input? = nil, error: SafeGridError? = nil, result: BoundaryImport.Result? = nil) throws -> BoundaryUploadPage {
        let t = Texts(req)
        var file = FormField("file", label: t("maps.file"), kind: .file, required: true, idPrefix: "b")
        file.accept = ".geojson,.json,application/geo+json,application/json"
        file.hint = t("maps.boundaries_hint")
        var fields = [
            file,
            .select("crs", label: t("maps.crs"), options: CoordinateSystem.allCases.map { .init(value: $0.rawValue, label: t("maps.crs.\($0.rawValue)")) },
                    selected: input?.crs ?? "wgs84", idPrefix: "b"),
            FormField("property", label: t("maps.property"), value: input?.property ?? "code", idPrefix: "b"),
        ]
        let unplaced = fields.attach(error?.fields ?? [], t)
        return BoundaryUploadPage(
            page: PageContext(req, title: t("maps.boundaries")), fields: fields,
            alert: error.map { ([t.message($0)] + unplaced).joined(separator: " ") },
            notice: result.map { t("maps.imported", "\($0.updated)") },
            unmatched: result.flatMap { $0.unmatched.isEmpty ? nil : t("maps.unmatched", $0.unmatched.joined(separator: ", ")) })
    }
}
