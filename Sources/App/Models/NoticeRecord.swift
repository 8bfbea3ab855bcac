import Fluent
import Foundation

/// A safety risk notice (安全风险提示单) issued when a hazard is assigned.
final class NoticeRecord: Model, @unchecked Sendable {
    static let schema = "notices"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "number") var number: String
    @Parent(key: "hazard_id") var hazard: HazardRecord
    @Field(key: "responsible") var responsible: String
    @OptionalField(key: "responsible_phone") var responsiblePhone: String?
    @Field(key: "requirement") var requirement: String
    @Field(key: "deadline") var deadline: String
    @Parent(key: "issued_by_id") var issuedBy: UserRecord
    @Field(key: "issued_at") var issuedAt: Date

    init() {}
}

/// Sequence counters (hazard and notice numbers per township and year). Incremented inside
/// the transaction that uses the number, so numbers are unique and never skipped.
final class CounterRecord: Model, @unchecked Sendable {
    static let schema = "counters"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "name") var name: String
    @Field(key: "value") var value: Int

    init() {}
}
