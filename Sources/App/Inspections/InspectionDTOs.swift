import Foundation
import SafeGridDomain
import Vapor

/// Body of `POST /api/v1/inspections`. Enum fields arrive as text and become field errors.
struct InspectionStartRequest: Content {
    var placeId: Int?
    var kind: String?
    var templateId: Int?
    /// Co-inspectors besides the caller (joint inspection: other workers, departments, experts).
    var inspectorIds: [Int]?
    var partners: String?
    var night: Bool?
    var campaignId: Int?
    var startedAt: Date?
    var latitude: Double?
    var longitude: Double?
}

/// One item's result, in `PUT .../items/{itemId}` and in the `items` of a finish.
struct ItemResultRequest: Content {
    var itemId: Int?
    var result: String?
    var note: String?
    var attachmentIds: [Int]?
}

/// Body of `POST /api/v1/inspections/{id}/finish`.
struct InspectionFinishRequest: Content {
    var endedAt: Date?
    var note: String?
    var items: [ItemResultRequest]?
}

/// Body of `POST /api/v1/inspections/{id}/cancel`.
struct InspectionCancelRequest: Content {
    var reason: String?
}

/// Body of `POST /api/v1/inspections/{id}/items/{itemId}/hazard`. Everything is optional:
/// title, category and description are pre-filled from the item and its note.
struct InspectionHazardRequest: Content {
    var title: String?
    var description: String?
    var category: String?
    var grade: String?
    /// Fixed on the spot (现场整改): the hazard is registered and closed with `fix_on_site`,
    /// which needs `attachmentIds` as evidence of the fix. Otherwise `attachmentIds` are
    /// photos of the hazard as found, beside the item's own.
    var fixedOnSite: Bool?
    var note: String?
    var attachmentIds: [Int]?
}

struct InspectorDTO: Content {
    var id: Int
    var name: String
    var role: Role
}

struct InspectionItemDTO: Content {
    var id: Int
    var position: Int
    var topic: String
    var text: String
    var requiresPhoto: Bool
    var hazardCategory: HazardCategory
    @NullEncodable var result: ItemResult?
    @NullEncodable var note: String?
    var attachmentIds: [Int]
    @NullEncodable var hazardId: Int?
    var fixedOnSite: Bool

    init(_ item: InspectionItemRecord, photos: [Int]) {
        id = item.id ?? 0
        position = item.position
        topic = item.topic
        text = item.text
        requiresPhoto = item.requiresPhoto
        hazardCategory = item.hazardCategory
        result = item.result
        note = item.note
        attachmentIds = photos
        hazardId = item.hazardId
        fixedOnSite = item.fixedOnSite
    }
}

/// An inspection; `items` only on the single-inspection responses.
struct InspectionDTO: Content {
    var id: Int
    var placeId: Int
    var placeName: String
    var placeCategory: PlaceCategory
    var gridId: Int
    var kind: InspectionKind
    var hazardSource: HazardSource
    var templateId: Int
    var templateVersion: Int
    var leadInspectorId: Int
    var inspectors: [InspectorDTO]
    @NullEncodable var partners: String?
    var startedAt: Date
    @NullEncodable var endedAt: Date?
    var finished: Bool
    /// Cancelled before it was finished: kept, counted as no visit.
    var cancelled: Bool
    @NullEncodable var cancelledAt: Date?
    @NullEncodable var cancelReason: String?
    var night: Bool
    @NullEncodable var campaignId: Int?
    @NullEncodable var latitude: Double?
    @NullEncodable var longitude: Double?
    @NullEncodable var note: String?
    var failedCount: Int
    var items: [InspectionItemDTO]?

    init(_ i: InspectionRecord, placeName: String, inspectors: [InspectorDTO], items: [InspectionItemDTO]?) {
        id = i.id ?? 0
        placeId = i.$place.id
        self.placeName = placeName
        placeCategory = i.placeCategory
        gridId = i.$grid.id
        kind = i.kind
        hazardSource = i.kind.hazardSource
        templateId = i.$template.id
        templateVersion = i.templateVersion
        leadInspectorId = i.$leadInspector.id
        self.inspectors = inspectors
        partners = i.partners
        startedAt = i.startedAt
        endedAt = i.endedAt
        finished = i.finished
        cancelled = i.cancelled
        cancelledAt = i.cancelledAt
        cancelReason = i.cancelReason
        night = i.night
        campaignId = i.campaignId
        latitude = i.latitude
        longitude = i.longitude
        note = i.note
        failedCount = i.failedCount
        self.items = items
    }
}

struct ChecklistItemBody: Content {
    var topic: String?
    var text: String?
    var requiresPhoto: Bool?
    var hazardCategory: String?
}

/// Body of `POST /api/v1/checklist-templates` and `PUT /api/v1/checklist-templates/{id}`.
struct ChecklistTemplateRequest: Content {
    var category: String?
    var name: String?
    var items: [ChecklistItemBody]?

    /// The template as the domain checks it, or every field problem at once.
    func spec(existing: PlaceCategory?) throws(SafeGridError) -> ChecklistSpec {
        var errors = FieldErrors()
        let category = Choice.parse(PlaceCategory.self, self.category ?? existing?.rawValue, "category", &errors)
        var items: [ChecklistItemSpec] = []
        for (i, body) in (self.items ?? []).enumerated() {
            let hazardCategory = Choice.parse(HazardCategory.self, body.hazardCategory ?? HazardCategory.other.rawValue,
                                              "items.\(i).hazardCategory", &errors)
            items.append(ChecklistItemSpec(body.topic ?? "", body.text ?? "", photo: body.requiresPhoto ?? false, hazardCategory ?? .other))
        }
        let spec = ChecklistSpec(category: category ?? .other, name: name ?? "", items: items)
        spec.problems().forEach { errors.add($0.field, $0.key, args: $0.args) }
        try errors.throwIfAny()
        return spec
    }
}

struct ChecklistTemplateItemDTO: Content {
    var id: Int
    var position: Int
    var topic: String
    var text: String
    var requiresPhoto: Bool
    var hazardCategory: HazardCategory
}

struct ChecklistTemplateDTO: Content {
    var id: Int
    var familyId: Int
    var version: Int
    var category: PlaceCategory
    var name: String
    var active: Bool
    @NullEncodable var createdAt: Date?
    var items: [ChecklistTemplateItemDTO]

    init(_ t: ChecklistTemplateRecord, items: [ChecklistItemRecord]) {
        id = t.id ?? 0
        familyId = t.family
        version = t.version
        category = t.category
        name = t.name
        active = t.active
        createdAt = t.createdAt
        self.items = items.sorted { $0.position < $1.position }.map {
            ChecklistTemplateItemDTO(id: $0.id ?? 0, position: $0.position, topic: $0.topic, text: $0.text,
                                     requiresPhoto: $0.requiresPhoto, hazardCategory: $0.hazardCategory)
        }
    }
}

/// One place on "my tasks".
struct PatrolTaskDTO: Content {
    var placeId: Int
    var placeName: String
    var placeCategory: PlaceCategory
    var gridId: Int
    @NullEncodable var riskLevel: RiskLevel?
    @NullEncodable var lastInspectedOn: CivilDate?
    var dueOn: CivilDate
    var overdue: Bool
    /// Calendar days past due; 0 on the due day, negative before it.
    var daysLate: Int
    /// Working days past due (the count supervision uses); null while not overdue.
    @NullEncodable var workdaysLate: Int?
    var interval: PatrolInterval
}

struct MyTasksDTO: Content {
    var today: CivilDate
    var horizonDays: Int
    var overdueCount: Int
    var items: [PatrolTaskDTO]
}

struct CoverageRowDTO: Content {
    @NullEncodable var gridId: Int?
    @NullEncodable var userId: Int?
    var name: String
    var due: Int
    var onTime: Int
    var late: Int
    var missed: Int
    var pending: Int
    @NullEncodable var onTimePerMille: Int?

    init(gridId: Int? = nil, userId: Int? = nil, name: String, _ f: CoverageFigures) {
        self.gridId = gridId; self.userId = userId; self.name = name
        due = f.due; onTime = f.onTime; late = f.late; missed = f.missed; pending = f.pending
        onTimePerMille = f.onTimePerMille
    }
}

struct CoverageDTO: Content {
    var from: CivilDate
    var through: CivilDate
    var total: CoverageRowDTO
    var grids: [CoverageRowDTO]
    var workers: [CoverageRowDTO]
}

/// `GET/PUT /api/v1/patrol-frequencies`: one interval per risk level and for unassessed places.
struct PatrolFrequenciesDTO: Content {
    var red: PatrolInterval
    var orange: PatrolInterval
    var yellow: PatrolInterval
    var blue: PatrolInterval
    var unassessed: PatrolInterval

    init(_ s: PatrolSchedule) {
        red = s.red; orange = s.orange; yellow = s.yellow; blue = s.blue; unassessed = s.unassessed
    }

    var schedule: PatrolSchedule {
        PatrolSchedule(red: red, orange: orange, yellow: yellow, blue: blue, unassessed: unassessed)
    }
}
