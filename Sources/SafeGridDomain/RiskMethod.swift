/// The risk assessment methods of public practice (风险评价方法). Every method multiplies
/// the values chosen for its factors; the tables of values and the bands are data
/// (`RiskTable`), because provinces and documents differ.
public enum RiskMethod: String, Codable, CaseIterable, Sendable {
    /// 作业条件危险性评价法: D = L × E × C.
    case lec
    /// 风险矩阵: R = L × S, each 1–5.
    case ls
    /// R = M × E × S: control measures, exposure, severity.
    case mes

    /// The same in every language.
    public var formula: String {
        switch self {
        case .lec: "D = L × E × C"
        case .ls: "R = L × S"
        case .mes: "R = M × E × S"
        }
    }

    /// Factor codes in the order the formula names them.
    public var factorCodes: [String] {
        switch self {
        case .lec: ["L", "E", "C"]
        case .ls: ["L", "S"]
        case .mes: ["M", "E", "S"]
        }
    }
}

/// Who must supervise a risk (管控层级): the higher the risk, the higher the level.
public enum ControlLevel: String, Codable, CaseIterable, Sendable {
    /// 公司（单位）级, reported to the township and the district.
    case company
    /// 部门（车间）级.
    case department
    /// 班组级.
    case team
    /// 岗位级.
    case post

    public static func of(_ level: RiskLevel) -> ControlLevel {
        switch level {
        case .red: .company
        case .orange: .department
        case .yellow: .team
        case .blue: .post
        }
    }
}

/// One value a factor may take, with its meaning (e.g. L 6 "相当可能").
public struct RiskFactorOption: Codable, Equatable, Sendable {
    public var value: Double
    public var label: String

    public init(_ value: Double, _ label: String) {
        self.value = value; self.label = label
    }
}

public struct RiskFactor: Codable, Equatable, Sendable {
    public var code: String
    public var options: [RiskFactorOption]

    public init(code: String, options: [RiskFactorOption]) {
        self.code = code; self.options = options
    }
}

/// Band thresholds. Every edge is an exclusive lower bound: a score above `red` is red,
/// above `orange` (and at most `red`) orange, above `yellow` yellow, anything else blue.
/// So LEC's "D > 320 red, 160–320 orange, 70–160 yellow" puts D = 320 in orange,
/// D = 160 in yellow and D = 70 in blue. One rule for every method and every edge.
public struct RiskBands: Codable, Equatable, Sendable {
    public var red: Double
    public var orange: Double
    public var yellow: Double

    public init(red: Double, orange: Double, yellow: Double) {
        self.red = red; self.orange = orange; self.yellow = yellow
    }

    public func level(of score: Double) -> RiskLevel {
        if score > red { return .red }
        if score > orange { return .orange }
        if score > yellow { return .yellow }
        return .blue
    }
}
