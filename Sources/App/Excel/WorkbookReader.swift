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

    /// What one file may unpack to, counted as it is inflated (the sizes a zip declares are
    /// the sender's word). With the caps on rows and cells below, reading any file up to the
    /// upload limit stays well under 150 MB of memory and a few seconds (ExcelTests).
    struct Limits: Sendable {
        var uncompressedBytes = 32 << 20
        /// Parts other than worksheets and shared strings (workbook, relations, styles) are
        /// parsed into a tree, which costs many times their size.
        var treePartBytes = 4 << 20
        var rows = 50_000
        var columns = 256
        var cells = 400_000
    }

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

    /// A problem at one cell or row: `error.xlsx.at` with the sheet, row, column and the
    /// catalogue key of what is wrong there, so an import can point at it.
    static func problem(sheet: String, row: Int, column: String, _ key: String) -> SafeGridError {
        .invalid(field: "file", "error.xlsx.at", args: [sheet, "\(row)", column, key])
    }

    static func read(_ data: Data, limits: Limits = Limits()) throws -> [ReadSheet] {
        let unreadable = SafeGridError.invalid(field: "file", "error.xlsx.unreadable")
        let tooLarge = SafeGridError.invalid(field: "file", "error.xlsx.too_large")
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read, pathEncoding: nil) } catch { throw unreadable }
        var total = 0
        /// The part's bytes, counted as they are inflated; stops at the first byte too many.
        func bytes(_ path: String, cap: Int) throws -> Data? {
            guard let entry = archive[path] else { return nil }
            var bytes = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    total += chunk.count
                    guard total <= limits.uncompressedBytes, bytes.count + chunk.count <= cap else { throw tooLarge }
                    bytes.append(chunk)
                }
            } catch let error as SafeGridError {
                throw error
            } catch {
                throw unreadable
            }
            return bytes
        }
        func tree(_ path: String) throws -> XMLNode? {
            guard let data = try bytes(path, cap: limits.treePartBytes) else { return nil }
            guard let node = XMLNode.parse(data) else { throw unreadable }
            return node
        }

        guard let workbook = try tree("xl/workbook.xml") else { throw unreadable }
        let rels = try tree("xl/_rels/workbook.xml.rels")
        var targets: [String: String] = [:]
        for rel in rels?.all("Relationship") ?? [] {
            if let id = rel.attributes["Id"], let target = rel.attributes["Target"] {
                targets[id] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            }
        }
        var shared: [String] = []
        if let data = try bytes("xl/sharedStrings.xml", cap: limits.uncompressedBytes) {
            let reader = SharedStringsReader(limit: limits.cells)
            guard reader.parse(data) else { throw reader.overflow ? tooLarge : unreadable }
            shared = reader.strings
        }
        let dateStyles = try tree("xl/styles.xml").map(DateStyles.init) ?? DateStyles()

        var cellsLeft = limits.cells
        return try workbook.all("sheet").enumerated().map { index, sheet in
            let name = sheet.attributes["name"] ?? "Sheet\(index + 1)"
            let rid = sheet.attributes.first { $0.key == "id" || $0.key.hasSuffix(":id") }?.value
            let path = rid.flatMap { targets[$0] } ?? "xl/worksheets/sheet\(index + 1).xml"
            guard let xml = try bytes(path, cap: limits.uncompressedBytes) else { throw unreadable }
            let reader = SheetReader(name: name, shared: shared, dates: dateStyles, limits: limits, cells: cellsLeft)
            try reader.parse(xml)
            cellsLeft = reader.cellsLeft
            return ReadSheet(name: name, rows: reader.rows)
        }
    }
}

/// Reads one worksheet as it is parsed, without building a tree: each `<row>` and `<c>` is
/// checked (row number, cell reference, date serial) and counted against the caps, and the
/// first problem stops the parse with the sheet, row and column named.
private final class SheetReader: NSObject, XMLParserDelegate {
    let name: String
    let shared: [String]
    let dates: DateStyles
    let limits: WorkbookReader.Limits
    private(set) var cellsLeft: Int
    private(set) var rows: [[Cell]] = []
    private var problem: SafeGridError?

    private var rowNumber = 0
    private var cells: [Cell] = []
    private var cell: (column: Int, type: String?, style: Int?)?
    private var value = ""
    private var inline = ""
    private var inValue = false, inInlineText = false, inPhonetic = false

    init(name: String, shared: [String], dates: DateStyles, limits: WorkbookReader.Limits, cells: Int) {
        self.name = name; self.shared = shared; self.dates = dates; self.limits = limits; cellsLeft = cells
    }

    func parse(_ data: Data) throws {
        // Fed as a stream, in pieces: libxml2 refuses a single chunk over 10 MB ("huge input"),
        // which a legitimate sheet of 50,000 rows exceeds.
        let parser = XMLParser(stream: InputStream(data: data))
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = self
        let ok = parser.parse()
        if let problem { throw problem }
        guard ok else { throw SafeGridError.invalid(field: "file", "error.xlsx.unreadable") }
    }

    private func fail(_ parser: XMLParser, row: Int, column: String, _ key: String) {
        guard problem == nil else { return }
        problem = WorkbookReader.problem(sheet: name, row: row, column: column, key)
        parser.abortParsing()
    }

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        guard problem == nil else { return }
        switch element {
        case "row":
            let number: Int
            if let raw = attributes["r"] {
                guard let n = Int(raw), n >= 1 else { return fail(parser, row: rows.count + 1, column: "-", "error.xlsx.row_number") }
                number = n
            } else {
                number = rows.count + 1
            }
            guard number <= limits.rows else { return fail(parser, row: number, column: "-", "error.xlsx.too_many_rows") }
            rowNumber = number
            cells = []
        case "c":
            let column: Int
            if let ref = attributes["r"] {
                guard let parsed = CellRef.parse(ref) else {
                    return fail(parser, row: rowNumber, column: String(ref.prefix(12)), "error.xlsx.cell_ref")
                }
                column = parsed.column
            } else {
                column = cells.count
            }
            guard column < limits.columns else {
                return fail(parser, row: rowNumber, column: CellRef.column(min(column, 16_383)), "error.xlsx.too_many_columns")
            }
            cellsLeft -= 1
            guard cellsLeft >= 0 else { return fail(parser, row: rowNumber, column: CellRef.column(column), "error.xlsx.too_many_cells") }
            cell = (column, attributes["t"], attributes["s"].flatMap(Int.init))
            value = ""; inline = ""
        case "v": inValue = true
        case "t": inInlineText = cell != nil && !inPhonetic
        case "rPh": inPhonetic = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inValue { value += string } else if inInlineText { inline += string }
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        guard problem == nil else { return }
        switch element {
        case "v": inValue = false
        case "t": inInlineText = false
        case "rPh": inPhonetic = false
        case "c":
            guard let current = cell else { return }
            cell = nil
            guard let parsed = read(current) else {
                return fail(parser, row: rowNumber, column: CellRef.column(current.column), "error.xlsx.date_value")
            }
            while cells.count < current.column { cells.append(.empty) }
            if current.column < cells.count { cells[current.column] = parsed } else { cells.append(parsed) }
        case "row":
            while let last = cells.last, last == .empty { cells.removeLast() }
            while rows.count < rowNumber - 1 { rows.append([]) }
            if rowNumber - 1 < rows.count { rows[rowNumber - 1] = cells } else { rows.append(cells) }
        default: break
        }
    }

    /// The cell's value; nil when a date cell holds no date (out of Excel's range, or not a number).
    private func read(_ c: (column: Int, type: String?, style: Int?)) -> Cell? {
        switch c.type {
        case "s":
            guard let i = Int(value), shared.indices.contains(i) else { return .empty }
            return .text(shared[i])
        case "inlineStr": return inline.isEmpty ? .empty : .text(inline)
        case "str", "e": return value.isEmpty ? .empty : .text(value)
        case "b": return .bool(value == "1" || value == "true")
        default:
            guard !value.isEmpty else { return .empty }
            let kind = c.style.flatMap(dates.kind)
            guard let d = Double(value) else { return kind == nil ? .text(value) : nil }
            switch kind {
            case .date?:
                guard ExcelDate.serials.contains(d) else { return nil }
                return .date(ExcelDate.civilDate(serial: d))
            case .dateTime?:
                guard ExcelDate.serials.contains(d) else { return nil }
                return .dateTime(ExcelDate.instant(serial: d))
            case nil:
                // Integers keep their written digits: a 15-digit grid code must not pass through a Double.
                if let n = Int(value) { return .integer(n) }
                return .number(d)
            }
        }
    }
}

/// The shared strings, read as they are parsed; rich-text runs joined, phonetic guides (`rPh`)
/// left out, at most `limit` of them.
private final class SharedStringsReader: NSObject, XMLParserDelegate {
    let limit: Int
    private(set) var strings: [String] = []
    private(set) var overflow = false
    private var current: String?
    private var inText = false, inPhonetic = false

    init(limit: Int) { self.limit = limit }

    func parse(_ data: Data) -> Bool {
        let parser = XMLParser(stream: InputStream(data: data))
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = self
        return parser.parse() && !overflow
    }

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        switch element {
        case "si":
            guard strings.count < limit else { overflow = true; parser.abortParsing(); return }
            current = ""
        case "t": inText = current != nil && !inPhonetic
        case "rPh": inPhonetic = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current? += string }
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        switch element {
        case "si": strings.append(current ?? ""); current = nil
        case "t": inText = false
        case "rPh": inPhonetic = false
        default: break
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
