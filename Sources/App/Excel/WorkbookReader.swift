import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SafeGridDomain
import ZIPFoundation

/// Reads the cell values of an `.xlsx` file (what Excel, WPS and LibreOffice save, and what
/// `Workbook.xlsx()` writes): shared and inline strings, numbers, booleans, and dates
/// recognised by their number format. Formulas give their cached value; styles are ignored.
enum WorkbookReader {
    struct ReadSheet: Sendable {
        let name: String
        /// Row 1 first; rows missing from the file are empty, each row as long as its last cell.
        let rows: [[Cell]]
    }

    /// Zip files are tiny when compressed and may be huge when not: refuse past this.
    static let maxUncompressedBytes: UInt64 = 64 << 20

    /// True when the bytes start like a zip file (an `.xlsx`), whatever the upload was named.
    static func looksLikeXLSX(_ data: Data) -> Bool {
        data.prefix(4) == Data([0x50, 0x4B, 0x03, 0x04])
    }

    /// One part of the package as text, for checks that look at the XML itself.
    static func rawPart(_ data: Data, _ path: String) throws -> String? {
        let archive = try Archive(data: data, accessMode: .read, pathEncoding: nil)
        guard let entry = archive[path] else { return nil }
        var bytes = Data()
        _ = try archive.extract(entry) { bytes.append($0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func read(_ data: Data) throws -> [ReadSheet] {
        let unreadable = SafeGridError.invalid(field: "file", "error.xlsx.unreadable")
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read, pathEncoding: nil) } catch { throw unreadable }
        var total: UInt64 = 0
        func part(_ path: String) throws -> XMLNode? {
            guard let entry = archive[path] else { return nil }
            total += UInt64(entry.uncompressedSize)
            guard total <= maxUncompressedBytes else { throw SafeGridError.invalid(field: "file", "error.xlsx.too_large") }
            var bytes = Data()
            do { _ = try archive.extract(entry) { bytes.append($0) } } catch { throw unreadable }
            guard let node = XMLNode.parse(bytes) else { throw unreadable }
            return node
        }

        guard let workbook = try part("xl/workbook.xml") else { throw unreadable }
        let rels = try part("xl/_rels/workbook.xml.rels")
        var targets: [String: String] = [:]
        for rel in rels?.all("Relationship") ?? [] {
            if let id = rel.attributes["Id"], let target = rel.attributes["Target"] {
                targets[id] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            }
        }
        let shared = (try part("xl/sharedStrings.xml"))?.all("si").map(\.cellText) ?? []
        let dateStyles = try part("xl/styles.xml").map(DateStyles.init) ?? DateStyles()

        return try workbook.all("sheet").enumerated().map { index, sheet in
            let name = sheet.attributes["name"] ?? "Sheet\(index + 1)"
            let rid = sheet.attributes.first { $0.key == "id" || $0.key.hasSuffix(":id") }?.value
            let path = rid.flatMap { targets[$0] } ?? "xl/worksheets/sheet\(index + 1).xml"
            guard let xml = try part(path) else { throw unreadable }
            return ReadSheet(name: name, rows: rows(of: xml, shared: shared, dates: dateStyles))
        }
    }

    private static func rows(of sheet: XMLNode, shared: [String], dates: DateStyles) -> [[Cell]] {
        var rows: [[Cell]] = []
        for row in sheet.all("row") {
            let number = row.attributes["r"].flatMap(Int.init) ?? rows.count + 1
            while rows.count < number - 1 { rows.append([]) }
            var cells: [Cell] = []
            for c in row.children where c.name == "c" {
                let column = c.attributes["r"].flatMap(CellRef.parse)?.column ?? cells.count
                while cells.count < column { cells.append(.empty) }
                cells.append(value(of: c, shared: shared, dates: dates))
            }
            while let last = cells.last, last == .empty { cells.removeLast() }
            if number - 1 < rows.count { rows[number - 1] = cells } else { rows.append(cells) }
        }
        return rows
    }

    private static func value(of c: XMLNode, shared: [String], dates: DateStyles) -> Cell {
        let raw = c.first("v")?.text
        switch c.attributes["t"] {
        case "s":
            guard let i = raw.flatMap(Int.init), shared.indices.contains(i) else { return .empty }
            return .text(shared[i])
        case "inlineStr": return c.first("is").map { .text($0.cellText) } ?? .empty
        case "str", "e": return raw.map { .text($0) } ?? .empty
        case "b": return .bool(raw == "1" || raw == "true")
        default:
            guard let raw, !raw.isEmpty else { return .empty }
            guard let d = Double(raw) else { return .text(raw) }
            switch c.attributes["s"].flatMap(Int.init).flatMap(dates.kind) {
            case .date?: return .date(ExcelDate.civilDate(serial: d))
            case .dateTime?: return .dateTime(ExcelDate.instant(serial: d))
            case nil:
                // Integers keep their written digits: a 15-digit grid code must not pass through a Double.
                if let n = Int(raw) { return .integer(n) }
                return .number(d)
            }
        }
    }
}

/// Which cell styles show a date or a date with time: built-in format ids, or a custom format
/// code with day, month, year or hour letters outside quotes and brackets.
struct DateStyles {
    enum Kind { case date, dateTime }
    private var kinds: [Int: Kind] = [:]

    init() {}

    init(_ styles: XMLNode) {
        var custom: [Int: String] = [:]
        for f in styles.all("numFmt") {
            if let id = f.attributes["numFmtId"].flatMap(Int.init) { custom[id] = f.attributes["formatCode"] ?? "" }
        }
        let xfs = styles.first("cellXfs")?.children.filter { $0.name == "xf" } ?? []
        for (index, xf) in xfs.enumerated() {
            guard let id = xf.attributes["numFmtId"].flatMap(Int.init) else { continue }
            if let kind = Self.kind(id: id, code: custom[id]) { kinds[index] = kind }
        }
    }

    func kind(_ style: Int) -> Kind? { kinds[style] }

    static func kind(id: Int, code: String?) -> Kind? {
        switch id {
        case 14...17, 27...31, 34...36, 50...58: return .date
        case 18...22, 32, 33, 45...47: return .dateTime
        default: break
        }
        guard let code else { return nil }
        var plain = ""
        var inQuotes = false, inBrackets = false
        for ch in code.lowercased() {
            if ch == "\"" { inQuotes.toggle() } else if ch == "[" { inBrackets = true } else if ch == "]" { inBrackets = false }
            else if !inQuotes && !inBrackets { plain.append(ch) }
        }
        if plain.contains("general") { return nil }
        let hasDate = plain.contains { "yd".contains($0) } || plain.contains("m") && !plain.contains("h") && !plain.contains("s")
        let hasTime = plain.contains { "hs".contains($0) }
        if hasDate && hasTime { return .dateTime }
        if hasDate { return .date }
        return hasTime ? .dateTime : nil
    }
}

/// A parsed XML element, small enough for the parts of a spreadsheet.
final class XMLNode {
    let name: String
    let attributes: [String: String]
    var children: [XMLNode] = []
    var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    func first(_ name: String) -> XMLNode? {
        for child in children {
            if child.name == name { return child }
            if let found = child.first(name) { return found }
        }
        return nil
    }

    func all(_ name: String) -> [XMLNode] {
        var found: [XMLNode] = []
        func walk(_ node: XMLNode) {
            for child in node.children {
                if child.name == name { found.append(child) } else { walk(child) }
            }
        }
        walk(self)
        return found
    }

    /// The text of a shared or inline string: every `<t>`, rich-text runs joined, without the
    /// phonetic guides (`rPh`) some Asian-language files carry.
    var cellText: String {
        if name == "t" { return text }
        if name == "rPh" { return "" }
        return children.map(\.cellText).joined()
    }

    static func parse(_ data: Data) -> XMLNode? {
        let builder = Builder()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        guard parser.parse() else { return nil }
        return builder.root
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: XMLNode?
        var stack: [XMLNode] = []

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes: [String: String] = [:]) {
            let node = XMLNode(name: elementName, attributes: attributes)
            if let parent = stack.last { parent.children.append(node) } else { root = node }
            stack.append(node)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }
    }
}
