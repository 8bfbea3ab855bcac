import Foundation

/// Web Mercator (the projection of every web tile service, 天地图 included) fitted into a
/// box of pixels. Using the tiles' projection lets an optional tile layer sit exactly under
/// the drawn boundaries; at a district's size it is indistinguishable from any other.
public struct MapProjection: Equatable, Sendable {
    public let width: Double
    public let height: Double
    /// Pixels per radian of longitude.
    public let scale: Double
    public let minX: Double
    public let maxY: Double
    public let offsetX: Double
    public let offsetY: Double

    public static func mercatorX(_ p: GeoPoint) -> Double { p.longitude * .pi / 180 }
    public static func mercatorY(_ p: GeoPoint) -> Double {
        let lat = max(min(p.latitude, 85), -85) * .pi / 180
        return log(tan(.pi / 4 + lat / 2))
    }

    /// Fits `points` into `width` × at most `maxHeight` pixels with `padding` on every side,
    /// keeping the aspect ratio; the height shrinks to fit a wide area.
    public init(fitting points: [GeoPoint], width: Double, maxHeight: Double, padding: Double) {
        let xs = points.map(Self.mercatorX), ys = points.map(Self.mercatorY)
        var minX = xs.min() ?? 0, maxX = xs.max() ?? 0
        var minY = ys.min() ?? 0, maxY = ys.max() ?? 0
        // A single point (or none) still gets a small area around it.
        let least = 0.0002
        if maxX - minX < least { minX -= least / 2; maxX += least / 2 }
        if maxY - minY < least { minY -= least / 2; maxY += least / 2 }
        let inner = width - 2 * padding
        let scale = min(inner / (maxX - minX), (maxHeight - 2 * padding) / (maxY - minY))
        let height = ((maxY - minY) * scale + 2 * padding).rounded(.up)
        self.width = width
        self.height = height
        self.scale = scale
        self.minX = minX
        self.maxY = maxY
        offsetX = padding + (inner - (maxX - minX) * scale) / 2
        offsetY = padding
    }

    /// Pixel position, y downwards as in SVG.
    public func project(_ p: GeoPoint) -> (x: Double, y: Double) {
        ((Self.mercatorX(p) - minX) * scale + offsetX, (maxY - Self.mercatorY(p)) * scale + offsetY)
    }

    /// The ground under a pixel: the inverse of `project`, for a tap on a drawn map. A browser
    /// does the same sum with `minX maxY scale offsetX offsetY` (the picker map's `data-pick`).
    public func unproject(x: Double, y: Double) -> GeoPoint {
        let mx = (x - offsetX) / scale + minX
        let my = maxY - (y - offsetY) / scale
        return GeoPoint(longitude: mx * 180 / .pi, latitude: (2 * atan(exp(my)) - .pi / 2) * 180 / .pi)
    }

    /// Where a shape's label goes: the area-weighted centroid of its largest outer ring.
    public func labelPosition(_ shape: GeoShape) -> (x: Double, y: Double)? {
        let rings = shape.polygons.compactMap(\.first).map { $0.map(project) }
        var best: (area: Double, x: Double, y: Double)?
        for ring in rings where ring.count >= 4 {
            var a = 0.0, cx = 0.0, cy = 0.0
            for i in 0..<(ring.count - 1) {
                let (x0, y0) = ring[i], (x1, y1) = ring[i + 1]
                let cross = x0 * y1 - x1 * y0
                a += cross; cx += (x0 + x1) * cross; cy += (y0 + y1) * cross
            }
            guard abs(a) > 1e-9 else { continue }
            if best == nil || abs(a) > best!.area { best = (abs(a), cx / (3 * a), cy / (3 * a)) }
        }
        return best.map { ($0.x, $0.y) }
    }

    /// Tiles of a slippy-map service that cover the box, with their pixel rectangles. The
    /// zoom is the one whose tiles are drawn at or above their natural size.
    public func tiles(limit: Int = 64) -> [(z: Int, x: Int, y: Int, px: Double, py: Double, size: Double)] {
        let z = max(1, min(18, Int(log2(scale * 2 * .pi / 256).rounded(.down))))
        let n = Double(1 << z)
        let size = scale * 2 * .pi / n
        let worldX = { (px: Double) in (px - self.offsetX) / self.scale + self.minX }
        let worldY = { (py: Double) in self.maxY - (py - self.offsetY) / self.scale }
        func tileX(_ mx: Double) -> Int { Int(((mx + .pi) / (2 * .pi) * n).rounded(.down)) }
        func tileY(_ my: Double) -> Int { Int(((.pi - my) / (2 * .pi) * n).rounded(.down)) }
        let x0 = tileX(worldX(0)), x1 = tileX(worldX(width)), y0 = tileY(worldY(0)), y1 = tileY(worldY(height))
        guard x0 <= x1, y0 <= y1, (x1 - x0 + 1) * (y1 - y0 + 1) <= limit else { return [] }
        var result: [(Int, Int, Int, Double, Double, Double)] = []
        for ty in y0...y1 {
            for tx in x0...x1 {
                let mx = Double(tx) / n * 2 * .pi - .pi, my = .pi - Double(ty) / n * 2 * .pi
                result.append((z, tx, ty, (mx - minX) * scale + offsetX, (maxY - my) * scale + offsetY, size))
            }
        }
        return result
    }
}
