/// The four official risk levels and colours (国务院安委办 2016): 重大 red, 较大 orange,
/// 一般 yellow, 低 blue. Ordered so that `max` gives the most serious level.
public enum RiskLevel: String, Codable, CaseIterable, Sendable, Comparable {
    case blue, yellow, orange, red

    private var rank: Int {
        switch self {
        case .blue: 0
        case .yellow: 1
        case .orange: 2
        case .red: 3
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
}
