import Fluent
import SafeGridDomain
import SQLKit
import Vapor

/// The five ledgers (五本账) over what the user may see: one grouped count through the same
/// scope as the ledger (`HazardQuery.scoped`), rolled up by `SourceLedgers`.
struct SourceLedgerCounts: Sendable {
    let ledgers: SourceLedgers
    /// The units the table lists (townships or villages), in code order; also those without hazards.
    let units: [GridRecord]
    /// The township the table is narrowed to, if any.
    let township: GridRecord?

    /// `townshipId` narrows to one township and lists its villages; without it, users who see a
    /// whole district get one row per township, everyone else one row per village.
    static func load(for user: CurrentUser, townshipId: Int?, today: CivilDate, on db: any Database) async throws -> SourceLedgerCounts {
        var township: GridRecord?
        if let townshipId {
            guard let grid = try await GridQuery.visible(to: user.actor, on: db).filter(\.$id == townshipId).first(),
                  grid.level == .township else {
                throw SafeGridError.invalid(field: "townshipId", "error.field.unknown_grid")
            }
            township = grid
        }
        let seesDistrict = user.actor.seesEverything || user.actor.scopePaths.contains { GridPath($0).isDistrict }
        let level: SourceLedgers.UnitLevel = township == nil && seesDistrict ? .township : .village

        var filter = HazardFilter()
        filter.gridId = township?.id
        let scoped = try await HazardQuery.scoped(filter, for: user, today: today, on: db)
        // One row per (source, grid, state, past deadline): bounded by grids × 5 × 6 × 2.
        let pastDeadline: SQLQueryString =
            "CASE WHEN hazards.deadline < \(literal: today.description) THEN 1 ELSE 0 END"
        let rows = try await HazardReads.groupedCount(scoped, by: ["source", "grid_path", "state"], extra: [("late", pastDeadline)], on: db)
        var ledgers = SourceLedgers(level: level)
        for row in rows {
            guard let source = HazardSource(rawValue: try row.decode(column: "source", as: String.self)),
                  let state = HazardState(rawValue: try row.decode(column: "state", as: String.self)) else { continue }
            ledgers.add(try row.decode(column: "n", as: Int.self), source: source, state: state,
                        pastDeadline: try row.decode(column: "late", as: Int.self) == 1,
                        path: try row.decode(column: "grid_path", as: String.self))
        }
        return SourceLedgerCounts(ledgers: ledgers,
                                  units: try await unitGrids(level, township: township, counted: Array(ledgers.units.keys), user: user, on: db),
                                  township: township)
    }

    /// Every unit in reach at that level (a clean village is news too), plus any grid the
    /// counts rolled up to that is not one (hazards recorded on a township grid itself).
    private static func unitGrids(_ level: SourceLedgers.UnitLevel, township: GridRecord?, counted: [Int],
                                  user: CurrentUser, on db: any Database) async throws -> [GridRecord] {
        let query = GridQuery.visible(to: user.actor, on: db).filter(\.$level == (level == .township ? .township : .village))
        if let township { query.filter(\.$parent.$id == township.id) }
        var ids = Set(try await query.all(\.$id))
        ids.formUnion(counted)
        guard !ids.isEmpty else { return [] }
        return try await GridRecord.query(on: db).filter(\.$id ~~ Array(ids)).sort(\.$code).all()
    }
}
