import SafeGridDomain
import Vapor

/// `GET /ledgers` (the five ledgers, 五本账), `GET /ledgers.csv` and `GET /ledgers.xlsx`.
struct SourceLedgerWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.ledgers.pathComponents, use: page)
        routes.get(SiteURL.ledgersCSV.pathComponents) { try await download($0, .csv) }
        routes.get(SiteURL.ledgersXLSX.pathComponents) { try await download($0, .xlsx) }
    }

    func page(req: Request) async throws -> Response {
        req.page(try await SourceLedgerPage.build(req))
    }

    func download(_ req: Request, _ format: Download.Format) async throws -> Response {
        let today = CivilDate(req.now)
        return try Download.workbook(try await SourceLedgerPage.workbook(req), format, asciiName: "five-ledgers-\(today)",
                                     localName: "\(Texts(req)("ledgers.csv.filename"))-\(today)")
    }
}
