import Fluent
import Foundation
import SafeGridDomain

/// A safety activity (宣传、培训、安全大讲堂、演练) with the people it reached.
final class ActivityRecord: Model, @unchecked Sendable {
    static let schema = "activities"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "kind") var kind: ActivityKind
    @Field(key: "title") var title: String
    /// `yyyy-MM-dd`.
    @Field(key: "held_on") var heldOn: String
    @Field(key: "venue") var venue: String
    @Parent(key: "grid_id") var grid: GridRecord
    @Field(key: "grid_path") var gridPath: String
    @Field(key: "people") var people: Int
    @OptionalField(key: "note") var note: String?
    /// Set when the entry was a mistake: it stays, marked, and counts in no figure.
    @OptionalField(key: "voided_at") var voidedAt: Date?
    @OptionalField(key: "void_reason") var voidReason: String?
    @Parent(key: "created_by_id") var createdBy: UserRecord
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

/// An accident (事故). A liability accident (责任事故) fails the unit's assessment.
final class AccidentRecord: Model, @unchecked Sendable {
    static let schema = "accidents"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "occurred_on") var occurredOn: String
    @Field(key: "venue") var venue: String
    @Parent(key: "grid_id") var grid: GridRecord
    @Field(key: "grid_path") var gridPath: String
    @Field(key: "type") var type: AccidentType
    @Field(key: "deaths") var deaths: Int
    @Field(key: "injuries") var injuries: Int
    @Field(key: "liability") var liability: AccidentLiability
    @Field(key: "description") var description: String
    @OptionalField(key: "voided_at") var voidedAt: Date?
    @OptionalField(key: "void_reason") var voidReason: String?
    @Parent(key: "created_by_id") var createdBy: UserRecord
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

/// A public report (群众举报): received, verified and answered by the township office.
final class PublicReportRecord: Model, @unchecked Sendable {
    static let schema = "public_reports"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "received_on") var receivedOn: String
    @Field(key: "channel") var channel: ReportChannel
    @Parent(key: "grid_id") var grid: GridRecord
    @Field(key: "grid_path") var gridPath: String
    @Field(key: "content") var content: String
    @OptionalField(key: "reporter") var reporter: String?
    @OptionalField(key: "hazard_id") var hazardId: Int?
    @OptionalField(key: "handled_on") var handledOn: String?
    @OptionalField(key: "reply") var reply: String?
    @Parent(key: "created_by_id") var createdBy: UserRecord
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}
