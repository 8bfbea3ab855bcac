import Fluent
import Foundation

/// Sequence counters (hazard and notice numbers per township and year). Incremented inside
/// the transaction that uses the number, so numbers are unique and never skipped.
final class CounterRecord: Model, @unchecked Sendable {
    static let schema = "counters"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "name") var name: String
    @Field(key: "value") var value: Int

    init() {}
}
