import Foundation
import Vapor

/// A workbook as a file download, `.xlsx` or `.csv`, with a file name that old clients read
/// in ASCII and the rest in the user's language (RFC 6266 `filename*`).
enum Download {
    enum Format: String, Sendable {
        case xlsx, csv
    }

    static let xlsxType = HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.spreadsheetml.sheet")

    /// - Parameters:
    ///   - asciiName: file name without extension, ASCII only (e.g. `hazards-2026-03-01`).
    ///   - localName: file name without extension in the user's language.
    static func workbook(_ book: Workbook, _ format: Format, asciiName: String, localName: String) throws -> Response {
        let response: Response
        switch format {
        case .xlsx:
            response = Response(status: .ok, body: .init(data: try book.xlsx()))
            response.headers.contentType = xlsxType
        case .csv:
            response = Response(status: .ok, body: .init(string: book.csv()))
            response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        }
        let ext = format.rawValue
        let named = "\(localName).\(ext)"
            .addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-."))) ?? ""
        response.headers.replaceOrAdd(name: .contentDisposition,
                                      value: "attachment; filename=\"\(asciiName).\(ext)\"; filename*=UTF-8''\(named)")
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return response
    }
}
