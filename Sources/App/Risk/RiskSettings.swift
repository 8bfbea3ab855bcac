import SafeGridDomain
import Vapor

/// Settings of risk grading and the maps, from the environment:
/// `SAFEGRID_RISK_MAJOR_HAZARD_RED` (default `true`): an open major hazard shows its place red;
/// `SAFEGRID_MAP_TILES`: a slippy-map URL template (e.g. 天地图 with your key) offered under the
/// maps; unset, the maps use no network at all.
struct RiskSettings: Sendable {
    var rule: RiskDisplayRule
    var tileTemplate: String?

    static func fromEnvironment() -> RiskSettings {
        let raises = Environment.get("SAFEGRID_RISK_MAJOR_HAZARD_RED").map { !["false", "0", "no", "off"].contains($0.lowercased()) } ?? true
        let tiles = Environment.get("SAFEGRID_MAP_TILES").flatMap { $0.isEmpty ? nil : $0 }
        return RiskSettings(rule: RiskDisplayRule(majorHazardRaisesToRed: raises), tileTemplate: tiles)
    }
}

extension Application {
    private struct RiskSettingsKey: StorageKey { typealias Value = RiskSettings }

    var riskSettings: RiskSettings {
        get { storage[RiskSettingsKey.self] ?? .fromEnvironment() }
        set { storage[RiskSettingsKey.self] = newValue }
    }
}
