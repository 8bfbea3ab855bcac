import Foundation

/// A grid boundary: one or more polygons, each an outer ring and optional holes; rings are
/// closed (first point repeated last). Stored as GeoJSON geometry text in `grids.boundary`.
public struct GeoShape: Equatable, Sendable {
    public var polygons: [[[GeoPoint]]]

    public init(polygons: [[[GeoPoint]]]) { self.polygons = polygons }

    public var allPoints: [GeoPoint] { polygons.flatMap { $0.flatMap { $0 } } }

    public func mapPoints(_ transform: (GeoPoint) -> GeoPoint) -> GeoShape {
        GeoShape(polygons: polygons.map { $0.map { $0.map(transform) } })
    }

    /// Whether `p` lies inside (even-odd rule over every ring), for placing points.
    public func contains(_ p: GeoPoint) -> Bool {
        var inside = false
        for ring in polygons.flatMap({ $0 }) {
            var j = ring.count - 1
            for i in ring.indices {
                let a = ring[i], b = ring[j]
                if (a.latitude > p.latitude) != (b.latitude > p.latitude),
                   p.longitude < (b.longitude - a.longitude) * (p.latitude - a.latitude) / (b.latitude - a.latitude) + a.longitude {
                    inside.toggle()
                }
                j = i
            }
        }
        return inside
    }
}

/// Reads the parts of GeoJSON (RFC 7946) that boundaries need: Polygon and MultiPolygon
/// geometries, alone, in a Feature, or in a FeatureCollection whose features carry a code.
public enum GeoJSON {
    public struct Feature: Equatable, Sendable {
        /// Properties as text (numbers written without decimals when whole), so codes given
        /// as numbers still match grid codes.
        public var properties: [String: String]
        public var shape: GeoShape
    }

    /// Features of a FeatureCollection (or one Feature). A feature whose geometry is missing
    /// or not a polygon is an error naming its index.
    public static func features(_ data: Data) throws(SafeGridError) -> [Feature] {
        let root = try object(data)
        switch root["type"] as? String {
        case "FeatureCollection":
            guard let list = root["features"] as? [Any] else { throw invalid("error.geojson.features") }
            var result: [Feature] = []
            for (i, item) in list.enumerated() {
                guard let feature = item as? [String: Any] else { throw invalid("error.geojson.feature", String(i + 1)) }
                result.append(try parseFeature(feature, index: i + 1))
            }
            return result
        case "Feature":
            return [try parseFeature(root, index: 1)]
        default:
            throw invalid("error.geojson.features")
        }
    }

    /// A single geometry (or a Feature holding one), as the upload of one grid's boundary.
    public static func shape(_ data: Data) throws(SafeGridError) -> GeoShape {
        let root = try object(data)
        if root["type"] as? String == "Feature" { return try parseFeature(root, index: 1).shape }
        return try geometry(root, index: 1)
    }

    /// Boundaries as stored (trusted: written by this code).
    public static func storedShape(_ text: String) -> GeoShape? {
        try? shape(Data(text.utf8))
    }

    public static func number(_ value: Double) -> String {
        var text = String(format: "%.7f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    private static func object(_ data: Data) throws(SafeGridError) -> [String: Any] {
        guard let value = try? JSONSerialization.jsonObject(with: data), let root = value as? [String: Any] else {
            throw invalid("error.geojson.syntax")
        }
        return root
    }

    private static func parseFeature(_ feature: [String: Any], index: Int) throws(SafeGridError) -> Feature {
        var properties: [String: String] = [:]
        for (key, value) in feature["properties"] as? [String: Any] ?? [:] {
            if let s = value as? String { properties[key] = s }
            else if let n = value as? NSNumber { properties[key] = number(n.doubleValue) }
        }
        guard let geometry = feature["geometry"] as? [String: Any] else { throw invalid("error.geojson.feature", String(index)) }
        return Feature(properties: properties, shape: try self.geometry(geometry, index: index))
    }

    private static func geometry(_ g: [String: Any], index: Int) throws(SafeGridError) -> GeoShape {
        switch g["type"] as? String {
        case "Polygon":
            return GeoShape(polygons: [try polygon(g["coordinates"], index: index)])
        case "MultiPolygon":
            guard let list = g["coordinates"] as? [Any], !list.isEmpty else { throw invalid("error.geojson.feature", String(index)) }
            var polygons: [[[GeoPoint]]] = []
            for p in list { polygons.append(try polygon(p, index: index)) }
            return GeoShape(polygons: polygons)
        default:
            throw invalid("error.geojson.geometry", String(index))
        }
    }

    private static func polygon(_ value: Any?, index: Int) throws(SafeGridError) -> [[GeoPoint]] {
        guard let rings = value as? [Any], !rings.isEmpty else { throw invalid("error.geojson.feature", String(index)) }
        var result: [[GeoPoint]] = []
        for r in rings {
            guard let positions = r as? [Any] else { throw invalid("error.geojson.feature", String(index)) }
            var ring: [GeoPoint] = []
            for position in positions {
                guard let pair = position as? [Any], pair.count >= 2,
                      let lon = (pair[0] as? NSNumber)?.doubleValue, let lat = (pair[1] as? NSNumber)?.doubleValue else {
                    throw invalid("error.geojson.feature", String(index))
                }
                let point = GeoPoint(longitude: lon, latitude: lat)
                guard point.isValid else { throw invalid("error.geojson.range", String(index)) }
                ring.append(point)
            }
            // RFC 7946 wants rings closed; files from some tools are not, and the meaning is plain.
            if let first = ring.first, ring.last != first { ring.append(first) }
            guard ring.count >= 4 else { throw invalid("error.geojson.ring", String(index)) }
            result.append(ring)
        }
        return result
    }

    private static func invalid(_ key: String, _ args: String...) -> SafeGridError {
        .invalid(field: "file", key, args: args)
    }
}
