import Foundation
import SafeGridDomain
import Vapor

struct RiskTableDTO: Content {
    var method: RiskMethod
    var version: Int
    var factors: [RiskFactor]
    var bands: RiskBands

    init(_ t: RiskTable) { method = t.method; version = t.version; factors = t.factors; bands = t.bands }
}

struct RiskTableList: Content {
    var items: [RiskTableDTO]
}

/// `POST /risk-tables`: the next version of a method's table. Factors left out keep the current ones.
struct RiskTableRequest: Content {
    var method: String?
    var factors: [RiskFactor]?
    var bands: RiskBands?

    func parsed() throws(SafeGridError) -> (RiskMethod, [RiskFactor]?, RiskBands) {
        var errors = FieldErrors()
        let method = Choice.parse(RiskMethod.self, method, "method", &errors)
        if bands == nil { errors.add("bands", "error.field.required") }
        try errors.throwIfAny()
        return (method!, factors, bands!)
    }
}

/// `POST /places/{id}/risk-assessments`.
struct RiskAssessmentRequest: Content {
    var method: String?
    var inputs: [String: Double]?
    var note: String?

    func parsed() throws(SafeGridError) -> (RiskMethod, [String: Double]) {
        var errors = FieldErrors()
        let method = Choice.parse(RiskMethod.self, method, "method", &errors)
        if inputs == nil { errors.add("inputs", "error.field.required") }
        try errors.throwIfAny()
        return (method!, inputs!)
    }
}

struct RiskAssessmentDTO: Content {
    var id: Int
    var placeId: Int
    var method: RiskMethod
    var tableVersion: Int
    var inputs: [String: Double]
    var score: Double
    var level: RiskLevel
    var controlLevel: ControlLevel
    var state: String
    var note: String?
    var assessedById: Int
    var assessedAt: Date
    var approvedById: Int?
    var approvedAt: Date?

    init(_ r: RiskAssessmentRecord) {
        id = r.id ?? 0; placeId = r.$place.id; method = r.method; tableVersion = r.tableVersion; inputs = r.inputValues
        score = r.score; level = r.level; controlLevel = r.controlLevel; state = r.state.rawValue; note = r.note
        assessedById = r.$assessedBy.id; assessedAt = r.assessedAt; approvedById = r.$approvedBy.id; approvedAt = r.approvedAt
    }
}

/// One line of the list of major and significant risks (重大/较大风险清单).
struct RiskEntryDTO: Content {
    var placeId: Int
    var placeName: String
    var category: PlaceCategory
    var gridId: Int
    /// The latest approved assessment's level.
    var level: RiskLevel
    /// What lists and maps show: red while the place has an open major hazard (when configured).
    var displayedLevel: RiskLevel
    var openMajorHazard: Bool
    var controlLevel: ControlLevel
    var assessment: RiskAssessmentDTO?
}

struct BoundaryImportResult: Content {
    var updated: Int
    var unmatched: [String]
}
