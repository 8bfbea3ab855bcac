import Foundation

/// The ranges every number from outside must fall in before it reaches arithmetic or SQL.
/// A value out of range is a 400 naming the field, never an overflow: Swift traps on
/// overflow, and a trap ends the whole server.
public enum InputBounds {
    /// Rows skipped by an API list. Ten million is beyond any province's ledger, and with a
    /// limit of at most `listLimit` the end of the range cannot overflow.
    public static let offset = 0...10_000_000
    /// Rows in one API answer.
    public static let listLimit = 1...500
    /// A web list's page number; at 50 rows a page it reaches the same ten million rows.
    public static let page = 1...200_000
    /// Database ids, as the OpenAPI document states them: up to 2^53 - 1, the largest integer
    /// a JavaScript client reads exactly.
    public static let id = 1...9_007_199_254_740_991

    /// `raw` as an integer in `range`; a problem is recorded under `field` and nil returned.
    public static func int(_ raw: String?, in range: ClosedRange<Int>, field: String, into errors: inout FieldErrors) -> Int? {
        guard let raw else { return nil }
        guard let value = Int(raw.trimmingCharacters(in: .whitespaces)), range.contains(value) else {
            errors.add(field, "error.field.out_of_range", args: ["\(range.lowerBound)", "\(range.upperBound)"])
            return nil
        }
        return value
    }
}
