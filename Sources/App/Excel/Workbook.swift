import Foundation
import SafeGridDomain

/// A spreadsheet to export as `.xlsx` (Office Open XML SpreadsheetML) or as CSV.
///
/// Build one with typed cells, then call `xlsx()` or `csv(sheet:)`:
///
///     var book = Workbook()
///     book.add(Sheet(name: "隐患台账", header: ["编号", "期限", "超期天数"],
///                    rows: [[.text("YH-1"), .date(deadline), .integer(3)]]))
///     let data = try book.xlsx()
///
/// Every sheet's first row is its header (bold, shaded, frozen when scrolling). Column widths
/// follow the longest cell unless given. Strings are always stored as strings, never as
/// formulas, so a cell starting with `=` cannot run in Excel.
struct Workbook: Sendable {
    var sheets: [Sheet] = []

    init(sheets: [Sheet] = []) { self.sheets = sheets }

    mutating func add(_ sheet: Sheet) { sheets.append(sheet) }
}

/// One worksheet: a header row and data rows of typed cells.
struct Sheet: Sendable, Equatable {
    var name: String
    var header: [String]
    var rows: [[Cell]]
    /// Widths in Excel's character units, one per column; nil widths are computed.
    var widths: [Double?]

    init(name: String, header: [String], rows: [[Cell]], widths: [Double?] = []) {
        self.name = name
        self.header = header
        self.rows = rows
        self.widths = widths
    }
}

/// A typed cell. Dates are stored as Excel serial numbers with a date format, so they sort,
/// filter and compute as dates in Excel, WPS and LibreOffice.
enum Cell: Sendable, Equatable {
    case empty
    case text(String)
    case integer(Int)
    case number(Double)
    /// Shown with two decimals.
    case decimal(Double)
    /// A fraction 0…1 shown as a percentage with one decimal, as the pages show rates.
    case percent(Double)
    case bool(Bool)
    /// A calendar day (a deadline), shown `yyyy-mm-dd`.
    case date(CivilDate)
    /// An instant, shown in China time `yyyy-mm-dd hh:mm`.
    case dateTime(Date)

    /// Text or empty for nil: most optional columns want this.
    static func text(_ value: String?) -> Cell { value.map { .text($0) } ?? .empty }
    static func integer(_ value: Int?) -> Cell { value.map { .integer($0) } ?? .empty }
    static func date(_ value: CivilDate?) -> Cell { value.map { .date($0) } ?? .empty }
    static func dateTime(_ value: Date?) -> Cell { value.map { .dateTime($0) } ?? .empty }

    /// How the cell reads in a CSV file and to a person.
    var plain: String {
        switch self {
        case .empty: ""
        case .text(let s): s
        case .integer(let n): String(n)
        case .number(let d): Cell.format(d)
        case .decimal(let d): String(format: "%.2f", d)
        // As `Rate` writes it on the pages: one decimal, none when whole.
        case .percent(let d): (d * 1000).rounded().truncatingRemainder(dividingBy: 10) == 0
            ? String(format: "%.0f%%", d * 100) : String(format: "%.1f%%", d * 100)
        case .bool(let b): b ? "TRUE" : "FALSE"
        case .date(let d): d.description
        case .dateTime(let t): WebFormat.dateTime(t)
        }
    }

    /// Shortest text for a double: integral values without ".0".
    static func format(_ d: Double) -> String {
        if d.rounded() == d, abs(d) < 1e15 { return String(Int(d)) }
        return String(d)
    }
}

extension Workbook {
    /// The first sheet (or the named one) as a UTF-8 CSV document with BOM and CRLF.
    func csv(sheet name: String? = nil) -> String {
        guard let sheet = name.flatMap({ n in sheets.first { $0.name == n } }) ?? sheets.first else { return "" }
        return CSV.document(header: sheet.header, rows: sheet.rows.map { $0.map(\.plain) })
    }
}
