import Foundation
import SafeGridDomain
import SafeGridRendering

/// The XML parts of an `.xlsx` package (ECMA-376 / ISO 29500 transitional, the dialect every
/// spreadsheet program reads).
enum XLSXParts {
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let officeRels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRels = "http://schemas.openxmlformats.org/package/2006/relationships"

    /// Style indexes into `cellXfs` below.
    enum Style: Int {
        case plain = 0, header, date, dateTime, integer, decimal, percent
    }

    static func contentTypes(sheetCount: Int) -> String {
        let sheetType = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
        let sheets = (1...max(sheetCount, 1)).map {
            "<Override PartName=\"/xl/worksheets/sheet\($0).xml\" ContentType=\"\(sheetType)\"/>"
        }.joined()
        return declaration
            + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
            + sheets
            + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
            + "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
            + "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
            + "</Types>"
    }

    static let rootRels = declaration
        + "<Relationships xmlns=\"\(packageRels)\">"
        + "<Relationship Id=\"rId1\" Type=\"\(officeRels)/officeDocument\" Target=\"xl/workbook.xml\"/>"
        + "<Relationship Id=\"rId2\" Type=\"\(officeRels)/extended-properties\" Target=\"docProps/app.xml\"/>"
        + "</Relationships>"

    static let app = declaration
        + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
        + "<Application>SafeGrid</Application></Properties>"

    static func workbook(names: [String]) -> String {
        let sheets = names.enumerated().map { i, name in
            "<sheet name=\"\(XMLText.escape(name))\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>"
        }.joined()
        return declaration
            + "<workbook xmlns=\"\(main)\" xmlns:r=\"\(officeRels)\">"
            + "<bookViews><workbookView activeTab=\"0\"/></bookViews>"
            + "<sheets>\(sheets)</sheets></workbook>"
    }

    static func workbookRels(sheetCount: Int) -> String {
        var rels = (1...max(sheetCount, 1)).map {
            "<Relationship Id=\"rId\($0)\" Type=\"\(officeRels)/worksheet\" Target=\"worksheets/sheet\($0).xml\"/>"
        }
        rels.append("<Relationship Id=\"rId\(sheetCount + 1)\" Type=\"\(officeRels)/styles\" Target=\"styles.xml\"/>")
        rels.append("<Relationship Id=\"rId\(sheetCount + 2)\" Type=\"\(officeRels)/sharedStrings\" Target=\"sharedStrings.xml\"/>")
        return declaration + "<Relationships xmlns=\"\(packageRels)\">" + rels.joined() + "</Relationships>"
    }

    /// Fills 0 and 1 must be `none` and `gray125`: Excel reserves them and repairs a file without.
    static let styles = declaration
        + "<styleSheet xmlns=\"\(main)\">"
        + "<numFmts count=\"3\"><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/>"
        + "<numFmt numFmtId=\"165\" formatCode=\"yyyy-mm-dd hh:mm\"/><numFmt numFmtId=\"166\" formatCode=\"0.0%\"/></numFmts>"
        + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
        + "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>"
        + "<fills count=\"3\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>"
        + "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFD9E1F2\"/><bgColor indexed=\"64\"/></patternFill></fill></fills>"
        + "<borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border>"
        + "<border><left/><right/><top/><bottom style=\"thin\"><color auto=\"1\"/></bottom><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"7\">"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"2\" borderId=\"1\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\" applyBorder=\"1\" applyAlignment=\"1\">"
        + "<alignment vertical=\"center\" wrapText=\"1\"/></xf>"
        + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"165\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"1\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"2\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"166\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "</cellXfs>"
        + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        + "</styleSheet>"

    static func worksheet(_ sheet: Sheet, strings: inout SharedStrings) -> String {
        let columnCount = max(sheet.header.count, sheet.rows.map(\.count).max() ?? 0)
        let rowCount = sheet.rows.count + 1
        let last = columnCount > 0 ? "\(CellRef.column(columnCount - 1))\(rowCount)" : "A1"
        var out = declaration + "<worksheet xmlns=\"\(main)\" xmlns:r=\"\(officeRels)\">"
        out += "<dimension ref=\"A1:\(last)\"/>"
        out += "<sheetViews><sheetView workbookViewId=\"0\">"
        out += "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
        out += "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/></sheetView></sheetViews>"
        out += "<sheetFormatPr defaultRowHeight=\"15\"/>"
        if columnCount > 0 {
            out += "<cols>"
            for c in 0..<columnCount {
                let given = c < sheet.widths.count ? sheet.widths[c] : nil
                let width = given ?? computedWidth(sheet, column: c)
                out += "<col min=\"\(c + 1)\" max=\"\(c + 1)\" width=\"\(String(format: "%.1f", width))\" customWidth=\"1\"/>"
            }
            out += "</cols>"
        }
        out += "<sheetData>"
        out += "<row r=\"1\">"
        for (c, title) in sheet.header.enumerated() {
            out += "<c r=\"\(CellRef.column(c))1\" t=\"s\" s=\"\(Style.header.rawValue)\"><v>\(strings.id(title))</v></c>"
        }
        out += "</row>"
        for (r, row) in sheet.rows.enumerated() {
            out += "<row r=\"\(r + 2)\">"
            for (c, cell) in row.enumerated() {
                out += xml(cell, ref: "\(CellRef.column(c))\(r + 2)", strings: &strings)
            }
            out += "</row>"
        }
        out += "</sheetData>"
        out += "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
        return out + "</worksheet>"
    }

    private static func xml(_ cell: Cell, ref: String, strings: inout SharedStrings) -> String {
        func number(_ d: Double, _ style: Style) -> String {
            guard d.isFinite else { return "" }
            let s = style == .plain ? "" : " s=\"\(style.rawValue)\""
            return "<c r=\"\(ref)\"\(s)><v>\(Cell.format(d))</v></c>"
        }
        switch cell {
        case .empty: return ""
        case .text(let s): return "<c r=\"\(ref)\" t=\"s\"><v>\(strings.id(s))</v></c>"
        case .integer(let n): return "<c r=\"\(ref)\"><v>\(n)</v></c>"
        case .number(let d): return number(d, .plain)
        case .decimal(let d): return number(d, .decimal)
        case .percent(let d): return number(d, .percent)
        case .bool(let b): return "<c r=\"\(ref)\" t=\"b\"><v>\(b ? 1 : 0)</v></c>"
        case .date(let d): return "<c r=\"\(ref)\" s=\"\(Style.date.rawValue)\"><v>\(ExcelDate.serial(d))</v></c>"
        case .dateTime(let t): return number(ExcelDate.serial(t), .dateTime)
        }
    }

    /// Width in character units: CJK characters count double, clamped to a readable range.
    private static func computedWidth(_ sheet: Sheet, column: Int) -> Double {
        func width(_ s: String) -> Int {
            s.split(separator: "\n").map { line in
                line.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 ? 2 : 1) }
            }.max() ?? 0
        }
        var longest = column < sheet.header.count ? width(sheet.header[column]) : 0
        for row in sheet.rows.prefix(1000) where column < row.count {
            let text: String
            switch row[column] {
            case .date: text = "2026-01-01"
            case .dateTime: text = "2026-01-01 00:00"
            default: text = row[column].plain
            }
            longest = max(longest, width(text))
        }
        return Double(min(max(longest + 2, 8), 60))
    }
}
