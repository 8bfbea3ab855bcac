import Foundation
import SafeGridDomain

/// Invented but plausible boundaries for the demo district around 上街区 (34.80N 113.28E):
/// a lattice of 5 × 3 cells with jittered corners and wavy edges, where neighbouring cells
/// share every edge point, so grids never overlap. Each grid is a union of cells; a township
/// or the district is the union of its grids' cells.
enum DemoBoundaries {
    static let columns = 5, rows = 3
    static let west = 113.235, north = 34.835, cellLon = 0.018, cellLat = 0.02

    /// Cells (column, row) of each demo grid code, row 0 in the north.
    static let cells: [String: [(Int, Int)]] = [
        "410106100201001": [(0, 0)], "410106100201002": [(0, 1)],
        "410106100201": [(0, 0), (0, 1)], "410106100202": [(1, 0), (1, 1)], "410106100203": [(2, 0), (2, 1)],
        "410106100901": [(0, 2)], "410106100902": [(1, 2)], "410106100903": [(2, 2)],
        "410106003001": [(3, 0), (4, 0)], "410106003002": [(3, 1), (4, 1)], "410106003003": [(3, 2), (4, 2)],
        "410106100": (0..<3).flatMap { c in (0..<3).map { (c, $0) } },
        "410106003": (3..<5).flatMap { c in (0..<3).map { (c, $0) } },
        "410106": (0..<5).flatMap { c in (0..<3).map { (c, $0) } },
    ]

    static func shape(code: String) -> GeoShape? {
        guard let cells = cells[code] else { return nil }
        return GeoShape(polygons: [[outline(cells)]])
    }

    /// A point inside the grid for the n-th place of its village (places of a village and of
    /// its groups count together, so none sits on another): a sunflower spiral in a cell.
    static func position(code: String, index n: Int) -> GeoPoint? {
        guard let cells = cells[code], let shape = shape(code: code) else { return nil }
        let (c, r) = cells[n % cells.count]
        let k = Double(n)
        let angle = k * 2.399_963, radius = 0.36 * ((k + 0.5) / 13).squareRoot()
        let point = GeoPoint(longitude: west + (Double(c) + 0.5 + radius * cos(angle)) * cellLon,
                             latitude: north - (Double(r) + 0.5 + radius * sin(angle)) * cellLat)
        return shape.contains(point) ? point : GeoPoint(longitude: west + (Double(c) + 0.5) * cellLon, latitude: north - (Double(r) + 0.5) * cellLat)
    }

    /// A deterministic value in -1...1 for a key: the same edge always wiggles the same way.
    private static func noise(_ a: Int, _ b: Int, _ c: Int) -> Double {
        var h = UInt64(bitPattern: Int64(a &* 73_856_093 ^ b &* 19_349_663 ^ c &* 83_492_791))
        h ^= h >> 33; h = h &* 0xff51afd7ed558ccd; h ^= h >> 33
        return Double(h % 2001) / 1000 - 1
    }

    private static func vertex(_ i: Int, _ j: Int) -> GeoPoint {
        let jitter = 0.18
        return GeoPoint(longitude: west + (Double(i) + jitter * noise(i, j, 1)) * cellLon,
                        latitude: north - (Double(j) + jitter * noise(i, j, 2)) * cellLat)
    }

    /// Points from vertex a to vertex b (exclusive of b), wavy but the same for both cells.
    private static func edge(_ a: (Int, Int), _ b: (Int, Int)) -> [GeoPoint] {
        let forward = a < b
        let (p, q) = forward ? (a, b) : (b, a)
        let start = vertex(p.0, p.1), end = vertex(q.0, q.1)
        var points = [start]
        let dLon = end.longitude - start.longitude, dLat = end.latitude - start.latitude
        for k in 1...3 {
            let t = Double(k) / 4, wiggle = 0.06 * noise(p.0 * 10 + q.0, p.1 * 10 + q.1, k)
            // Offset across the edge, in cell units, so shared edges stay shared.
            points.append(GeoPoint(longitude: start.longitude + t * dLon - wiggle * dLat / cellLat * cellLon,
                                   latitude: start.latitude + t * dLat + wiggle * dLon / cellLon * cellLat))
        }
        return forward ? points : Array(([end] + points.dropFirst().reversed()))
    }

    /// The outer ring (counter-clockwise, closed) of a union of cells: the cell edges whose
    /// reverse is not also present, chained end to end.
    static func outline(_ cells: [(Int, Int)]) -> [GeoPoint] {
        typealias V = (Int, Int)
        var edges: [(V, V)] = []
        for (c, r) in cells {
            let tl = (c, r), bl = (c, r + 1), br = (c + 1, r + 1), tr = (c + 1, r)
            edges += [(tl, bl), (bl, br), (br, tr), (tr, tl)]
        }
        let outer = edges.filter { e in !edges.contains { $0.0 == e.1 && $0.1 == e.0 } }
        guard let first = outer.first else { return [] }
        var ring: [GeoPoint] = []
        var current = first
        repeat {
            ring += edge(current.0, current.1)
            guard let next = outer.first(where: { $0.0 == current.1 }) else { break }
            current = next
        } while !(current.0 == first.0 && current.1 == first.1)
        return ring + [ring[0]]
    }
}
