import SafeGridDomain
import Vapor

/// `GET /api/v1/ledgers/sources`: the five ledgers (五本账) in the user's scope.
struct SourceLedgersDTO: Content {
    var level: String
    @NullEncodable var townshipId: Int?
    var total: TallyDTO
    var sources: [SourceTallyDTO]
    var units: [UnitDTO]

    struct TallyDTO: Content {
        var open: Int
        var overdue: Int
        var openDue: Int
        var closed: Int
        /// Closed ÷ (closed + open) in tenths of a percent; null when nothing is recorded.
        @NullEncodable var progressPerMille: Int?
        var zeroed: Bool

        init(_ t: LedgerTally) {
            open = t.open; overdue = t.overdue; openDue = t.openDue; closed = t.closed
            progressPerMille = SourceLedgers.progress(t)?.perMille
            zeroed = SourceLedgers.isZeroed(t)
        }
    }

    struct SourceTallyDTO: Content {
        var source: HazardSource
        var tally: TallyDTO
    }

    struct UnitDTO: Content {
        var gridId: Int
        var code: String
        var name: String
        var total: TallyDTO
        var sources: [SourceTallyDTO]
    }

    init(_ counts: SourceLedgerCounts) {
        let ledgers = counts.ledgers
        level = ledgers.level.rawValue
        townshipId = counts.township?.id
        total = TallyDTO(ledgers.total)
        sources = HazardSource.allCases.map { SourceTallyDTO(source: $0, tally: TallyDTO(ledgers.bySource[$0] ?? LedgerTally())) }
        units = counts.units.map { grid in
            let id = grid.id ?? 0
            return UnitDTO(gridId: id, code: grid.code, name: grid.name, total: TallyDTO(ledgers.tally(unit: id, source: nil)),
                           sources: HazardSource.allCases.map { SourceTallyDTO(source: $0, tally: TallyDTO(ledgers.tally(unit: id, source: $0))) })
        }
    }
}
