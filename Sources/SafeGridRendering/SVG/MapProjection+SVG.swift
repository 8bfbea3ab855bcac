import Foundation
import SafeGridDomain

/// The projection's SVG side: the domain projects points, the map draws them.
extension MapProjection {
    /// Path data for a shape: one `M … Z` per ring, to be filled with the even-odd rule so
    /// holes stay holes. Coordinates to 0.1 px keep a district map small.
    public func pathData(_ shape: GeoShape) -> String {
        var parts: [String] = []
        for ring in shape.polygons.flatMap({ $0 }) {
            var d = ""
            for (i, point) in ring.dropLast().enumerated() {
                let (x, y) = project(point)
                d += (i == 0 ? "M" : "L") + Self.coordinate(x) + " " + Self.coordinate(y)
            }
            parts.append(d + "Z")
        }
        return parts.joined()
    }

    static func coordinate(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(format: "%.1f", r)
    }
}
