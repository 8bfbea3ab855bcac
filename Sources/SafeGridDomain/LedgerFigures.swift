/// The arithmetic of the ledger figures a dashboard or bulletin states, after the rates of
/// digital urban management (CJ/T 292), adapted to hazards:
///
/// - closure rate (结案率) = closed ÷ (closed + open due), where *open due* counts the open
///   hazards whose deadline day has passed: everything that should be written off by now.
///   A hazard without a deadline (registered, not yet assigned) is not yet due.
/// - on-time rate (按期整改率) = closed on or before the deadline day ÷ closed with a deadline.
///   Hazards fixed on site have no deadline and stay out of both numerator and denominator.
///
/// Voided hazards count nowhere. Both rates are nil when their denominator is zero, so an empty
/// ledger shows "no data" rather than 0 % or 100 %.
public struct LedgerFigures: Equatable, Sendable {
    public var tally: LedgerTally
    public var closedWithDeadline: Int
    public var closedOnTime: Int

    public init(tally: LedgerTally, closedWithDeadline: Int, closedOnTime: Int) {
        self.tally = tally; self.closedWithDeadline = closedWithDeadline; self.closedOnTime = closedOnTime
    }

    public var closureRate: Rate? { tally.closureRate }
    public var onTimeRate: Rate? { Rate(closedOnTime, of: closedWithDeadline) }

    /// A closure is on time when it happens on the deadline day or before (China time).
    public static func isOnTime(closedOn: CivilDate, deadline: CivilDate) -> Bool {
        closedOn <= deadline
    }

    /// The first day on which a closure counts as late; queries compare instants against its midnight.
    public static func firstLateDay(deadline: CivilDate) -> CivilDate {
        deadline.adding(days: 1)
    }

    /// Weeks run Monday to Sunday, as weekly bulletins (周通报) do.
    public static func weekStart(of day: CivilDate) -> CivilDate {
        day.adding(days: 1 - day.weekday)
    }
}

/// Counts of one part of the ledger (a village, a township, everything in scope).
public struct LedgerTally: Equatable, Sendable {
    public var open: Int
    /// Rectifying past the deadline day (see `Overdue`).
    public var overdue: Int
    /// Open, in any state, past the deadline day.
    public var openDue: Int
    public var closed: Int

    public init(open: Int = 0, overdue: Int = 0, openDue: Int = 0, closed: Int = 0) {
        self.open = open; self.overdue = overdue; self.openDue = openDue; self.closed = closed
    }

    public var closureRate: Rate? { Rate(closed, of: closed + openDue) }

    public static func + (a: LedgerTally, b: LedgerTally) -> LedgerTally {
        LedgerTally(open: a.open + b.open, overdue: a.overdue + b.overdue,
                    openDue: a.openDue + b.openDue, closed: a.closed + b.closed)
    }

    /// The part a count of hazards in `state` contributes; `pastDeadline` says whether
    /// those hazards' deadline day has passed.
    public static func count(_ n: Int, state: HazardState, pastDeadline: Bool) -> LedgerTally {
        switch state {
        case .reported, .registered, .reviewing:
            LedgerTally(open: n, openDue: pastDeadline ? n : 0)
        case .rectifying:
            LedgerTally(open: n, overdue: pastDeadline ? n : 0, openDue: pastDeadline ? n : 0)
        case .closed:
            LedgerTally(closed: n)
        case .voided:
            LedgerTally()
        }
    }

    /// The row of a per-village table a grid belongs to: the village or independent grid
    /// (depth 2 of the materialised path), or the grid itself when it lies higher up.
    public static func villageId(ofPath path: String) -> Int? {
        GridPath(path).villageId
    }

    /// The row of a per-township table: the township (depth 1), or the district itself.
    public static func townshipId(ofPath path: String) -> Int? {
        GridPath(path).townshipId
    }
}

/// The rows a dashboard breaks its figures into. A reader of more than one township (a district
/// office, the administrator) sees one row per township, each a click away from its villages:
/// a district has hundreds of villages, too many to read on one page or to draw quickly. Anyone
/// else sees the villages and independent grids of their reach.
public enum DashboardRows: String, Sendable {
    case townships, villages

    public static func of(_ actor: Actor) -> DashboardRows {
        if actor.role == .admin { return .townships }
        let paths = actor.scopePaths.map(GridPath.init)
        // A district path covers every township under it.
        let townships = Set(paths.compactMap(\.strictTownshipId))
        return paths.contains(where: \.isDistrict) || townships.count > 1 ? .townships : .villages
    }
}

/// A ratio kept in tenths of a percent, rounded half up in integers so that the same counts
/// always print the same figure.
public struct Rate: Equatable, Sendable, CustomStringConvertible {
    public let perMille: Int

    /// Nil when there is nothing to divide by.
    public init?(_ numerator: Int, of denominator: Int) {
        guard denominator > 0, numerator >= 0 else { return nil }
        perMille = (numerator * 2000 + denominator) / (2 * denominator)
    }

    /// "87.5%", or "100%" without a trailing ".0".
    public var description: String {
        perMille % 10 == 0 ? "\(perMille / 10)%" : "\(perMille / 10).\(perMille % 10)%"
    }
}
