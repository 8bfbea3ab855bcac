import SafeGridDomain

/// Boundaries are stored as GeoJSON geometry text (`grids.boundary`) and read back by
/// `GeoJSON.storedShape`.
extension GeoShape {
    /// A Polygon when there is one, else a MultiPolygon; coordinates as [longitude, latitude].
    public func geoJSON() -> String {
        func ring(_ r: [GeoPoint]) -> String { "[" + r.map { "[\(GeoJSON.number($0.longitude)),\(GeoJSON.number($0.latitude))]" }.joined(separator: ",") + "]" }
        func polygon(_ p: [[GeoPoint]]) -> String { "[" + p.map(ring).joined(separator: ",") + "]" }
        if polygons.count == 1 {
            return #"{"type":"Polygon","coordinates":"# + polygon(polygons[0]) + "}"
        }
        return #"{"type":"MultiPolygon","coordinates":["# + polygons.map(polygon).joined(separator: ",") + "]}"
    }
}
