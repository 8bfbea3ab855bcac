import Foundation
import SafeGridDomain
import Vapor

/// Body of `POST /api/v1/hazards` and of the new-hazard form. Enum fields arrive as text
/// and are checked here, so a bad value becomes a field error rather than a decoding failure.
struct HazardCreateRequest: Content {
    var title: String?
    var description: String?
    var category: String?
    var grade: String?
    var source: String?
    var placeId: Int?
    var gridId: Int?
    var latitude: Double?
    var longitude: Double?
    var locationText: String?
    var discoveredAt: Date?
    var attachmentIds: [Int]?
}

/// A validated hazard registration.
struct HazardDraft: Sendable {
    var title: String
    var description: String
    var category: HazardCategory
    var grade: HazardGrade
    var source: HazardSource
    var placeId: Int?
    var gridId: Int?
    var latitude: Double?
    var longitude: Double?
    var locationText: String?
    var discoveredAt: Date?
    var attachmentIds: [Int]

    init(_ body: HazardCreateRequest) throws(SafeGridError) {
        var errors = FieldErrors()
        errors.require(body.title, "title")
        if let title = body.title, title.count > 200 { errors.add("title", "error.field.too_long", args: ["200"]) }
        if let d = body.description, d.count > 4000 { errors.add("description", "error.field.too_long", args: ["4000"]) }
        let category = Choice.parse(HazardCategory.self, body.category, "category", &errors)
        let grade = Choice.parse(HazardGrade.self, body.grade ?? "general", "grade", &errors)
        let source = Choice.parse(HazardSource.self, body.source, "source", &errors)
        if body.placeId == nil && body.gridId == nil { errors.add("gridId", "error.field.required") }
        if let lat = body.latitude, let lon = body.longitude, !Validation.isCoordinate(latitude: lat, longitude: lon) {
            errors.add("latitude", "error.field.coordinates")
        }
        if (body.latitude == nil) != (body.longitude == nil) { errors.add("longitude", "error.field.coordinates") }
        try errors.throwIfAny()
        title = body.title!.trimmingCharacters(in: .whitespacesAndNewlines)
        description = body.description?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        self.category = category!
        self.grade = grade!
        self.source = source!
        placeId = body.placeId
        gridId = body.gridId
        latitude = body.latitude
        longitude = body.longitude
        locationText = body.locationText
        discoveredAt = body.discoveredAt
        attachmentIds = body.attachmentIds ?? []
    }
}

/// Body of `POST /api/v1/hazards/{id}/actions`.
struct HazardActionRequest: Content {
    var action: String?
    var version: Int?
    var note: String?
    var deadline: String?
    var responsibleName: String?
    var responsiblePhone: String?
    var responsibleUserId: Int?
    var responsibleDepartment: String?
    var requirement: String?
    var plan: PlanBody?
    var attachmentIds: [Int]?
    var department: String?
    var measure: String?
    var latitude: Double?
    var longitude: Double?

    struct PlanBody: Content {
        var goal: String?
        var measures: String?
        var funding: String?
        var organisation: String?
        var timeline: String?
        var safetyMeasures: String?
    }

    /// The action, version and domain input, or every field problem at once.
    func parsed() throws(SafeGridError) -> (HazardAction, Int, ActionInput, Coordinates?) {
        var errors = FieldErrors()
        var action: HazardAction?
        if let raw = self.action {
            action = HazardAction(wire: raw).flatMap { $0 == .register ? nil : $0 }
            if action == nil {
                errors.add("action", "error.field.choice", args: [HazardAction.requestable.map(\.rawValue).joined(separator: ", ")])
            }
        } else {
            errors.add("action", "error.field.required")
        }
        if version == nil { errors.add("version", "error.field.required") }
        var deadline: CivilDate?
        if let raw = self.deadline, !raw.isEmpty {
            deadline = CivilDate(iso: raw)
            if deadline == nil { errors.add("deadline", "error.field.date") }
        }
        let responsibleDepartment = self.responsibleDepartment.flatMap { $0.isEmpty ? nil : $0 }
            .flatMap { Choice.parse(Department.self, $0, "responsibleDepartment", &errors) }
        let department = self.department.flatMap { $0.isEmpty ? nil : $0 }
            .flatMap { Choice.parse(Department.self, $0, "department", &errors) }
        let measure = self.measure.flatMap { $0.isEmpty ? nil : $0 }
            .flatMap { Choice.parse(EnforcementMeasure.self, $0, "measure", &errors) }
        var coordinates: Coordinates?
        if (latitude == nil) != (longitude == nil) { errors.add("longitude", "error.field.coordinates") }
        if let lat = latitude, let lon = longitude {
            if Validation.isCoordinate(latitude: lat, longitude: lon) { coordinates = Coordinates(latitude: lat, longitude: lon) }
            else { errors.add("latitude", "error.field.coordinates") }
        }
        for (field, value) in [("note", note), ("requirement", requirement)] where (value?.count ?? 0) > 4000 {
            errors.add(field, "error.field.too_long", args: ["4000"])
        }
        try errors.throwIfAny()
        let plan = self.plan.map {
            GovernancePlan(goal: $0.goal ?? "", measures: $0.measures ?? "", funding: $0.funding ?? "",
                           organisation: $0.organisation ?? "", timeline: $0.timeline ?? "", safetyMeasures: $0.safetyMeasures ?? "")
        }
        let input = ActionInput(
            note: note?.trimmingCharacters(in: .whitespacesAndNewlines), deadline: deadline,
            responsibleName: responsibleName?.trimmingCharacters(in: .whitespaces),
            responsiblePhone: responsiblePhone?.trimmingCharacters(in: .whitespaces),
            responsibleUserId: responsibleUserId, responsibleDepartment: responsibleDepartment,
            requirement: requirement?.trimmingCharacters(in: .whitespacesAndNewlines), plan: plan,
            attachmentIds: attachmentIds ?? [], department: department, measure: measure)
        return (action!, version!, input, coordinates)
    }
}

struct Coordinates: Sendable, Equatable {
    var latitude: Double
    var longitude: Double
}

/// Parsing of enum values sent as text, with the allowed values in the error.
enum Choice {
    static func parse<E: RawRepresentable & CaseIterable>(_ type: E.Type, _ raw: String?, _ field: String, _ errors: inout FieldErrors) -> E?
    where E.RawValue == String {
        guard let raw, !raw.isEmpty else {
            errors.add(field, "error.field.required")
            return nil
        }
        guard let value = E(rawValue: raw) else {
            errors.add(field, "error.field.choice", args: [E.allCases.map(\.rawValue).joined(separator: ", ")])
            return nil
        }
        return value
    }
}
