import Fluent
import Foundation
import SafeGridDomain

/// One immutable entry of a hazard's history (who, when, where, what, evidence).
/// Rows are only ever inserted; nothing updates or deletes them.
final class HazardEventRecord: Model, @unchecked Sendable {
    static let schema = "hazard_events"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "hazard_id") var hazard: HazardRecord
    @Field(key: "action") var action: HazardAction
    @Parent(key: "actor_id") var actor: UserRecord
    @Field(key: "actor_role") var actorRole: Role
    @Field(key: "occurred_at") var occurredAt: Date
    @OptionalField(key: "from_state") var fromState: HazardState?
    @Field(key: "to_state") var toState: HazardState
    @OptionalField(key: "note") var note: String?
    @OptionalField(key: "latitude") var latitude: Double?
    @OptionalField(key: "longitude") var longitude: Double?
    /// Action-specific details (deadline, department, measure, responsible party, plan) as JSON.
    @Field(key: "details") var details: String
    /// Attachment ids as a JSON array.
    @Field(key: "attachment_ids") var attachmentIds: String

    init() {}
}
