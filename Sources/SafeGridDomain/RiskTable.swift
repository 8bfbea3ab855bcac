import Foundation

/// A versioned table of one method: the values each factor may take and the band edges.
/// An administrator changes a table by adding a new version; every assessment keeps the
/// version it was scored with and is never re-scored, so a new table applies to new
/// assessments only.
public struct RiskTable: Codable, Equatable, Sendable {
    public var method: RiskMethod
    public var version: Int
    public var factors: [RiskFactor]
    public var bands: RiskBands

    public init(method: RiskMethod, version: Int, factors: [RiskFactor], bands: RiskBands) {
        self.method = method; self.version = version; self.factors = factors; self.bands = bands
    }

    /// The score and level of the chosen factor values.
    public func assess(_ inputs: [String: Double]) throws(SafeGridError) -> RiskResult {
        var errors = FieldErrors()
        var product = 1.0
        for factor in factors {
            guard let value = inputs[factor.code] else {
                errors.add("inputs.\(factor.code)", "error.field.required")
                continue
            }
            guard factor.options.contains(where: { RiskScore.same($0.value, value) }) else {
                errors.add("inputs.\(factor.code)", "error.risk.option", args: [factor.options.map { RiskScore.format($0.value) }.joined(separator: ", ")])
                continue
            }
            product *= value
        }
        for code in inputs.keys where !factors.contains(where: { $0.code == code }) {
            errors.add("inputs.\(code)", "error.risk.unknown_factor")
        }
        try errors.throwIfAny()
        let score = RiskScore.rounded(product)
        let level = bands.level(of: score)
        return RiskResult(score: score, level: level, controlLevel: .of(level), tableVersion: version)
    }

    /// Checks a table an administrator proposes: every factor of the method, positive values,
    /// labels, and band edges that fall from red to yellow.
    public func validate() -> [FieldError] {
        var errors = FieldErrors()
        let codes = factors.map(\.code)
        if codes != method.factorCodes {
            errors.add("factors", "error.risk.factors", args: [method.factorCodes.joined(separator: ", ")])
        }
        for (i, factor) in factors.enumerated() {
            if factor.options.isEmpty { errors.add("factors[\(i)].options", "error.field.required") }
            if factor.options.contains(where: { !($0.value > 0) || !$0.value.isFinite }) {
                errors.add("factors[\(i)].options", "error.risk.option_value")
            }
            if factor.options.contains(where: { $0.label.trimmingCharacters(in: .whitespaces).isEmpty }) {
                errors.add("factors[\(i)].options", "error.risk.option_label")
            }
            if Set(factor.options.map { RiskScore.rounded($0.value) }).count != factor.options.count {
                errors.add("factors[\(i)].options", "error.risk.option_duplicate")
            }
        }
        let b = bands
        if !(b.red > b.orange && b.orange > b.yellow && b.yellow >= 0) || ![b.red, b.orange, b.yellow].allSatisfy(\.isFinite) {
            errors.add("bands", "error.risk.bands")
        }
        return errors.items
    }
}

public struct RiskResult: Equatable, Sendable {
    public var score: Double
    public var level: RiskLevel
    public var controlLevel: ControlLevel
    public var tableVersion: Int
}

/// Scores are products of decimal factors (0.1, 0.2, 0.5…), which binary floating point
/// cannot hold exactly; rounding to 4 decimals keeps 0.2 × 10 × 40 at 80 and makes the
/// band edges behave as written.
public enum RiskScore {
    public static func rounded(_ value: Double) -> Double {
        (value * 10_000).rounded() / 10_000
    }

    public static func same(_ a: Double, _ b: Double) -> Bool { rounded(a) == rounded(b) }

    /// 320, 0.5, 12.25: no trailing zeros.
    public static func format(_ value: Double) -> String {
        let r = rounded(value)
        if r == r.rounded() && abs(r) < 1e15 { return String(Int(r)) }
        var text = String(format: "%.4f", r)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
