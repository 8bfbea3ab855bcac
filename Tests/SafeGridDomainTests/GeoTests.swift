import Foundation
import Testing
@testable import SafeGridDomain

@Suite("Maps: GCJ-02, GeoJSON, projection and SVG")
struct GeoTests {
    @Test("GCJ-02 conversion matches the published offset and inverts to within a millimetre")
    func gcj02() {
        // The reference value of the widely used coordtransform library: (116.404, 39.915) → (116.41024449916938, 39.91640428150164).
        let wgs = GeoPoint(longitude: 116.404, latitude: 39.915)
        let gcj = GCJ02.fromWGS84(wgs)
        #expect(abs(gcj.longitude - 116.41024449916938) < 1e-9 && abs(gcj.latitude - 39.91640428150164) < 1e-9, "forward offset is \(gcj)")
        for point in [wgs, GeoPoint(longitude: 113.28, latitude: 34.80), GeoPoint(longitude: 121.47, latitude: 31.23)] {
            let back = GCJ02.toWGS84(GCJ02.fromWGS84(point))
            #expect(abs(back.longitude - point.longitude) < 1e-8 && abs(back.latitude - point.latitude) < 1e-8, "round trip of \(point) gives \(back)")
        }
        // The offset near 上街区 is a few hundred metres, so converting matters.
        let shangjie = GeoPoint(longitude: 113.28, latitude: 34.80)
        let shifted = GCJ02.fromWGS84(shangjie)
        #expect(abs(shifted.longitude - shangjie.longitude) > 0.003)
        let paris = GeoPoint(longitude: 2.35, latitude: 48.85)
        #expect(GCJ02.toWGS84(paris) == paris, "outside China there is no offset")
        #expect(CoordinateSystem.wgs84.toWGS84(shifted) == shifted)
    }

    @Test("Polygon, MultiPolygon and FeatureCollection parse; unclosed rings are closed; numeric codes match as text")
    func parsing() throws {
        let polygon = try GeoJSON.shape(Data(#"{"type":"Polygon","coordinates":[[[113.2,34.8],[113.3,34.8],[113.3,34.9]]]}"#.utf8))
        #expect(polygon.polygons.count == 1 && polygon.polygons[0][0].count == 4)
        #expect(polygon.polygons[0][0].last == GeoPoint(longitude: 113.2, latitude: 34.8))
        let collection = """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","properties":{"code":410106100201,"name":"马固村"},"geometry":{"type":"MultiPolygon","coordinates":[
               [[[113.2,34.8],[113.21,34.8],[113.21,34.81],[113.2,34.8]]],
               [[[113.3,34.8],[113.31,34.8],[113.31,34.81],[113.3,34.8]],[[113.302,34.801],[113.305,34.801],[113.305,34.803],[113.302,34.801]]]]}}]}
            """
        let features = try GeoJSON.features(Data(collection.utf8))
        #expect(features.count == 1)
        #expect(features[0].properties["code"] == "410106100201")
        #expect(features[0].shape.polygons.count == 2 && features[0].shape.polygons[1].count == 2)
    }

    @Test("bad GeoJSON is a field error naming the problem", arguments: [
        ("not json", "error.geojson.syntax"),
        (#"{"type":"Point","coordinates":[1,2]}"#, "error.geojson.geometry"),
        (#"{"type":"Polygon","coordinates":[[[1,2],[3,4]]]}"#, "error.geojson.ring"),
        (#"{"type":"Polygon","coordinates":[[[200,2],[3,4],[5,6]]]}"#, "error.geojson.range"),
        (#"{"type":"Polygon","coordinates":"x"}"#, "error.geojson.feature"),
    ])
    func invalid(text: String, key: String) {
        #expect(throws: SafeGridError.invalid([FieldError(field: "file", key: key, args: key == "error.geojson.syntax" ? [] : ["1"])])) {
            try GeoJSON.shape(Data(text.utf8))
        }
    }

    @Test("a point inside a ring is inside; a hole is outside")
    func containment() throws {
        let shape = try GeoJSON.shape(Data(#"{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[4,4],[6,4],[6,6],[4,6],[4,4]]]}"#.utf8))
        #expect(shape.contains(GeoPoint(longitude: 2, latitude: 2)))
        #expect(!shape.contains(GeoPoint(longitude: 5, latitude: 5)))
        #expect(!shape.contains(GeoPoint(longitude: 11, latitude: 5)))
    }

    @Test("the projection fits the area into the width, north up, and places the label at the centre")
    func projection() throws {
        let square = try GeoJSON.shape(Data(#"{"type":"Polygon","coordinates":[[[113.2,34.8],[113.3,34.8],[113.3,34.9],[113.2,34.9],[113.2,34.8]]]}"#.utf8))
        let p = MapProjection(fitting: square.allPoints, width: 800, maxHeight: 900, padding: 20)
        let sw = p.project(GeoPoint(longitude: 113.2, latitude: 34.8)), ne = p.project(GeoPoint(longitude: 113.3, latitude: 34.9))
        #expect(ne.y < sw.y, "north is up")
        #expect(abs(sw.y - (p.height - 20)) < 1 && abs(ne.y - 20) < 0.01)
        #expect(sw.x >= 20 && ne.x <= 780)
        // Mercator stretches north–south by 1/cos(latitude): a 0.1° square is taller than wide.
        #expect((sw.y - ne.y) > (ne.x - sw.x))
        let label = try #require(p.labelPosition(square))
        #expect(abs(label.x - (sw.x + ne.x) / 2) < 1 && abs(label.y - (sw.y + ne.y) / 2) < 2)
    }

    @Test("a tap on the drawn map unprojects to the ground under it, to a few centimetres", arguments: [
        (113.2, 34.8), (113.3, 34.9), (113.2537, 34.8611), (87.6, 43.8),
    ])
    func unproject(longitude: Double, latitude: Double) {
        let area = [GeoPoint(longitude: longitude - 0.05, latitude: latitude - 0.04), GeoPoint(longitude: longitude + 0.05, latitude: latitude + 0.03)]
        let p = MapProjection(fitting: area, width: 800, maxHeight: 900, padding: 24)
        let point = GeoPoint(longitude: longitude, latitude: latitude)
        let (x, y) = p.project(point)
        let back = p.unproject(x: x, y: y)
        #expect(abs(back.longitude - longitude) < 1e-7 && abs(back.latitude - latitude) < 1e-7)
        // One pixel of a 0.1° map is well under 20 m: a tap is as good as a phone's fix.
        let next = p.unproject(x: x + 1, y: y + 1)
        #expect(abs(next.longitude - longitude) < 2e-4 && abs(next.latitude - latitude) < 2e-4)
        #expect(next.latitude < latitude, "y grows southwards")
    }
}
