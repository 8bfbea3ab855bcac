/// The indicators of the safety assessment (平安考核). Each becomes a score between 0 and
/// 1000 per mille (0–100 points in tenths); `docs/assessment-and-bulletins.md` lists them.
public enum Indicator: String, Codable, CaseIterable, Sendable {
    case closureRate            // 结案率
    case onTimeRate             // 按期整改率
    case reworkRate             // 返工率 (lower is better)
    case inspectionCoverage     // 巡查覆盖率
    case publicReportsHandled   // 群众举报办结率
    case activitiesHeld         // 宣传培训演练开展
}

/// Who an indicator set scores: villages and communities, or grid workers.
public enum AssessmentTarget: String, Codable, CaseIterable, Sendable {
    case village, gridWorker
}

/// A versioned table of weights (administrators edit it; every result names the version).
public struct IndicatorSet: Equatable, Sendable, Codable {
    public var version: Int
    public var target: AssessmentTarget
    public var periodKind: PeriodKind
    /// Relative weights; a weight of 0 leaves the indicator out.
    public var weights: [Indicator: Int]
    /// Activities a unit is expected to hold in the period (full marks at this number).
    public var activityTarget: Int
    /// Lowest scores (tenths of a point) of the grades.
    public var excellentFrom: Int
    public var goodFrom: Int
    public var passFrom: Int

    public init(version: Int = 1, target: AssessmentTarget, periodKind: PeriodKind, weights: [Indicator: Int],
                activityTarget: Int, excellentFrom: Int = 900, goodFrom: Int = 800, passFrom: Int = 600) {
        self.version = version; self.target = target; self.periodKind = periodKind; self.weights = weights
        self.activityTarget = activityTarget; self.excellentFrom = excellentFrom; self.goodFrom = goodFrom; self.passFrom = passFrom
    }

    /// The shipped defaults. Villages own the ledger, so closure carries most weight; grid
    /// workers are judged first on patrol coverage.
    public static func defaults(_ target: AssessmentTarget, _ kind: PeriodKind) -> IndicatorSet {
        let scale: Int = switch kind {
        case .week: 1
        case .month, .custom: 2
        case .quarter: 6
        case .year: 24
        }
        switch target {
        case .village:
            return IndicatorSet(target: target, periodKind: kind, weights: [
                .closureRate: 30, .onTimeRate: 20, .reworkRate: 10, .inspectionCoverage: 20,
                .publicReportsHandled: 10, .activitiesHeld: 10,
            ], activityTarget: scale)
        case .gridWorker:
            return IndicatorSet(target: target, periodKind: kind, weights: [
                .closureRate: 20, .onTimeRate: 20, .reworkRate: 10, .inspectionCoverage: 40,
                .publicReportsHandled: 10, .activitiesHeld: 0,
            ], activityTarget: scale)
        }
    }

    public func validationErrors() -> [FieldError] {
        var errors = FieldErrors()
        for (indicator, w) in weights where w < 0 || w > 100 {
            errors.add("weights.\(indicator.rawValue)", "error.assessment.weight_range")
        }
        if !weights.values.contains(where: { $0 > 0 }) { errors.add("weights", "error.assessment.no_weight") }
        if activityTarget < 1 { errors.add("activityTarget", "error.assessment.activity_target") }
        if !(passFrom <= goodFrom && goodFrom <= excellentFrom && excellentFrom <= 1000 && passFrom >= 0) {
            errors.add("excellentFrom", "error.assessment.grade_order")
        }
        return errors.items
    }
}

/// The counts behind one unit's assessment in one period.
public struct AssessmentFacts: Equatable, Sendable, Codable {
    /// Hazards closed in the period, and of those: with a deadline, closed by it, ever reworked.
    public var closed: Int
    public var closedWithDeadline: Int
    public var closedOnTime: Int
    public var reworked: Int
    /// Open hazards past their deadline day at the end of the period (or now).
    public var openDue: Int
    public var places: Int
    public var placesInspected: Int
    public var reportsReceived: Int
    /// Of the reports received in the period, those handled by its end.
    public var reportsHandled: Int
    public var activities: Int
    public var liabilityAccidents: Int

    public init(closed: Int = 0, closedWithDeadline: Int = 0, closedOnTime: Int = 0, reworked: Int = 0, openDue: Int = 0,
                places: Int = 0, placesInspected: Int = 0, reportsReceived: Int = 0, reportsHandled: Int = 0,
                activities: Int = 0, liabilityAccidents: Int = 0) {
        self.closed = closed; self.closedWithDeadline = closedWithDeadline; self.closedOnTime = closedOnTime
        self.reworked = reworked; self.openDue = openDue; self.places = places; self.placesInspected = placesInspected
        self.reportsReceived = reportsReceived; self.reportsHandled = reportsHandled; self.activities = activities
        self.liabilityAccidents = liabilityAccidents
    }

    /// Closure and on-time rates are the ledger's (`LedgerFigures`), over the period's closures.
    public var ledger: LedgerFigures {
        LedgerFigures(tally: LedgerTally(openDue: openDue, closed: closed), closedWithDeadline: closedWithDeadline, closedOnTime: closedOnTime)
    }
}

public enum AssessmentGrade: String, Codable, CaseIterable, Sendable {
    case excellent, good, pass, fail, noData
}

/// One unit's result: the value and score of every indicator, the weighted score, the grade.
public struct AssessmentResult: Equatable, Sendable, Codable {
    public struct Line: Equatable, Sendable, Codable {
        public var indicator: Indicator
        public var weight: Int
        /// The measured rate in per mille; nil when there was nothing to measure.
        public var value: Int?
        /// 0–1000: the value itself, or 1000 − value for the rework rate.
        public var score: Int?
    }

    public var lines: [Line]
    /// Weighted mean of the scored lines, in tenths of a point (0–1000); nil when none applies.
    public var score: Int?
    public var vetoed: Bool
    public var grade: AssessmentGrade
    public var setVersion: Int
}

public enum Assessment {
    /// The measured value of an indicator in per mille, nil when its denominator is zero.
    public static func value(_ indicator: Indicator, _ f: AssessmentFacts, _ set: IndicatorSet) -> Int? {
        switch indicator {
        case .closureRate: f.ledger.closureRate?.perMille
        case .onTimeRate: f.ledger.onTimeRate?.perMille
        case .reworkRate: Rate(f.reworked, of: f.closed + f.openDue)?.perMille
        case .inspectionCoverage: Rate(min(f.placesInspected, f.places), of: f.places)?.perMille
        case .publicReportsHandled: Rate(min(f.reportsHandled, f.reportsReceived), of: f.reportsReceived)?.perMille
        case .activitiesHeld: Rate(min(f.activities, set.activityTarget), of: set.activityTarget)?.perMille
        }
    }

    /// Scores every weighted indicator; an indicator with nothing to measure drops out and the
    /// others share its weight. A liability accident fails the unit whatever its score (一票否决).
    public static func score(_ f: AssessmentFacts, with set: IndicatorSet) -> AssessmentResult {
        var lines: [AssessmentResult.Line] = []
        var weighted = 0, weights = 0
        for indicator in Indicator.allCases {
            let weight = set.weights[indicator] ?? 0
            guard weight > 0 else { continue }
            let value = value(indicator, f, set)
            let score = value.map { indicator == .reworkRate ? 1000 - $0 : $0 }
            if let score { weighted += weight * score; weights += weight }
            lines.append(.init(indicator: indicator, weight: weight, value: value, score: score))
        }
        // Rounded half up in integers, as `Rate` does.
        let total = weights > 0 ? (2 * weighted + weights) / (2 * weights) : nil
        let vetoed = f.liabilityAccidents > 0
        let grade: AssessmentGrade
        if vetoed { grade = .fail }
        else if let total {
            grade = total >= set.excellentFrom ? .excellent : total >= set.goodFrom ? .good : total >= set.passFrom ? .pass : .fail
        } else { grade = .noData }
        return AssessmentResult(lines: lines, score: total, vetoed: vetoed, grade: grade, setVersion: set.version)
    }

    /// "87.5" from tenths of a point.
    public static func points(_ tenths: Int) -> String {
        tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
    }
}

/// A ranking table (排名): vetoed units last, then by score (units without one after those
/// with one), ties share a rank (1, 2, 2, 4) and are listed by name.
public enum Ranking {
    public struct Entry<ID: Hashable & Sendable>: Equatable, Sendable {
        public var id: ID
        public var name: String
        public var score: Int?
        public var vetoed: Bool
        public var rank: Int

        public init(id: ID, name: String, score: Int?, vetoed: Bool, rank: Int = 0) {
            self.id = id; self.name = name; self.score = score; self.vetoed = vetoed; self.rank = rank
        }
    }

    public static func rank<ID>(_ entries: [Entry<ID>]) -> [Entry<ID>] {
        func key(_ e: Entry<ID>) -> (Int, Int) { (e.vetoed ? 1 : 0, -(e.score ?? -1)) }
        let sorted = entries.sorted { a, b in
            key(a) != key(b) ? key(a) < key(b) : a.name < b.name
        }
        var result: [Entry<ID>] = []
        for (i, var entry) in sorted.enumerated() {
            entry.rank = i > 0 && key(result[i - 1]) == key(entry) ? result[i - 1].rank : i + 1
            result.append(entry)
        }
        return result
    }
}
