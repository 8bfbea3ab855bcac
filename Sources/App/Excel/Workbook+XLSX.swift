import Foundation
import SafeGridDomain
import SafeGridRendering
import ZIPFoundation

/// Writes a `Workbook` as the smallest SpreadsheetML package that Excel, WPS and LibreOffice
/// open without a repair prompt: content types, relationships, workbook, styles, shared
/// strings and one worksheet per sheet.
extension Workbook {
    func xlsx() throws -> Data {
        // A workbook needs at least one sheet, or Excel refuses it.
        let sheets = self.sheets.isEmpty ? [Sheet(name: "Sheet1", header: [], rows: [])] : self.sheets
        let names = SheetNames.unique(sheets.map(\.name))
        var strings = SharedStrings()
        var parts: [(String, String)] = []
        for (index, sheet) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(index + 1).xml", XLSXParts.worksheet(sheet, strings: &strings)))
        }
        parts = [
            ("[Content_Types].xml", XLSXParts.contentTypes(sheetCount: sheets.count)),
            ("_rels/.rels", XLSXParts.rootRels),
            ("docProps/app.xml", XLSXParts.app),
            ("xl/workbook.xml", XLSXParts.workbook(names: names)),
            ("xl/_rels/workbook.xml.rels", XLSXParts.workbookRels(sheetCount: sheets.count)),
            ("xl/styles.xml", XLSXParts.styles),
            ("xl/sharedStrings.xml", strings.xml),
        ] + parts

        let archive = try Archive(data: Data(), accessMode: .create)
        // A fixed time keeps the same workbook byte-identical from one export to the next.
        let stamp = Date(timeIntervalSince1970: 1_262_304_000)
        for (path, xml) in parts {
            let bytes = Data(xml.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: stamp,
                                 compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw SafeGridError(.unavailable, "error.xlsx.write") }
        return data
    }
}

/// Sheet names as Excel allows them: at most 31 characters, none of `[]:*?/\`, unique
/// regardless of letter case, never blank.
enum SheetNames {
    static func unique(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.enumerated().map { index, raw in
            var base = String(raw.map { "[]:*?/\\".contains($0) ? "_" : $0 })
                .trimmingCharacters(in: CharacterSet(charactersIn: "' "))
            if base.isEmpty { base = "Sheet\(index + 1)" }
            base = String(base.prefix(31))
            var name = base
            var n = 2
            while seen.contains(name.lowercased()) {
                let suffix = " (\(n))"
                name = String(base.prefix(31 - suffix.count)) + suffix
                n += 1
            }
            seen.insert(name.lowercased())
            return name
        }
    }
}

/// Each distinct string stored once; cells refer to it by index.
struct SharedStrings {
    private(set) var list: [String] = []
    private var index: [String: Int] = [:]
    private(set) var references = 0

    mutating func id(_ s: String) -> Int {
        references += 1
        if let i = index[s] { return i }
        index[s] = list.count
        list.append(s)
        return list.count - 1
    }

    var xml: String {
        var out = XLSXParts.declaration
            + "<sst xmlns=\"\(XLSXParts.main)\" count=\"\(references)\" uniqueCount=\"\(list.count)\">"
        for s in list { out += "<si>\(XML.textElement("t", s))</si>" }
        return out + "</sst>"
    }
}

/// XML text as SpreadsheetML needs it.
enum XML {
    /// `<t>` keeps leading and trailing spaces and line breaks only with `xml:space="preserve"`.
    static func textElement(_ tag: String, _ s: String) -> String {
        let preserve = s.first.map { $0.isWhitespace } == true || s.last.map { $0.isWhitespace } == true || s.contains("\n")
        return preserve ? "<\(tag) xml:space=\"preserve\">\(XMLText.escape(s))</\(tag)>" : "<\(tag)>\(XMLText.escape(s))</\(tag)>"
    }
}

/// Cell references: column 0 → "A", 26 → "AA".
enum CellRef {
    static func column(_ index: Int) -> String {
        var n = index + 1
        var letters = ""
        while n > 0 {
            let r = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + r))) + letters
            n = (n - 1) / 26
        }
        return letters
    }

    /// "B3" → (column 1, row 3); nil for anything else.
    static func parse(_ ref: String) -> (column: Int, row: Int)? {
        var column = 0
        var digits = ""
        // Excel's last column is XFD (16,384) and its last row 1,048,576: anything longer is
        // refused before the arithmetic could overflow.
        guard ref.utf8.count <= 10 else { return nil }
        for ch in ref.uppercased() {
            if let a = ch.asciiValue, (65...90).contains(a), digits.isEmpty {
                column = column * 26 + Int(a - 64)
                guard column <= 16_384 else { return nil }
            } else if ch.isASCII, ch.isNumber {
                digits.append(ch)
            } else {
                return nil
            }
        }
        guard column > 0, let row = Int(digits), (1...1_048_576).contains(row) else { return nil }
        return (column - 1, row)
    }
}

/// Excel's serial dates: days since 1899-12-30 (which absorbs the 1900 leap-year bug for any
/// date after February 1900), the time as a fraction of the day.
enum ExcelDate {
    static let epochDayNumber = CivilDate(year: 1900, month: 1, day: 1)!.dayNumber - 2  // 1899-12-30

    static func serial(_ date: CivilDate) -> Int { date.dayNumber - epochDayNumber }

    static func serial(_ instant: Date) -> Double {
        let local = instant.timeIntervalSince1970 + Double(CivilDate.chinaOffset)
        // Whole minutes, as shown; keeps the stored number short and exact enough.
        let minutes = (local / 60).rounded(.down)
        return minutes / 1440 + Double(-epochDayNumber)
    }

    /// The serials Excel itself can show as dates: 1900-01-01 to 9999-12-31. Outside them (a
    /// damaged or hostile file may hold `1e300` or `nan`) there is no date to read.
    static let serials: ClosedRange<Double> = 0...2_958_465

    /// The day a serial stands for; callers check `serials` first.
    static func civilDate(serial: Double) -> CivilDate {
        CivilDate(dayNumber: Int(serial.rounded(.down)) + epochDayNumber)
    }

    /// The instant a China-time serial stands for; callers check `serials` first.
    static func instant(serial: Double) -> Date {
        let minutes = ((serial - Double(-epochDayNumber)) * 1440).rounded()
        return Date(timeIntervalSince1970: minutes * 60 - Double(CivilDate.chinaOffset))
    }
}
