import Foundation

/// RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF, an optional UTF-8 BOM (Excel adds one).
enum CSV {
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var inQuotes = false
        var chars = Array(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
        chars.append("\n")
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < chars.count && chars[i + 1] == "\"" { field.append("\""); i += 1 } else { inQuotes = false }
                } else {
                    field.append(c)
                }
            } else {
                switch c {
                case "\"": inQuotes = true
                case ",": row.append(field); field = ""
                case "\r\n", "\n", "\r":
                    row.append(field); field = ""
                    if !(row.count == 1 && row[0].isEmpty) { rows.append(row) }
                    row = []
                default: field.append(c)
                }
            }
            i += 1
        }
        return rows
    }

    /// Characters that make a spreadsheet read a cell as a formula when they lead it. Excel
    /// and WPS with a Chinese input method also take the full-width forms, and a leading tab
    /// or carriage return is skipped before the check.
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "＝", "＋", "－", "＠", "\t", "\r"]

    /// Quotes a field when needed; a cell that could start a formula is prefixed with ' so
    /// that a spreadsheet never runs it.
    static func field(_ value: String) -> String {
        var v = value
        if let first = v.first, formulaStarts.contains(first) { v = "'" + v }
        if v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return v
    }

    /// UTF-8 with BOM and CRLF, the form Excel and WPS open without asking.
    static func document(header: [String], rows: [[String]]) -> String {
        "\u{FEFF}" + ([header] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }
}
