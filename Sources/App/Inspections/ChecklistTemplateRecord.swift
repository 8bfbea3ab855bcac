import Fluent
import Foundation
import SafeGridDomain

/// One version of a checklist template. `familyId` is the id of the family's first version
/// (null on that first row itself, see `family`); only the latest version is `active`.
final class ChecklistTemplateRecord: Model, @unchecked Sendable {
    static let schema = "checklist_templates"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @OptionalField(key: "family_id") var familyId: Int?
    @Field(key: "version") var version: Int
    @Field(key: "category") var category: PlaceCategory
    @Field(key: "name") var name: String
    @Field(key: "active") var active: Bool
    @OptionalParent(key: "created_by_id") var createdBy: UserRecord?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Children(for: \.$template) var items: [ChecklistItemRecord]

    init() {}

    /// The family this version belongs to: the first version's id.
    var family: Int { familyId ?? id ?? 0 }

    func spec(items: [ChecklistItemRecord]) -> ChecklistSpec {
        ChecklistSpec(category: category, name: name, items: items.sorted { $0.position < $1.position }.map(\.spec))
    }
}

final class ChecklistItemRecord: Model, @unchecked Sendable {
    static let schema = "checklist_template_items"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "template_id") var template: ChecklistTemplateRecord
    @Field(key: "position") var position: Int
    @Field(key: "topic") var topic: String
    @Field(key: "text") var text: String
    @Field(key: "requires_photo") var requiresPhoto: Bool
    @Field(key: "hazard_category") var hazardCategory: HazardCategory

    init() {}

    var spec: ChecklistItemSpec { ChecklistItemSpec(topic, text, photo: requiresPhoto, hazardCategory) }
}

/// Writes template versions; used by the migration that ships the defaults and by editing.
enum ChecklistStore {
    static func insert(_ spec: ChecklistSpec, family: Int?, version: Int, by userId: Int?, on tx: WriteTransaction) async throws -> ChecklistTemplateRecord {
        let template = ChecklistTemplateRecord()
        template.familyId = family
        template.version = version
        template.category = spec.category
        template.name = spec.name.trimmingCharacters(in: .whitespacesAndNewlines)
        template.active = true
        template.$createdBy.id = userId
        try await template.create(on: tx)
        let templateId = try template.requireID()
        let items = spec.items.enumerated().map { i, item in
            let record = ChecklistItemRecord()
            record.$template.id = templateId
            record.position = i + 1
            record.topic = item.topic.trimmingCharacters(in: .whitespacesAndNewlines)
            record.text = item.text.trimmingCharacters(in: .whitespacesAndNewlines)
            record.requiresPhoto = item.requiresPhoto
            record.hazardCategory = item.hazardCategory
            return record
        }
        try await items.create(on: tx)
        return template
    }
}
