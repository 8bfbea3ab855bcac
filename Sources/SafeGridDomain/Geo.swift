import Foundation

/// A WGS-84 position (the datum of GPS, of browsers' geolocation and of GeoJSON, RFC 7946).
/// Everything SafeGrid stores is WGS-84.
public struct GeoPoint: Codable, Equatable, Sendable {
    public var longitude: Double
    public var latitude: Double

    public init(longitude: Double, latitude: Double) {
        self.longitude = longitude; self.latitude = latitude
    }

    public var isValid: Bool {
        longitude.isFinite && latitude.isFinite && abs(longitude) <= 180 && abs(latitude) <= 90
    }
}

/// Chinese phone maps (高德, 腾讯, and 百度 before its own shift) show and copy coordinates in
/// GCJ-02, an obfuscated datum offset from WGS-84 by a few hundred metres. Coordinates that
/// come from them are converted on the way in; nothing GCJ-02 is ever stored.
public enum GCJ02 {
    private static let a = 6_378_245.0
    private static let ee = 0.006_693_421_622_965_943_23

    /// Outside mainland China's rough bounding box the datum is WGS-84 itself.
    public static func isOutsideChina(_ p: GeoPoint) -> Bool {
        p.longitude < 72.004 || p.longitude > 137.8347 || p.latitude < 0.8293 || p.latitude > 55.8271
    }

    /// WGS-84 → GCJ-02: the published forward formula.
    public static func fromWGS84(_ p: GeoPoint) -> GeoPoint {
        if isOutsideChina(p) { return p }
        let x = p.longitude - 105, y = p.latitude - 35
        var dLat = transformLatitude(x, y), dLon = transformLongitude(x, y)
        let radLat = p.latitude / 180 * .pi
        var magic = sin(radLat)
        magic = 1 - ee * magic * magic
        let sqrtMagic = magic.squareRoot()
        dLat = dLat * 180 / ((a * (1 - ee)) / (magic * sqrtMagic) * .pi)
        dLon = dLon * 180 / (a / sqrtMagic * cos(radLat) * .pi)
        return GeoPoint(longitude: p.longitude + dLon, latitude: p.latitude + dLat)
    }

    /// GCJ-02 → WGS-84. The forward formula has no closed inverse; a few fixed-point steps
    /// bring the round trip within 1e-9 degrees (well under a millimetre).
    public static func toWGS84(_ p: GeoPoint) -> GeoPoint {
        if isOutsideChina(p) { return p }
        var w = p
        for _ in 0..<30 {
            let g = fromWGS84(w)
            let dLon = g.longitude - p.longitude, dLat = g.latitude - p.latitude
            w = GeoPoint(longitude: w.longitude - dLon, latitude: w.latitude - dLat)
            if abs(dLon) < 1e-10 && abs(dLat) < 1e-10 { break }
        }
        return w
    }

    private static func transformLatitude(_ x: Double, _ y: Double) -> Double {
        var r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * abs(x).squareRoot()
        r += (20 * sin(6 * x * .pi) + 20 * sin(2 * x * .pi)) * 2 / 3
        r += (20 * sin(y * .pi) + 40 * sin(y / 3 * .pi)) * 2 / 3
        r += (160 * sin(y / 12 * .pi) + 320 * sin(y * .pi / 30)) * 2 / 3
        return r
    }

    private static func transformLongitude(_ x: Double, _ y: Double) -> Double {
        var r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * abs(x).squareRoot()
        r += (20 * sin(6 * x * .pi) + 20 * sin(2 * x * .pi)) * 2 / 3
        r += (20 * sin(x * .pi) + 40 * sin(x / 3 * .pi)) * 2 / 3
        r += (150 * sin(x / 12 * .pi) + 300 * sin(x / 30 * .pi)) * 2 / 3
        return r
    }
}

/// The datum of incoming coordinates.
public enum CoordinateSystem: String, Codable, CaseIterable, Sendable {
    case wgs84, gcj02

    public func toWGS84(_ p: GeoPoint) -> GeoPoint {
        switch self {
        case .wgs84: p
        case .gcj02: GCJ02.toWGS84(p)
        }
    }
}
