import Fluent
import SafeGridDomain
import SafeGridRendering
import Vapor

/// The fallback for 「使用我的位置」: the user's grids drawn into the form as a map to tap.
/// Being part of the page, it is there offline and over plain HTTP, where browsers give no
/// position; safegrid.js turns a tap into coordinates with the projection the map carries.
enum LocationMap {
    /// Boundary points above which the map would outweigh the form it sits in (a whole
    /// district's detailed village borders). Users with that reach work at desks; they type
    /// coordinates or choose the place.
    static let maxPoints = 20_000
    /// Place dots drawn at most; beyond this (a district's every shop) the map shows the grids
    /// only, and the place is chosen from the form's list.
    static let maxPlaces = 500

    /// The map's SVG, or nil when the user's grids have no boundaries or too many points.
    static func svg(for user: CurrentUser, on req: Request) async throws -> String? {
        guard let root = try await root(for: user, on: req.db) else { return nil }
        let map = try await RiskMapBuilder.load(root: root, for: user, rule: .standard, on: req.db)
        let points = map.units.reduce(0) { $0 + $1.shape.allPoints.count } + map.outlines.reduce(0) { $0 + $1.1.allPoints.count }
        guard !map.units.isEmpty, points <= maxPoints else { return nil }
        return RiskMap.svg(map.pickerScene(t: Texts(req), places: map.places.count <= maxPlaces))
    }

    /// The grid all of the user's grids lie in: a worker's village, or the village two of
    /// their groups share. An administrator's is the first district.
    static func root(for user: CurrentUser, on db: any Database) async throws -> GridRecord? {
        if user.actor.seesEverything {
            return try await GridRecord.query(on: db).filter(\.$parent.$id == nil).sort(\.$id).first()
        }
        guard let path = GridPath.commonAncestor(user.actor.scopePaths.map(GridPath.init)) else { return nil }
        return try await GridRecord.query(on: db).filter(\.$path == path.text).first()
    }
}
