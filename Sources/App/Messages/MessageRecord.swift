import Fluent
import Foundation
import SafeGridDomain

/// One message to one person (migration 019). Written only by `MessageStore`, in the
/// transaction of the change it tells of; read by its addressee.
final class MessageRecord: Model, @unchecked Sendable {
    static let schema = "messages"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "user_id") var userId: Int
    @Field(key: "kind") var kind: String
    @OptionalField(key: "hazard_id") var hazardId: Int?
    @OptionalField(key: "campaign_id") var campaignId: Int?
    @OptionalField(key: "campaign_task_id") var campaignTaskId: Int?
    @Field(key: "subject") var subject: String
    @OptionalField(key: "detail") var detail: String?
    @OptionalField(key: "deadline") var deadline: String?
    @OptionalField(key: "actor_name") var actorName: String?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "read_at") var readAt: Date?

    init() {}

    /// Where the message leads: the hazard, or the campaign at the task.
    var target: String {
        if let hazardId { return SiteURL.hazard(.id(hazardId)).path }
        if let campaignId { return SiteURL.campaign(.id(campaignId)).path + (campaignTaskId.map { "#task-\($0)" } ?? "") }
        return SiteURL.messages.path
    }
}
