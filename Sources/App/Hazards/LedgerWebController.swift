import Fluent
import Foundation
import SafeGridDomain
import Vapor

/// `GET /hazards` (the ledger), `GET /hazards.csv` and `GET /hazards.xlsx` (the same rows for Excel or WPS).
struct LedgerWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.hazards.pathComponents, use: ledger)
        routes.get(SiteURL.hazardsCSV.pathComponents, use: csv)
        routes.get(SiteURL.hazardsXLSX.pathComponents, use: xlsx)
    }

    func ledger(req: Request) async throws -> Response {
        let (context, status) = try await LedgerPage.build(req)
        return req.page(context, status: status)
    }

    /// Every row the filters select, not only one page: the export is for the whole ledger.
    func csv(req: Request) async throws -> Response {
        try await LedgerExport.download(req, .csv)
    }

    func xlsx(req: Request) async throws -> Response {
        try await LedgerExport.download(req, .xlsx)
    }
}
