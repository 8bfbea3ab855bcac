/// The five ledgers (五本账): the same hazards counted by where they came from (territorial,
/// grid, industry, enterprise self-inspection, expert) and by the unit they lie in, so the
/// township safety committee can review each source and write it off to zero (清零).
///
/// Units are the townships of a district or the villages (and independent grids) of a
/// township: the depth of the grid path a hazard rolls up to.
public struct SourceLedgers: Equatable, Sendable {
    public enum UnitLevel: String, Sendable {
        case township, village

        /// Index of the unit's id in a materialised path `/district/township/village/…/`.
        var pathIndex: Int { self == .township ? 1 : 2 }
    }

    public let level: UnitLevel
    /// Per unit id, per source.
    public private(set) var units: [Int: [HazardSource: LedgerTally]] = [:]
    public private(set) var bySource: [HazardSource: LedgerTally] = [:]

    public init(level: UnitLevel) { self.level = level }

    /// Adds `n` hazards of one source and state found in the grid at `path`. Hazards lying
    /// above the unit level (recorded on the district or township grid itself) count in the
    /// totals and under the grid they were recorded on.
    public mutating func add(_ n: Int, source: HazardSource, state: HazardState, pastDeadline: Bool, path: String) {
        let part = LedgerTally.count(n, state: state, pastDeadline: pastDeadline)
        bySource[source] = (bySource[source] ?? LedgerTally()) + part
        guard let unit = Self.unitId(ofPath: path, level: level) else { return }
        units[unit, default: [:]][source] = (units[unit]?[source] ?? LedgerTally()) + part
    }

    public var total: LedgerTally { bySource.values.reduce(LedgerTally(), +) }

    public func tally(unit: Int, source: HazardSource?) -> LedgerTally {
        guard let row = units[unit] else { return LedgerTally() }
        if let source { return row[source] ?? LedgerTally() }
        return row.values.reduce(LedgerTally(), +)
    }

    public static func unitId(ofPath path: String, level: UnitLevel) -> Int? {
        GridPath(path).id(atDepth: level.pathIndex)
    }

    /// Progress to zero (清零进度) = written off ÷ everything recorded (closed + open). A
    /// ledger with nothing recorded has no progress figure; one with nothing open is zeroed.
    public static func progress(_ tally: LedgerTally) -> Rate? {
        Rate(tally.closed, of: tally.closed + tally.open)
    }

    public static func isZeroed(_ tally: LedgerTally) -> Bool {
        tally.open == 0
    }
}
