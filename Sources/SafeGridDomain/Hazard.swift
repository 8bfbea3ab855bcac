/// Life-cycle states of a hazard (隐患).
public enum HazardState: String, Codable, CaseIterable, Sendable {
    case reported    // 待核实: reserved for public and sensor intake
    case registered  // 已登记
    case rectifying  // 整改中
    case reviewing   // 待复查
    case closed      // 已销号
    case voided      // 已作废

    public var isOpen: Bool {
        switch self {
        case .reported, .registered, .rectifying, .reviewing: true
        case .closed, .voided: false
        }
    }
}

public enum HazardCategory: String, Codable, CaseIterable, Sendable {
    case fire, electrical, gas, construction, structure, hazardousChemicals
    case specialEquipment, traffic, foodDrug, naturalDisaster, flood, other
}

/// 一般 / 重大 (安全生产事故隐患排查治理暂行规定, 2007).
public enum HazardGrade: String, Codable, CaseIterable, Sendable {
    case general, major
}

/// The five ledgers (五本账) a hazard can come from.
public enum HazardSource: String, Codable, CaseIterable, Sendable {
    case territorial, grid, industry, enterprise, expert
}

/// Supervision steps: none → 督办 → 挂牌督办.
public enum EscalationLevel: Int, Codable, CaseIterable, Sendable, Comparable {
    case none = 0, supervised = 1, placarded = 2

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    public var next: EscalationLevel? { EscalationLevel(rawValue: rawValue + 1) }
}

public enum EnforcementMeasure: String, Codable, CaseIterable, Sendable {
    case summons    // 约谈
    case seal       // 查封
    case suspension // 停产整顿
    case fine       // 罚款
    case other
}

/// The six parts a governance plan for a major hazard must contain (重大隐患治理方案).
public struct GovernancePlan: Codable, Equatable, Sendable {
    public var goal: String
    public var measures: String
    public var funding: String
    public var organisation: String
    public var timeline: String
    public var safetyMeasures: String

    public init(goal: String, measures: String, funding: String, organisation: String, timeline: String, safetyMeasures: String) {
        self.goal = goal; self.measures = measures; self.funding = funding
        self.organisation = organisation; self.timeline = timeline; self.safetyMeasures = safetyMeasures
    }

    public static let partNames = ["goal", "measures", "funding", "organisation", "timeline", "safetyMeasures"]

    /// Parts left blank, as field names under `plan.`.
    public var missingParts: [String] {
        let values = [goal, measures, funding, organisation, timeline, safetyMeasures]
        return zip(Self.partNames, values).filter { $0.1.trimmed.isEmpty }.map { "plan.\($0.0)" }
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}

import Foundation
