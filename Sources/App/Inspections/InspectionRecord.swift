import Fluent
import Foundation
import SafeGridDomain

/// One inspection visit (检查, 家次). Written only through `InspectionService`.
final class InspectionRecord: Model, @unchecked Sendable {
    static let schema = "inspections"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "place_id") var place: PlaceRecord
    @Parent(key: "grid_id") var grid: GridRecord
    @Field(key: "grid_path") var gridPath: String
    @Field(key: "place_category") var placeCategory: PlaceCategory
    @Field(key: "kind") var kind: InspectionKind
    @Parent(key: "template_id") var template: ChecklistTemplateRecord
    @Field(key: "template_version") var templateVersion: Int
    @Parent(key: "lead_inspector_id") var leadInspector: UserRecord
    /// Joint inspection partners not in the system, e.g. "区消防救援大队 张某".
    @OptionalField(key: "partners") var partners: String?
    @Field(key: "started_at") var startedAt: Date
    @OptionalField(key: "ended_at") var endedAt: Date?
    @Field(key: "night") var night: Bool
    @OptionalField(key: "campaign_id") var campaignId: Int?
    @OptionalField(key: "latitude") var latitude: Double?
    @OptionalField(key: "longitude") var longitude: Double?
    @OptionalField(key: "note") var note: String?
    @Field(key: "failed_count") var failedCount: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "cancelled_at") var cancelledAt: Date?
    @OptionalField(key: "cancelled_by_id") var cancelledById: Int?
    @OptionalField(key: "cancel_reason") var cancelReason: String?

    init() {}

    var finished: Bool { endedAt != nil }
    var cancelled: Bool { cancelledAt != nil }

    func facts(inspectorIds: [Int]) -> InspectionFacts {
        InspectionFacts(gridPath: gridPath, placeId: $place.id, inspectorIds: Set(inspectorIds), finished: finished, cancelled: cancelled)
    }
}

final class InspectionInspectorRecord: Model, @unchecked Sendable {
    static let schema = "inspection_inspectors"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "inspection_id") var inspection: InspectionRecord
    @Parent(key: "user_id") var user: UserRecord

    init() {}
    init(inspectionId: Int, userId: Int) {
        $inspection.id = inspectionId
        $user.id = userId
    }
}

/// One checklist line of an inspection: a copy of the template item, so the record reads
/// the same after the template changes, plus the result.
final class InspectionItemRecord: Model, @unchecked Sendable {
    static let schema = "inspection_items"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "inspection_id") var inspection: InspectionRecord
    @Field(key: "position") var position: Int
    @Field(key: "topic") var topic: String
    @Field(key: "text") var text: String
    @Field(key: "requires_photo") var requiresPhoto: Bool
    @Field(key: "hazard_category") var hazardCategory: HazardCategory
    @OptionalField(key: "result") var result: ItemResult?
    @OptionalField(key: "note") var note: String?
    @OptionalField(key: "hazard_id") var hazardId: Int?
    @Field(key: "fixed_on_site") var fixedOnSite: Bool

    init() {}

    func answer(photos: Int) -> ItemAnswer {
        ItemAnswer(result: result, note: note ?? "", photoCount: photos, requiresPhoto: requiresPhoto)
    }
}

final class InspectionPhotoRecord: Model, @unchecked Sendable {
    static let schema = "inspection_photos"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "inspection_id") var inspection: InspectionRecord
    @Parent(key: "item_id") var item: InspectionItemRecord
    @Parent(key: "attachment_id") var attachment: AttachmentRecord

    init() {}
    init(inspectionId: Int, itemId: Int, attachmentId: Int) {
        $inspection.id = inspectionId
        $item.id = itemId
        $attachment.id = attachmentId
    }
}

/// One patrol frequency row; the set of them is the `PatrolSchedule`.
final class PatrolFrequencyRecord: Model, @unchecked Sendable {
    static let schema = "patrol_frequencies"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "risk_key") var key: String
    @Field(key: "interval_count") var count: Int
    @Field(key: "unit") var unit: PatrolUnit
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
    init(key: String, interval: PatrolInterval) {
        self.key = key
        count = interval.count
        unit = interval.unit
    }

    static func schedule(on db: any Database) async throws -> PatrolSchedule {
        var schedule = PatrolSchedule.standard
        for row in try await query(on: db).all() where PatrolSchedule.keys.contains(row.key) {
            schedule.set(PatrolInterval(row.count, row.unit), key: row.key)
        }
        return schedule
    }
}
