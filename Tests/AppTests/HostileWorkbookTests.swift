@testable import App
import Foundation
import SafeGridDomain
import Testing
import ZIPFoundation

/// Spreadsheets made to break the reader: each must be refused with the sheet, row and column
/// named, within the caps, and never end the process (an overflow traps the whole server).
struct HostileWorkbookTests {
    /// A minimal package with one sheet `places` whose rows are `rows` (raw XML); a date style
    /// (index 1) is declared so that `s="1"` cells are read as dates.
    static func workbook(rows: String, extra: [(String, Data)] = []) throws -> Data {
        let parts: [(String, Data)] = [
            ("[Content_Types].xml", Data(#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#.utf8)),
            ("xl/workbook.xml", Data(#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="places" sheetId="1"/></sheets></workbook>"#.utf8)),
            ("xl/styles.xml", Data(#"<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>"#.utf8)),
            ("xl/worksheets/sheet1.xml", Data((#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"# + rows + "</sheetData></worksheet>").utf8)),
        ] + extra
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, data) in parts {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return try #require(archive.data)
    }

    /// The `error.xlsx.at` arguments of the refusal: sheet, row, column, reason.
    static func refusal(_ data: Data) throws -> [String] {
        do {
            _ = try WorkbookReader.read(data)
        } catch let error as SafeGridError {
            let field = try #require(error.fields.first)
            #expect(field.key == "error.xlsx.at", "\(error)")
            return field.args
        }
        Issue.record("the workbook was read")
        return []
    }

    @Test("a well-formed sheet still reads, dates included")
    func control() throws {
        let data = try Self.workbook(rows: #"<row r="1"><c r="A1" t="inlineStr"><is><t>名称</t></is></c><c r="B1" s="1"><v>46000</v></c></row>"#)
        let rows = try WorkbookReader.read(data)[0].rows
        #expect(rows[0][0] == .text("名称"))
        #expect(rows[0][1] == .date(ExcelDate.civilDate(serial: 46000)))
    }

    @Test("row numbers that are zero, negative or past the cap are refused at their row", arguments: [
        ("0", "error.xlsx.row_number"), ("-5", "error.xlsx.row_number"),
        ("99999999999999999999999", "error.xlsx.row_number"), ("50000000", "error.xlsx.too_many_rows"),
    ])
    func rowNumbers(raw: String, reason: String) throws {
        let args = try Self.refusal(try Self.workbook(rows: #"<row r="\#(raw)"><c r="A1"><v>1</v></c></row>"#))
        #expect(args.first == "places")
        #expect(args.last == reason)
    }

    @Test("cell references that overflow or run past the columns are refused at their column", arguments: [
        ("AAAAAAAAAAAAAAA2", "error.xlsx.cell_ref"), ("A99999999999999999999", "error.xlsx.cell_ref"),
        ("ZZ2", "error.xlsx.too_many_columns"),
    ])
    func cellReferences(ref: String, reason: String) throws {
        let args = try Self.refusal(try Self.workbook(rows: #"<row r="2"><c r="\#(ref)"><v>1</v></c></row>"#))
        #expect(args == ["places", "2", args[2], reason])
        #expect(!args[2].isEmpty)
    }

    @Test("a date cell holding no date is refused at its cell", arguments: ["1e300", "nan", "-1", "inf", "abc"])
    func dateValues(raw: String) throws {
        let args = try Self.refusal(try Self.workbook(rows: #"<row r="3"><c r="C3" s="1"><v>\#(raw)</v></c></row>"#))
        #expect(args == ["places", "3", "C", "error.xlsx.date_value"])
    }

    @Test("a bomb is stopped by the bytes actually inflated, whatever the zip declares")
    func bomb() throws {
        // 64 MB of one repeated cell compresses to well under a megabyte.
        let cell = #"<c t="inlineStr"><is><t>xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx</t></is></c>"#
        let row = "<row>" + String(repeating: cell, count: 100) + "</row>"
        let data = try Self.workbook(rows: String(repeating: row, count: 8_000))
        #expect(data.count < 2 << 20)
        #expect(throws: SafeGridError.self) { try WorkbookReader.read(data) }
    }

    @Test("a legitimate sheet over 10 MB of XML is read (libxml2 refuses such a document in one chunk)")
    func largeLegitimateSheet() throws {
        let filler = String(repeating: "x", count: 550)
        var rows = ""
        for n in 1...20_000 { rows += #"<row r="\#(n)"><c r="A\#(n)" t="inlineStr"><is><t>场所\#(n)\#(filler)</t></is></c></row>"# }
        let sheets = try WorkbookReader.read(try Self.workbook(rows: rows))
        #expect(sheets[0].rows.count == 20_000)
        #expect(sheets[0].rows[19_999].first == .text("场所20000" + filler))
    }

    @Test("too many cells stop at the first cell past the cap")
    func cellCap() throws {
        let row = "<row>" + String(repeating: "<c><v>1</v></c>", count: 100) + "</row>"
        var limits = WorkbookReader.Limits()
        limits.cells = 1_000
        do {
            _ = try WorkbookReader.read(try Self.workbook(rows: String(repeating: row, count: 20)), limits: limits)
            Issue.record("read past the cap")
        } catch let error as SafeGridError {
            #expect(error.fields.first?.args == ["places", "11", "A", "error.xlsx.too_many_cells"])
        }
    }

    @Test("an import names the sheet, row and column of the problem")
    func importNamesThePlace() throws {
        let data = try Self.workbook(rows: #"<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c></row><row r="0"/>"#)
        do {
            _ = try ImportTable.read(data, kind: .places)
            Issue.record("imported")
        } catch let failure as CSVImport.Failure {
            let problem = try #require(failure.problems.first)
            #expect(problem.sheet == "places")
            #expect(problem.line == 2)
            #expect(problem.place.contains("sheet places"))
        }
    }
}
