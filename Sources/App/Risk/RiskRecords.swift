import Fluent
import Foundation
import SafeGridDomain

/// A version of a method's table after the shipped version 1 (see `CreateRiskTables`).
final class RiskTableRecord: Model, @unchecked Sendable {
    static let schema = "risk_tables"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "method") var method: RiskMethod
    @Field(key: "version") var version: Int
    /// `[RiskFactor]` as JSON.
    @Field(key: "factors") var factors: String
    /// `RiskBands` as JSON.
    @Field(key: "bands") var bands: String
    @OptionalField(key: "created_by_id") var createdById: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(_ table: RiskTable, by userId: Int?) throws {
        method = table.method
        version = table.version
        factors = try JSONCoding.string(table.factors)
        bands = try JSONCoding.string(table.bands)
        createdById = userId
    }

    func table() throws -> RiskTable {
        RiskTable(method: method, version: version,
                  factors: try JSONDecoder().decode([RiskFactor].self, from: Data(factors.utf8)),
                  bands: try JSONDecoder().decode(RiskBands.self, from: Data(bands.utf8)))
    }
}

enum AssessmentState: String, Codable, CaseIterable, Sendable {
    case draft, approved
}

/// One risk assessment of a place (风险评价记录).
final class RiskAssessmentRecord: Model, @unchecked Sendable {
    static let schema = "risk_assessments"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "place_id") var place: PlaceRecord
    /// Copy of the place's grid path, for scoped lists without a join.
    @Field(key: "grid_path") var gridPath: String
    @Field(key: "method") var method: RiskMethod
    @Field(key: "table_version") var tableVersion: Int
    /// Factor code → chosen value, as JSON.
    @Field(key: "inputs") var inputs: String
    @Field(key: "score") var score: Double
    @Field(key: "level") var level: RiskLevel
    @Field(key: "control_level") var controlLevel: ControlLevel
    @Field(key: "state") var state: AssessmentState
    @OptionalField(key: "note") var note: String?
    @Parent(key: "assessed_by_id") var assessedBy: UserRecord
    @Field(key: "assessed_at") var assessedAt: Date
    @OptionalParent(key: "approved_by_id") var approvedBy: UserRecord?
    @OptionalField(key: "approved_at") var approvedAt: Date?

    init() {}

    var inputValues: [String: Double] {
        (try? JSONDecoder().decode([String: Double].self, from: Data(inputs.utf8))) ?? [:]
    }
}
