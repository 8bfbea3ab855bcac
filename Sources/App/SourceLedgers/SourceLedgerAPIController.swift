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
        townshipId = InputBounds.int(req.query[String.self, at: "townshipId"].flatMap { $0.isEmpty ? nil : $0 }, in: InputBounds.id, field: "townshipId", into: &errors)
        if let raw = req.query[String.self, at: "source"], !raw.isEmpty {
            source = Choice.parse(HazardSource.self, raw, "source", &errors)
        }
        try errors.throwIfAny()
    }
}
