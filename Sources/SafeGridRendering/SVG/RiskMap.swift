import Foundation
import SafeGridDomain

/// What a four-colour map shows, with every text already in the reader's language.
/// `RiskMap.svg` draws it; the App gathers it from grids, places and hazards.
public struct RiskMapScene: Sendable {
    public struct Area: Sendable {
        public var gridId: Int
        public var name: String
        public var href: String?
        /// The colour's level; nil draws the unassessed grey. Outline-only areas ignore it.
        public var level: RiskLevel?
        public var shape: GeoShape
        /// A note for the tooltip, e.g. "重大风险".
        public var caption: String

        public init(gridId: Int, name: String, href: String?, level: RiskLevel?, shape: GeoShape, caption: String) {
            self.gridId = gridId; self.name = name; self.href = href; self.level = level; self.shape = shape; self.caption = caption
        }
    }

    public struct Point: Sendable {
        public var placeId: Int
        public var name: String
        public var href: String?
        public var level: RiskLevel?
        public var position: GeoPoint
        public var caption: String

        public init(placeId: Int, name: String, href: String?, level: RiskLevel?, position: GeoPoint, caption: String) {
            self.placeId = placeId; self.name = name; self.href = href; self.level = level; self.position = position; self.caption = caption
        }
    }

    public var title: String
    /// Filled in their risk colour (region map) or drawn pale (enterprise map).
    public var areas: [Area]
    public var colourAreas: Bool
    /// Borders drawn over the areas without fill (e.g. the townships' around their villages).
    public var outlines: [Area]
    public var points: [Point]
    public var labels: Bool
    public var legend: [(label: String, colour: String)]
    public var emptyText: String
    /// A slippy-map URL template with {z}, {x}, {y} and optionally {s} (subdomain 0–7).
    public var tileTemplate: String?
    /// A map to tap a position on (a form's location fallback): the SVG carries its inverse
    /// projection for safegrid.js, and nothing in it is a link that would leave the form.
    public var pickable: Bool

    public init(title: String, areas: [Area], colourAreas: Bool, outlines: [Area] = [], points: [Point] = [], labels: Bool = true,
                legend: [(label: String, colour: String)], emptyText: String, tileTemplate: String? = nil, pickable: Bool = false) {
        self.title = title; self.areas = areas; self.colourAreas = colourAreas; self.outlines = outlines; self.points = points
        self.labels = labels; self.legend = legend; self.emptyText = emptyText; self.tileTemplate = tileTemplate; self.pickable = pickable
    }
}

/// Draws a scene as one standalone SVG document: no scripts, no external files unless a
/// tile layer is asked for, so it works offline, inline in a page, saved, or printed.
public enum RiskMap {
    public static let width = 800.0
    public static let pickMaxHeight = 1200.0
    static let legendHeight = 36.0

    public static func svg(_ scene: RiskMapScene) -> String {
        let everything = scene.areas.flatMap(\.shape.allPoints) + scene.outlines.flatMap(\.shape.allPoints) + scene.points.map(\.position)
        // A map to tap is seen on a phone held upright: let a tall village use the height.
        let projection = MapProjection(fitting: everything, width: width, maxHeight: scene.pickable ? pickMaxHeight : 900, padding: 24)
        let mapHeight = everything.isEmpty ? 120 : projection.height
        let height = mapHeight + legendHeight
        var out = #"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" class="risk-map" "#
        if scene.pickable, !everything.isEmpty {
            let inverse = [projection.minX, projection.maxY, projection.scale, projection.offsetX, projection.offsetY]
            out += "data-pick=\"\(inverse.map { String($0) }.joined(separator: " "))\" "
        }
        out += #"viewBox="0 0 \#(fmt(width)) \#(fmt(height))" width="\#(fmt(width))" height="\#(fmt(height))" role="img" aria-labelledby="risk-map-title">"#
        out += "<title id=\"risk-map-title\">\(XMLText.escape(scene.title))</title>"
        out += "<style>.area{stroke:#455a64;stroke-width:1;stroke-linejoin:round}.outline{fill:none;stroke:#263238;stroke-width:2.5;stroke-linejoin:round}"
        out += ".place{stroke:#263238;stroke-width:1.2}.label{font:12px sans-serif;fill:#212121;paint-order:stroke;stroke:#fff;stroke-width:3px;text-anchor:middle}"
        out += ".legend text{font:12px sans-serif;fill:#212121}a:hover .area,a:focus .area{stroke-width:3}a:hover .place,a:focus .place{stroke-width:3}</style>"
        out += "<rect class=\"background\" width=\"\(fmt(width))\" height=\"\(fmt(height))\" fill=\"#fafafa\"/>"
        if everything.isEmpty {
            out += "<text class=\"label\" x=\"\(fmt(width / 2))\" y=\"60\">\(XMLText.escape(scene.emptyText))</text>"
        } else if let template = scene.tileTemplate {
            out += "<g class=\"tiles\">"
            for t in projection.tiles() {
                let url = template.replacingOccurrences(of: "{z}", with: "\(t.z)").replacingOccurrences(of: "{x}", with: "\(t.x)")
                    .replacingOccurrences(of: "{y}", with: "\(t.y)").replacingOccurrences(of: "{s}", with: "\((t.x + t.y) % 8)")
                out += "<image href=\"\(XMLText.escape(url))\" x=\"\(fmt(t.px))\" y=\"\(fmt(t.py))\" width=\"\(fmt(t.size))\" height=\"\(fmt(t.size))\"/>"
            }
            out += "</g>"
        }
        let opacity = scene.tileTemplate == nil ? "0.9" : "0.55"
        out += "<g class=\"areas\">"
        for area in scene.areas {
            let fill = scene.colourAreas ? (area.level?.colour ?? RiskLevel.unassessedColour) : "#eceff1"
            let level = scene.colourAreas ? " data-level=\"\(area.level?.rawValue ?? "none")\"" : ""
            let path = "<path class=\"area\" data-grid-id=\"\(area.gridId)\"\(level) fill=\"\(fill)\" fill-opacity=\"\(opacity)\" fill-rule=\"evenodd\" "
                + "d=\"\(projection.pathData(area.shape))\"><title>\(XMLText.escape(area.name + " · " + area.caption))</title></path>"
            out += link(scene.pickable ? nil : area.href, path)
        }
        out += "</g><g class=\"outlines\">"
        for outline in scene.outlines {
            out += "<path class=\"outline\" data-grid-id=\"\(outline.gridId)\" d=\"\(projection.pathData(outline.shape))\"/>"
        }
        out += "</g><g class=\"points\">"
        for point in scene.points {
            let (x, y) = projection.project(point.position)
            let circle = "<circle class=\"place\" data-place-id=\"\(point.placeId)\" data-level=\"\(point.level?.rawValue ?? "none")\" "
                + "cx=\"\(fmt(x))\" cy=\"\(fmt(y))\" r=\"7\" fill=\"\(point.level?.colour ?? RiskLevel.unassessedColour)\">"
                + "<title>\(XMLText.escape(point.name + " · " + point.caption))</title></circle>"
            out += link(scene.pickable ? nil : point.href, circle)
        }
        out += "</g>"
        if scene.labels {
            out += "<g class=\"labels\" aria-hidden=\"true\">"
            for area in scene.areas + scene.outlines.filter({ _ in scene.areas.isEmpty }) {
                guard let (x, y) = projection.labelPosition(area.shape) else { continue }
                out += "<text class=\"label\" x=\"\(fmt(x))\" y=\"\(fmt(y + 4))\">\(XMLText.escape(area.name))</text>"
            }
            out += "</g>"
        }
        out += "<g class=\"legend\" transform=\"translate(12 \(fmt(mapHeight + 8)))\">"
        var x = 0.0
        for entry in scene.legend {
            out += "<rect x=\"\(fmt(x))\" y=\"0\" width=\"18\" height=\"18\" fill=\"\(entry.colour)\" stroke=\"#455a64\"/>"
            out += "<text x=\"\(fmt(x + 24))\" y=\"14\">\(XMLText.escape(entry.label))</text>"
            x += 36 + Double(entry.label.count) * 13
        }
        out += "</g></svg>"
        return out
    }

    private static func link(_ href: String?, _ body: String) -> String {
        guard let href else { return body }
        return "<a href=\"\(XMLText.escape(href))\">\(body)</a>"
    }

    static func fmt(_ v: Double) -> String { MapProjection.coordinate(v) }
}
