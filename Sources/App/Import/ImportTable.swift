import Foundation
import SafeGridDomain

/// The rows of an import file as text, from CSV or from one worksheet of an `.xlsx`.
struct ImportTable {
    /// The worksheet read; nil for CSV.
    var sheet: String?
    /// Row 1 is the header. For a worksheet, index + 1 is the row number Excel shows (empty
    /// rows stay in place), so messages point at the right row.
    var rows: [[String]]

    static func read(_ data: Data, kind: CSVImport.Kind) throws -> ImportTable {
        if WorkbookReader.looksLikeXLSX(data) {
            let sheets: [WorkbookReader.ReadSheet]
            do {
                sheets = try WorkbookReader.read(data)
            } catch let error as SafeGridError {
                let field = error.fields.first
                if let field, field.key == "error.xlsx.at", field.args.count == 4 {
                    throw CSVImport.Failure(problems: [.init(sheet: field.args[0], line: Int(field.args[1]) ?? 1,
                                                             column: field.args[2], message: Catalogue.bilingual(field.args[3]))])
                }
                throw CSVImport.Failure(problems: [.init(line: 1, column: "-", message: Catalogue.bilingual(field?.key ?? error.key))])
            }
            guard let sheet = pick(sheets, kind: kind) else {
                throw CSVImport.Failure(problems: [.init(line: 1, column: "-", message: Catalogue.bilingual("error.import.empty"))])
            }
            return ImportTable(sheet: sheet.name, rows: sheet.rows.map { $0.map(text) })
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CSVImport.Failure(problems: [.init(line: 1, column: "-", message: Catalogue.bilingual("error.import.not_utf8"))])
        }
        return ImportTable(sheet: nil, rows: CSV.parse(text))
    }

    /// The sheet named after the kind (`places`, or the task list's export name), else the first.
    static func pick(_ sheets: [WorkbookReader.ReadSheet], kind: CSVImport.Kind) -> WorkbookReader.ReadSheet? {
        var names: Set<String> = [kind.rawValue]
        if kind == .tasks { for l in AppLocale.allCases { names.insert(Catalogue.text("campaign.sheet.tasks", l)) } }
        return sheets.first { names.contains($0.name) } ?? sheets.first
    }

    /// A cell as the importers read it: dates as `yyyy-MM-dd`, integers with all their digits.
    static func text(_ cell: Cell) -> String {
        switch cell {
        case .dateTime(let t): CivilDate(t).description
        case .bool(let b): b ? "true" : "false"
        case .decimal(let d), .percent(let d): Cell.format(d)
        default: cell.plain
        }
    }
}
