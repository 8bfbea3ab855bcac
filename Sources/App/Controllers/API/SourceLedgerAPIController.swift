import SafeGridDomain
import Vapor

/// `/api/v1/ledgers/sources`: the five ledgers (五本账) by source and unit.
struct SourceLedgerAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("ledgers", "sources", use: show)
    }

    func show(req: Request) async throws -> SourceLedgersDTO {
        let counts = try await SourceLedgerCounts.load(for: try req.currentUser(), townshipId: try SourceLedgerQuery(req).townshipId,
                                                       today: CivilDate(req.now), on: req.db)
        return SourceLedgersDTO(counts)
    }
}

/// The one query parameter of the five ledgers, shared by the API, the page and the CSV.
struct SourceLedgerQuery {
    var townshipId: Int?
    var source: HazardSource?

    init(_ req: Request) throws(SafeGridError) {
        var errors = FieldErrors()
        if let raw = req.query[String.self, at: "townshipId"], !raw.isEmpty {
            townshipId = Int(raw)
            if townshipId == nil { errors.add("townshipId", "error.field.invalid") }
        }
        if let raw = req.query[String.self, at: "source"], !raw.isEmpty {
            source = Choice.parse(HazardSource.self, raw, "source", &errors)
        }
        try errors.throwIfAny()
    }
}
