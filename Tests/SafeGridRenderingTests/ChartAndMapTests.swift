import Foundation
import SafeGridDomain
@testable import SafeGridRendering
import Testing

@Suite struct ChartAndMapTests {
    @Test("bar lengths are proportional; a small value is still visible; labels are escaped")
    func chart() {
        let chart = BarChart(title: "排查 <家次>", bars: [.init("企业", 84), .init("门店", 1_257), .init("无", 0), .init("A&B", 1)])
        #expect(chart.lengths == [26, 390, 0, 1])
        let svg = chart.svg
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.hasSuffix("</svg>"))
        #expect(svg.contains("排查 &lt;家次&gt;"))
        #expect(svg.contains("A&amp;B"))
        #expect(!svg.contains("<script"))
        #expect(svg.components(separatedBy: "<rect").count - 1 == 4)
        #expect(BarChart(title: "x", bars: [.init("a", 5, text: "50%")], maximum: 10).lengths == [195])
        #expect(BarChart(title: "x", bars: [.init("a", 0)]).lengths == [0])
    }

    @Test("a boundary written as GeoJSON reads back as the same shape")
    func geoJSONRoundTrip() throws {
        let square: [GeoPoint] = [.init(longitude: 113.2, latitude: 34.8), .init(longitude: 113.21, latitude: 34.8),
                                  .init(longitude: 113.21, latitude: 34.81), .init(longitude: 113.2, latitude: 34.8)]
        let hole: [GeoPoint] = [.init(longitude: 113.302, latitude: 34.801), .init(longitude: 113.305, latitude: 34.801),
                                .init(longitude: 113.305, latitude: 34.803), .init(longitude: 113.302, latitude: 34.801)]
        let one = GeoShape(polygons: [[square]])
        let east: [GeoPoint] = [.init(longitude: 113.3, latitude: 34.8), .init(longitude: 113.31, latitude: 34.8),
                                .init(longitude: 113.31, latitude: 34.81), .init(longitude: 113.3, latitude: 34.8)]
        let two = GeoShape(polygons: [[square], [east, hole]])
        #expect(one.geoJSON().hasPrefix(#"{"type":"Polygon""#))
        #expect(two.geoJSON().hasPrefix(#"{"type":"MultiPolygon""#))
        #expect(GeoJSON.storedShape(one.geoJSON()) == one)
        #expect(GeoJSON.storedShape(two.geoJSON()) == two)
    }

    @Test("map path data has one closed subpath per ring")
    func pathData() throws {
        let square = try GeoJSON.shape(Data(#"{"type":"Polygon","coordinates":[[[113.2,34.8],[113.3,34.8],[113.3,34.9],[113.2,34.9],[113.2,34.8]]]}"#.utf8))
        let p = MapProjection(fitting: square.allPoints, width: 800, maxHeight: 900, padding: 20)
        let d = p.pathData(square)
        #expect(d.hasPrefix("M") && d.hasSuffix("Z") && d.filter { $0 == "L" }.count == 3)
    }

    @Test("the SVG has one shape per area in its level's colour, links, labels, a legend and escaped text")
    func svg() throws {
        func square(_ x: Double) throws -> GeoShape {
            try GeoJSON.shape(Data(#"{"type":"Polygon","coordinates":[[[\#(x),34.8],[\#(x + 0.01),34.8],[\#(x + 0.01),34.81],[\#(x),34.81]]]}"#.utf8))
        }
        let scene = RiskMapScene(
            title: "上街区 <四色图>",
            areas: [.init(gridId: 1, name: "甲村", href: "/maps/region?grid=1", level: .red, shape: try square(113.2), caption: "重大风险"),
                    .init(gridId: 2, name: "乙村 & 丙", href: nil, level: nil, shape: try square(113.21), caption: "未评估")],
            colourAreas: true,
            points: [.init(placeId: 9, name: "厂", href: "/places/9/risk", level: .blue, position: GeoPoint(longitude: 113.205, latitude: 34.805), caption: "低风险")],
            legend: [("重大风险", RiskLevel.red.colour), ("未评估", RiskLevel.unassessedColour)], emptyText: "无")
        let svg = RiskMap.svg(scene)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\"") && svg.hasSuffix("</svg>"))
        #expect(svg.components(separatedBy: "class=\"area\"").count - 1 == 2)
        #expect(svg.contains(##"data-grid-id="1" data-level="red" fill="#e53935""##))
        #expect(svg.contains(#"data-grid-id="2" data-level="none" fill="\#(RiskLevel.unassessedColour)""#))
        #expect(svg.contains(#"<a href="/maps/region?grid=1">"#) && svg.contains(#"<a href="/places/9/risk"><circle"#))
        #expect(svg.contains("上街区 &lt;四色图&gt;") && svg.contains("乙村 &amp; 丙"))
        #expect(svg.contains(">甲村</text>") && svg.contains(">重大风险</text>"))
        #expect(!svg.contains("<image"), "no tile layer unless configured")
        let withTiles = RiskMap.svg(RiskMapScene(title: "t", areas: scene.areas, colourAreas: true, legend: [], emptyText: "",
                                                  tileTemplate: "https://t{s}.example/{z}/{x}/{y}.png?tk=a&b"))
        #expect(withTiles.contains("<image href=\"https://t") && withTiles.contains("&amp;b"))
        let empty = RiskMap.svg(RiskMapScene(title: "t", areas: [], colourAreas: true, legend: [], emptyText: "尚无边界"))
        #expect(empty.contains(">尚无边界</text>"))
    }

    @Test("a picker map carries its inverse projection and has no links to leave the form by")
    func pickable() throws {
        let shape = try GeoJSON.shape(Data(#"{"type":"Polygon","coordinates":[[[113.2,34.8],[113.21,34.8],[113.21,34.81],[113.2,34.81]]]}"#.utf8))
        let scene = RiskMapScene(
            title: "甲村", areas: [.init(gridId: 1, name: "甲村", href: "/maps/region?grid=1", level: nil, shape: shape, caption: "")],
            colourAreas: false,
            points: [.init(placeId: 9, name: "厂", href: "/places/9/risk", level: nil, position: GeoPoint(longitude: 113.205, latitude: 34.805), caption: "")],
            legend: [], emptyText: "无", pickable: true)
        let svg = RiskMap.svg(scene)
        #expect(!svg.contains("<a "))
        let attribute = try #require(svg.firstMatch(of: #/data-pick="([^"]+)"/#)?.output.1)
        let numbers = attribute.split(separator: " ").compactMap { Double($0) }
        #expect(numbers.count == 5)
        // The numbers are the projection the map was drawn with: they carry the drawn place back to its ground.
        let projection = MapProjection(fitting: shape.allPoints + [GeoPoint(longitude: 113.205, latitude: 34.805)], width: RiskMap.width,
                                       maxHeight: RiskMap.pickMaxHeight, padding: 24)
        #expect(numbers == [projection.minX, projection.maxY, projection.scale, projection.offsetX, projection.offsetY])
        #expect(!RiskMap.svg(RiskMapScene(title: "t", areas: scene.areas, colourAreas: false, legend: [], emptyText: "")).contains("data-pick"))
    }
}
