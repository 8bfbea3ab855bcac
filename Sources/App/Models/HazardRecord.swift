import Fluent
import Foundation
import SafeGridDomain

/// A hazard (隐患) as stored. The state is changed only by `HazardService`, which writes an
/// event in the same transaction and bumps `version` for optimistic concurrency.
final class HazardRecord: Model, @unchecked Sendable {
    static let schema = "hazards"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "number") var number: String
    @Parent(key: "township_id") var township: GridRecord
    @Parent(key: "grid_id") var grid: GridRecord
    @Field(key: "grid_path") var gridPath: String
    @OptionalParent(key: "place_id") var place: PlaceRecord?
    @Field(key: "title") var title: String
    @Field(key: "description") var description: String
    @Field(key: "category") var category: HazardCategory
    @Field(key: "grade") var grade: HazardGrade
    @Field(key: "source") var source: HazardSource
    @Field(key: "state") var state: HazardState
    @Field(key: "version") var version: Int
    /// `yyyy-MM-dd`: text dates compare correctly on every engine.
    @OptionalField(key: "deadline") var deadline: String?
    @Field(key: "rework_count") var reworkCount: Int
    @Field(key: "escalation") var escalation: Int
    @OptionalField(key: "transferred_to") var transferredTo: Department?
    @OptionalField(key: "responsible_name") var responsibleName: String?
    @OptionalField(key: "responsible_phone") var responsiblePhone: String?
    @OptionalField(key: "responsible_user_id") var responsibleUserId: Int?
    @OptionalField(key: "responsible_department") var responsibleDepartment: Department?
    @OptionalField(key: "requirement") var requirement: String?
    /// The six-part governance plan of a major hazard, as JSON.
    @OptionalField(key: "plan") var plan: String?
    @OptionalField(key: "notice_number") var noticeNumber: String?
    @OptionalField(key: "last_submitter_id") var lastSubmitterId: Int?
    @Field(key: "discovered_at") var discoveredAt: Date
    @Parent(key: "discovered_by_id") var discoveredBy: UserRecord
    @OptionalField(key: "latitude") var latitude: Double?
    @OptionalField(key: "longitude") var longitude: Double?
    @OptionalField(key: "location_text") var locationText: String?
    @OptionalField(key: "closed_at") var closedAt: Date?
    /// The special campaign (专项整治) the hazard is tagged with, if any (migration 009).
    @OptionalField(key: "campaign_id") var campaignId: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var facts: HazardFacts {
        HazardFacts(state: state, grade: grade, gridPath: gridPath, placeId: $place.id,
                    discoveredById: $discoveredBy.id, lastSubmitterId: lastSubmitterId,
                    deadline: deadline.flatMap(CivilDate.init(iso:)),
                    escalation: EscalationLevel(rawValue: escalation) ?? .none,
                    transferredTo: transferredTo, responsibleUserId: responsibleUserId)
    }
}
