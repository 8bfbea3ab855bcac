import Fluent
import Foundation
import SafeGridDomain

/// A special campaign (专项整治) over a grid subtree for a period of days.
final class CampaignRecord: Model, @unchecked Sendable {
    static let schema = "campaigns"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "name") var name: String
    @OptionalField(key: "theme") var theme: String?
    @Field(key: "start_date") var startDate: String
    @Field(key: "end_date") var endDate: String
    @Parent(key: "grid_id") var grid: GridRecord
    @Field(key: "grid_path") var gridPath: String
    /// Raw `PlaceCategory` values joined by commas; empty for every kind of place.
    @Field(key: "target_categories") var targetCategoriesText: String
    @OptionalField(key: "goals") var goals: String?
    @OptionalField(key: "share_token") var shareToken: String?
    @Parent(key: "created_by_id") var createdBy: UserRecord
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var period: CampaignPeriod {
        let start = CivilDate(iso: startDate) ?? CivilDate(dayNumber: 0)
        return CampaignPeriod(start: start, end: CivilDate(iso: endDate) ?? start) ?? CampaignPeriod(start: start, days: 1)!
    }

    var targetCategories: [PlaceCategory] {
        get { targetCategoriesText.split(separator: ",").compactMap { PlaceCategory(rawValue: String($0)) } }
        set { targetCategoriesText = newValue.map(\.rawValue).joined(separator: ",") }
    }
}

/// One item of a campaign's task list: an owner, a deadline, a count to reach, a result.
final class CampaignTaskRecord: Model, @unchecked Sendable {
    static let schema = "campaign_tasks"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "campaign_id") var campaign: CampaignRecord
    @Field(key: "position") var position: Int
    @Field(key: "title") var title: String
    @OptionalField(key: "description") var description: String?
    /// The responsible unit or person as written on the list (e.g. 峡窝镇应急办).
    @Field(key: "owner_name") var ownerName: String
    @OptionalParent(key: "owner_user_id") var ownerUser: UserRecord?
    @Field(key: "deadline") var deadline: String
    @OptionalField(key: "target_count") var targetCount: Int?
    @Field(key: "done_count") var doneCount: Int
    @OptionalField(key: "completed_on") var completedOn: String?
    @OptionalField(key: "result") var result: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var facts: CampaignTaskFacts {
        CampaignTaskFacts(deadline: CivilDate(iso: deadline) ?? CivilDate(dayNumber: 0), targetCount: targetCount,
                          doneCount: doneCount, completedOn: completedOn.flatMap(CivilDate.init(iso:)))
    }
}

/// Links an upload (AttachmentStore) to a task as evidence (佐证材料).
final class CampaignTaskEvidenceRecord: Model, @unchecked Sendable {
    static let schema = "campaign_task_evidence"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "task_id") var task: CampaignTaskRecord
    @Parent(key: "attachment_id") var attachment: AttachmentRecord

    init() {}
}
