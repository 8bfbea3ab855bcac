import Fluent
import Foundation
import SafeGridDomain
import SafeGridRendering
import Vapor

/// Gathers what the two maps (两张图) show for a user and a zoom grid, and turns it into a
/// `RiskMapScene`. The region map colours grids one level below the zoom grid (villages for a
/// district or a township, groups for a village), the enterprise map draws places as points
/// over the same grids.
struct RiskMapBuilder {
    enum Kind: String, Sendable {
        case region, enterprises

        /// The map page of this kind.
        var page: SiteURL { self == .region ? .regionMap : .enterpriseMap }
    }

    struct Unit: Sendable {
        let grid: GridRecord
        let shape: GeoShape
        let level: RiskLevel?
        /// Places per shown level (and "none"), for the table under the map.
        let counts: [String: Int]
    }

    struct PlaceDot: Sendable {
        let id: Int
        let name: String
        let level: RiskLevel?
        let position: GeoPoint?
    }

    let root: GridRecord
    let units: [Unit]
    let outlines: [(GridRecord, GeoShape)]
    let places: [PlaceDot]
    /// Grids one can zoom into from here (children with a boundary).
    let zoomable: Set<Int>

    /// The zoom grid: `gridId` when the user covers it, else the top of their reach.
    static func root(_ gridId: Int?, for user: CurrentUser, on db: any Database) async throws -> GridRecord {
        guard RiskPermissions.mayViewMaps(user.actor) else { throw SafeGridError.forbidden }
        if let gridId {
            guard let grid = try await GridRecord.find(gridId, on: db), user.actor.covers(gridPath: grid.path) else { throw SafeGridError.notFound }
            return grid
        }
        let candidates = user.actor.seesEverything
            ? try await GridRecord.query(on: db).filter(\.$parent.$id == nil).sort(\.$id).all()
            : try await GridRecord.query(on: db).filter(\.$id ~~ user.gridIds).all()
        // The shortest path is the widest reach.
        guard let top = candidates.min(by: { ($0.path.count, $0.id ?? 0) < ($1.path.count, $1.id ?? 0) }) else { throw SafeGridError.notFound }
        return top
    }

    static func load(root: GridRecord, for user: CurrentUser, rule: RiskDisplayRule, on db: any Database) async throws -> RiskMapBuilder {
        let grids = try await GridRecord.query(on: db).filter(\.$path, inSubtree: root.path).sort(\.$code).all()
        var shapes: [Int: GeoShape] = [:]
        for grid in grids { if let id = grid.id, let text = grid.boundary, let shape = GeoJSON.storedShape(text) { shapes[id] = shape } }
        let rootDepth = root.level.depth
        let unitDepth = max(rootDepth + 1, GridLevel.village.depth)
        var unitGrids = grids.filter { $0.level.depth == unitDepth && shapes[$0.id ?? 0] != nil }
        if unitGrids.isEmpty, shapes[root.id ?? 0] != nil { unitGrids = [root] }
        let unitIds = Set(unitGrids.compactMap(\.id))
        let outlines = grids.filter { $0.level.depth < unitDepth && !unitIds.contains($0.id ?? 0) }
            .compactMap { g in shapes[g.id ?? 0].map { (g, $0) } }
        let zoomable = Set(unitGrids.filter { unit in
            unit.id != root.id && grids.contains { $0.$parent.id == unit.id && shapes[$0.id ?? 0] != nil }
        }.compactMap(\.id))

        let placeRows = try await PlaceQuery.scoped(to: user.actor, on: db).filter(\.$gridPath, inSubtree: root.path)
            .field(\.$id).field(\.$name).field(\.$gridPath).field(\.$riskLevel).field(\.$latitude).field(\.$longitude).all()
        let hazards = try await HazardReads.openMajorHazards(
            HazardSelection().and("hazards.grid_path >= \(bind: root.path) AND hazards.grid_path < \(bind: Subtree.upperBound(root.path))"),
            on: db)
        let majorPlaces = Set(hazards.compactMap(\.placeId))
        var dots: [PlaceDot] = []
        var shownByPath: [(path: String, level: RiskLevel?)] = []
        for p in placeRows {
            let shown = rule.displayed(assessed: p.riskLevel, openMajorHazard: majorPlaces.contains(p.id ?? 0))
            shownByPath.append((p.gridPath, shown))
            let position = p.latitude.flatMap { lat in p.longitude.map { GeoPoint(longitude: $0, latitude: lat) } }
            dots.append(PlaceDot(id: p.id ?? 0, name: p.name, level: shown, position: position))
        }
        let units = unitGrids.map { grid -> Unit in
            let inside = shownByPath.filter { $0.path.hasPrefix(grid.path) }.map(\.level)
            let major = hazards.contains { $0.gridPath.hasPrefix(grid.path) }
            var counts: [String: Int] = [:]
            for level in inside { counts[level?.rawValue ?? "none", default: 0] += 1 }
            return Unit(grid: grid, shape: shapes[grid.id ?? 0]!, level: rule.gridColour(placeLevels: inside, openMajorHazard: major), counts: counts)
        }
        return RiskMapBuilder(root: root, units: units, outlines: outlines, places: dots, zoomable: zoomable)
    }

    func scene(_ kind: Kind, t: Texts, labels: Bool, tiles: String?) -> RiskMapScene {
        let legend = RiskLevel.allCases.reversed().map { (t.label("risk.level", $0), $0.colour) } + [(t("risk.level.none"), RiskLevel.unassessedColour)]
        let areas = units.map { unit in
            RiskMapScene.Area(gridId: unit.grid.id ?? 0, name: unit.grid.name, href: href(of: unit.grid, kind),
                              level: unit.level, shape: unit.shape, caption: unit.level.map { t.label("risk.level", $0) } ?? t("risk.level.none"))
        }
        let outlineAreas = outlines.map { grid, shape in
            RiskMapScene.Area(gridId: grid.id ?? 0, name: grid.name, href: nil, level: nil, shape: shape, caption: "")
        }
        let points: [RiskMapScene.Point] = kind == .region ? [] : places.compactMap { p in
            p.position.map {
                .init(placeId: p.id, name: p.name, href: SiteURL.placeRisk(.id(p.id)).path, level: p.level, position: $0,
                      caption: p.level.map { t.label("risk.level", $0) } ?? t("risk.level.none"))
            }
        }
        let title = t(kind == .region ? "maps.region_title" : "maps.enterprise_title", root.name)
        return RiskMapScene(title: title, areas: areas, colourAreas: kind == .region, outlines: outlineAreas, points: points,
                            labels: labels, legend: legend, emptyText: t("maps.no_boundaries"), tileTemplate: tiles)
    }

    /// The same grids and places, plain and unlinked, for tapping a position (`LocationMap`).
    func pickerScene(t: Texts, places withPlaces: Bool) -> RiskMapScene {
        let areas = units.map { RiskMapScene.Area(gridId: $0.grid.id ?? 0, name: $0.grid.name, href: nil, level: nil, shape: $0.shape, caption: "") }
        let outlineAreas = outlines.map { RiskMapScene.Area(gridId: $0.0.id ?? 0, name: $0.0.name, href: nil, level: nil, shape: $0.1, caption: "") }
        let points: [RiskMapScene.Point] = withPlaces ? places.compactMap { p in
            p.position.map { .init(placeId: p.id, name: p.name, href: nil, level: nil, position: $0, caption: t("form.pick_place")) }
        } : []
        return RiskMapScene(title: t("form.pick_map_title", root.name), areas: areas, colourAreas: false, outlines: outlineAreas,
                            points: points, labels: true, legend: [], emptyText: "", pickable: true)
    }

    /// A grid with boundaries below it zooms in; the last level opens its places.
    func href(of grid: GridRecord, _ kind: Kind) -> String {
        let id = grid.id ?? 0
        if zoomable.contains(id) { return kind.page.with(query: "grid=\(id)") }
        return SiteURL.places.with(query: "gridId=\(id)")
    }
}
