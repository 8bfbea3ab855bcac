import Foundation
import SafeGridDomain

/// A horizontal bar chart as a self-contained SVG string: no script, no external font or
/// style sheet, so it prints on A4 and embeds in a page or an export as it is.
public struct BarChart: Equatable, Sendable {
    public struct Bar: Equatable, Sendable {
        public var label: String
        public var value: Int
        /// What is printed after the bar; the value itself when nil (e.g. "87.5%").
        public var text: String?

        public init(_ label: String, _ value: Int, text: String? = nil) {
            self.label = label; self.value = value; self.text = text
        }
    }

    public var title: String
    public var bars: [Bar]
    /// The value of a full-length bar; the largest value when nil.
    public var maximum: Int?

    public init(title: String, bars: [Bar], maximum: Int? = nil) {
        self.title = title; self.bars = bars; self.maximum = maximum
    }

    static let width = 640, labelWidth = 170, valueWidth = 80, rowHeight = 26, top = 30, barHeight = 16

    /// The length of each bar in pixels, proportional to its value, at least 1 px for a
    /// value above zero so a small figure never looks like none.
    public var lengths: [Int] {
        let span = Self.width - Self.labelWidth - Self.valueWidth
        let top = max(maximum ?? 0, bars.map(\.value).max() ?? 0)
        guard top > 0 else { return bars.map { _ in 0 } }
        return bars.map { bar in
            let v = min(max(bar.value, 0), top)
            return v == 0 ? 0 : max(1, v * span / top)
        }
    }

    public var svg: String {
        let height = Self.top + max(1, bars.count) * Self.rowHeight + 6
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(Self.width) \(height)\" "
            + "width=\"100%\" role=\"img\" aria-label=\"\(XMLText.escape(title))\">"
        out += "<title>\(XMLText.escape(title))</title>"
        out += "<text x=\"0\" y=\"18\" font-size=\"15\" font-weight=\"bold\" fill=\"#222\">\(XMLText.escape(title))</text>"
        for (i, (bar, length)) in zip(bars, lengths).enumerated() {
            let y = Self.top + i * Self.rowHeight
            let mid = y + Self.barHeight / 2 + 5
            out += "<text x=\"\(Self.labelWidth - 8)\" y=\"\(mid)\" font-size=\"13\" text-anchor=\"end\" fill=\"#333\">\(XMLText.escape(bar.label))</text>"
            out += "<rect x=\"\(Self.labelWidth)\" y=\"\(y)\" width=\"\(length)\" height=\"\(Self.barHeight)\" fill=\"#2f6fb3\"/>"
            out += "<text x=\"\(Self.labelWidth + length + 6)\" y=\"\(mid)\" font-size=\"13\" fill=\"#222\">\(XMLText.escape(bar.text ?? "\(bar.value)"))</text>"
        }
        return out + "</svg>"
    }

}
