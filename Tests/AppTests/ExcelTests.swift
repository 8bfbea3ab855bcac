@testable import App
import Foundation
import SafeGridDomain
import Testing

@Suite("Excel: xlsx writer and reader")
struct ExcelTests {
    static let sample = Sheet(name: "隐患台账", header: ["编号", "名称", "期限", "发现时间", "超期天数", "比例", "闭环", "备注"], rows: [
        [.text("YH-410106100-2026-000001"), .text("配电箱 <无> 防护 & \"门\""), .date(CivilDate(iso: "2026-03-01")!),
         .dateTime(Date(timeIntervalSince1970: 1_772_330_400)), .integer(3), .number(0.125), .bool(true), .text("  前后空格 \n换行 ")],
        [.text("=1+1"), .empty, .date(CivilDate(iso: "1999-12-31")!), .empty, .integer(-7), .number(1234567.5), .bool(false)],
        [],
        [.integer(410_106_100_201_001), .text("控制字符\u{01}被替换")],
    ])

    @Test("cells written by the writer come back from the reader with the same values and types")
    func roundTrip() throws {
        // setup
        let other = Sheet(name: "第二页", header: ["a"], rows: [[.text("b")]])
        let data = try Workbook(sheets: [Self.sample, other]).xlsx()

        // MUT
        let sheets = try WorkbookReader.read(data)

        // validate
        #expect(sheets.map(\.name) == ["隐患台账", "第二页"])
        let rows = sheets[0].rows
        #expect(rows[0] == Self.sample.header.map { .text($0) })
        #expect(rows[1] == Self.sample.rows[0])
        #expect(rows[2] == Array(Self.sample.rows[1]), "a formula-looking string stays a string")
        #expect(rows[3] == [], "an empty row keeps its place")
        #expect(rows[4] == [.integer(410_106_100_201_001), .text("控制字符\u{FFFD}被替换")])
        #expect(sheets[1].rows == [[.text("a")], [.text("b")]])
    }

    @Test("decimals and percentages read back as numbers; dates as China-time days and minutes")
    func formatsReadBack() throws {
        let instant = Date(timeIntervalSince1970: 1_795_658_400) // 2026-11-26 10:00 China time
        let data = try Workbook(sheets: [Sheet(name: "s", header: ["x"], rows: [[.decimal(2.5), .percent(0.4), .dateTime(instant)]])]).xlsx()
        let row = try WorkbookReader.read(data)[0].rows[1]
        #expect(row == [.number(2.5), .number(0.4), .dateTime(instant)])
        #expect(ExcelDate.serial(CivilDate(iso: "2026-01-01")!) == 46023, "Excel's serial for 2026-01-01")
    }

    @Test("the package holds the parts Excel requires, a frozen header and a header style")
    func packageParts() throws {
        let data = try Workbook(sheets: [Self.sample]).xlsx()
        #expect(WorkbookReader.looksLikeXLSX(data))
        let sheetXML = try XLSXPeek.part(data, "xl/worksheets/sheet1.xml")
        #expect(sheetXML.contains("state=\"frozen\""))
        #expect(sheetXML.contains("<c r=\"A1\" t=\"s\" s=\"1\">"), "header cells use the header style")
        #expect(sheetXML.contains("<cols>"))
        for part in ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                     "xl/sharedStrings.xml"] {
            #expect(try !XLSXPeek.part(data, part).isEmpty, "\(part) is present")
        }
    }

    @Test("the same workbook is written byte for byte the same")
    func deterministic() throws {
        #expect(try Workbook(sheets: [Self.sample]).xlsx() == Workbook(sheets: [Self.sample]).xlsx())
    }

    @Test("sheet names are made legal and unique", arguments: [
        (["a/b", "A/B", ""], ["a_b", "A_B (2)", "Sheet3"]),
        ([String(repeating: "长", count: 40)], [String(repeating: "长", count: 31)]),
    ])
    func sheetNames(input: [String], expected: [String]) {
        #expect(SheetNames.unique(input) == expected)
    }

    @Test("column letters and cell references", arguments: [(0, "A"), (25, "Z"), (26, "AA"), (701, "ZZ"), (702, "AAA")])
    func columns(index: Int, letters: String) {
        #expect(CellRef.column(index) == letters)
        #expect(CellRef.parse("\(letters)12")?.column == index)
    }

    @Test("custom number formats are told apart as date, date-time or plain", arguments: [
        ("yyyy-mm-dd", DateStyles.Kind.date as DateStyles.Kind?), ("yyyy/m/d h:mm", .dateTime), ("0.00", nil),
        ("[Red]0.00", nil), ("\"days\" 0", nil), ("mm:ss", .dateTime), ("General", nil), ("yyyy\"年\"m\"月\"d\"日\"", .date),
    ])
    func dateFormats(code: String, kind: DateStyles.Kind?) {
        #expect(DateStyles.kind(id: 200, code: code) == kind)
    }

    @Test("a file that is not a spreadsheet is refused with a field error")
    func garbage() {
        #expect(throws: SafeGridError.self) { try WorkbookReader.read(Data([0x50, 0x4B, 0x03, 0x04, 1, 2, 3])) }
    }

    @Test("CSV of a workbook is the first sheet as plain text")
    func csv() {
        let text = Workbook(sheets: [Self.sample]).csv()
        #expect(text.hasPrefix("\u{FEFF}编号,名称,期限"))
        // The CSV writer's formula guard also marks a leading minus; the xlsx keeps the number.
        #expect(text.contains("'=1+1,,1999-12-31,,'-7,1234567.5,FALSE"), "\(text)")
    }
}

/// Reads one part of a package, for tests that look at the XML itself.
enum XLSXPeek {
    static func part(_ data: Data, _ path: String) throws -> String {
        try #require(try WorkbookReader.rawPart(data, path))
    }
}
