/// The shipped tables (version 1), as published in common practice (see docs/risk-and-maps.md).
extension RiskTable {
    public static func defaultTable(_ method: RiskMethod) -> RiskTable {
        switch method {
        case .lec: lec
        case .ls: ls
        case .mes: mes
        }
    }

    static let exposure = RiskFactor(code: "E", options: [
        .init(10, "连续暴露"), .init(6, "每天工作时间内暴露"), .init(3, "每周一次或偶然暴露"),
        .init(2, "每月一次暴露"), .init(1, "每年几次暴露"), .init(0.5, "非常罕见地暴露"),
    ])

    /// D > 320 red, 160 < D ≤ 320 orange, 70 < D ≤ 160 yellow, D ≤ 70 blue.
    public static let lec = RiskTable(method: .lec, version: 1, factors: [
        RiskFactor(code: "L", options: [
            .init(10, "完全可以预料"), .init(6, "相当可能"), .init(3, "可能，但不经常"), .init(1, "可能性小，完全意外"),
            .init(0.5, "很不可能，可以设想"), .init(0.2, "极不可能"), .init(0.1, "实际不可能"),
        ]),
        exposure,
        RiskFactor(code: "C", options: [
            .init(100, "大灾难，许多人死亡"), .init(40, "灾难，数人死亡"), .init(15, "非常严重，一人死亡"),
            .init(7, "严重，重伤"), .init(3, "重大，致残"), .init(1, "引人注目，需要救护"),
        ]),
    ], bands: RiskBands(red: 320, orange: 160, yellow: 70))

    /// R 20–25 red, 15–16 orange, 9–12 yellow, 1–8 blue (products of 1–5 skip 13, 14, 17–19).
    public static let ls = RiskTable(method: .ls, version: 1, factors: [
        RiskFactor(code: "L", options: [
            .init(5, "几乎肯定发生"), .init(4, "很可能发生"), .init(3, "可能发生"), .init(2, "较不可能发生"), .init(1, "基本不可能发生"),
        ]),
        RiskFactor(code: "S", options: [
            .init(5, "多人死亡或重大损失"), .init(4, "一人死亡或较大损失"), .init(3, "重伤或一般损失"),
            .init(2, "轻伤或较小损失"), .init(1, "无伤亡，轻微损失"),
        ]),
    ], bands: RiskBands(red: 16, orange: 12, yellow: 8))

    /// R > 180 red, 90 < R ≤ 180 orange, 50 < R ≤ 90 yellow, R ≤ 50 blue.
    public static let mes = RiskTable(method: .mes, version: 1, factors: [
        RiskFactor(code: "M", options: [
            .init(5, "无控制措施"), .init(3, "有减轻后果的应急措施"), .init(1, "有预防措施"),
        ]),
        exposure,
        RiskFactor(code: "S", options: [
            .init(10, "多人死亡"), .init(8, "一人死亡"), .init(4, "永久失能"), .init(2, "需医院治疗"), .init(1, "轻微，仅需急救"),
        ]),
    ], bands: RiskBands(red: 180, orange: 90, yellow: 50))
}
