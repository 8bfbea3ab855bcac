@testable import App
import Foundation
import SafeGridDomain
import Testing

/// The OpenAPI document against the code's own declarations, without a server: every enumeration
/// the document names has exactly the Swift enumeration's cases, and every response schema has
/// exactly the members its DTO writes, required and nullable as the DTO writes them. A field
/// added to a DTO (or an enumeration case) and not to `Resources/openapi.json`, or the reverse,
/// fails here. The shape checks (`OpenAPITests`) compare live answers to the same document.
@Suite("API contract: the OpenAPI document and the Swift types agree")
struct ContractTests {
    static let enumerations: [(schema: String, cases: [String])] = [
        ("Role", names(Role.self)), ("Department", names(Department.self)), ("GridLevel", names(GridLevel.self)),
        ("GridKind", names(GridKind.self)), ("IndependentGridType", names(IndependentGridType.self)),
        ("PlaceCategory", names(PlaceCategory.self)), ("HazardState", names(HazardState.self)),
        ("HazardCategory", names(HazardCategory.self)), ("HazardGrade", names(HazardGrade.self)),
        ("HazardSource", names(HazardSource.self)), ("HazardAction", names(HazardAction.self)),
        ("RequestableAction", HazardAction.requestable.map(\.rawValue)), ("EnforcementMeasure", names(EnforcementMeasure.self)),
        ("EscalationLevel", EscalationLevel.allCases.map { String($0.rawValue) }), ("AttachmentKind", names(AttachmentKind.self)),
        ("ActivityKind", names(ActivityKind.self)), ("AccidentType", names(AccidentType.self)),
        ("AccidentLiability", names(AccidentLiability.self)), ("ReportChannel", names(ReportChannel.self)),
        ("PeriodKind", names(PeriodKind.self)), ("AssessmentTarget", names(AssessmentTarget.self)),
        ("AssessmentGrade", names(AssessmentGrade.self)), ("Indicator", names(Indicator.self)),
        ("InspectionKind", names(InspectionKind.self)), ("ItemResult", names(ItemResult.self)), ("PatrolUnit", names(PatrolUnit.self)),
        ("RiskLevel", names(RiskLevel.self)), ("RiskMethod", names(RiskMethod.self)), ("ControlLevel", names(ControlLevel.self)),
        ("CampaignPhase", names(CampaignPhase.self)), ("CampaignTaskStatus", names(CampaignTaskStatus.self)),
        ("MessageKind", names(MessageKind.self)),
    ]

    static func names<E: CaseIterable & RawRepresentable>(_ type: E.Type) -> [String] where E.RawValue == String {
        E.allCases.map(\.rawValue)
    }

    /// Response schemas and the types the controllers answer with.
    static let responses: [(schema: String, type: any Codable.Type)] = [
        ("Error", ErrorBody.self), ("User", UserDTO.self), ("Grid", GridDTO.self), ("Place", PlaceDTO.self), ("Hazard", HazardDTO.self),
        ("HazardEvent", HazardEventDTO.self), ("EventDetails", EventDetails.self), ("GovernancePlan", GovernancePlan.self),
        ("Attachment", AttachmentAPIController.AttachmentDTO.self), ("TokenResponse", AuthAPIController.TokenResponse.self),
        ("GridList", ListResponse<GridDTO>.self), ("PlaceList", ListResponse<PlaceDTO>.self), ("UserList", ListResponse<UserDTO>.self),
        ("HazardList", ListResponse<HazardDTO>.self), ("HazardEventList", ListResponse<HazardEventDTO>.self),
        ("SourceLedgers", SourceLedgersDTO.self), ("Activity", ActivityDTO.self), ("ActivityList", ListResponse<ActivityDTO>.self),
        ("Accident", AccidentDTO.self), ("AccidentList", ListResponse<AccidentDTO>.self), ("PublicReport", PublicReportDTO.self),
        ("PublicReportList", ListResponse<PublicReportDTO>.self), ("IndicatorSet", IndicatorSetDTO.self),
        ("AssessmentLine", AssessmentLineDTO.self), ("AssessmentUnit", AssessmentUnitDTO.self), ("Assessment", AssessmentDTO.self),
        ("AssessmentHistory", AssessmentHistoryDTO.self), ("BulletinFigures", BulletinFiguresDTO.self), ("Bulletin", BulletinDTO.self),
        ("BulletinSummary", BulletinSummaryDTO.self), ("BulletinList", ListResponse<BulletinSummaryDTO>.self),
        ("PatrolFrequencies", PatrolFrequenciesDTO.self), ("ChecklistTemplateItem", ChecklistTemplateItemDTO.self),
        ("ChecklistTemplate", ChecklistTemplateDTO.self), ("ChecklistTemplateList", ListResponse<ChecklistTemplateDTO>.self),
        ("Inspector", InspectorDTO.self), ("InspectionItem", InspectionItemDTO.self), ("Inspection", InspectionDTO.self),
        ("InspectionList", ListResponse<InspectionDTO>.self), ("PatrolTask", PatrolTaskDTO.self), ("MyTasks", MyTasksDTO.self),
        ("CoverageRow", CoverageRowDTO.self), ("Coverage", CoverageDTO.self), ("RiskTable", RiskTableDTO.self),
        ("RiskTableList", RiskTableList.self), ("RiskAssessment", RiskAssessmentDTO.self),
        ("RiskAssessmentList", ListResponse<RiskAssessmentDTO>.self), ("RiskEntry", RiskEntryDTO.self),
        ("RiskEntryList", ListResponse<RiskEntryDTO>.self), ("BoundaryImportResult", BoundaryImportResult.self),
        ("CampaignProgress", CampaignProgressDTO.self), ("Campaign", CampaignDTO.self), ("CampaignList", ListResponse<CampaignDTO>.self),
        ("CampaignTask", CampaignTaskDTO.self), ("CampaignTaskList", ListResponse<CampaignTaskDTO>.self),
        ("Message", MessageDTO.self), ("MessageList", MessageListDTO.self), ("MessagesRead", MessagesReadDTO.self),
    ]

    @Test("every enumeration in the document has exactly the cases of its Swift enumeration")
    func enumerationsAgree() throws {
        let document = try SchemaDocument.load()
        for (name, cases) in Self.enumerations {
            let declared = try #require(document.schema(name)?["enum"] as? [Any], "\(name) is not an enumeration in the document")
            let values = declared.map { "\($0)" }
            #expect(Set(values) == Set(cases) && values.count == cases.count,
                    "\(name): the document lists \(values.sorted()), the code \(cases.sorted())")
        }
    }

    /// Each schema is turned into a JSON instance twice, once with every member and once with
    /// only the required ones; the DTO must decode both and write back exactly the members the
    /// document declares, with null exactly where it says nullable.
    @Test("every response schema has exactly the members its DTO writes, required and nullable alike")
    func responsesAgree() throws {
        let document = try SchemaDocument.load()
        for (name, type) in Self.responses {
            let schema = try #require(document.schema(name), "\(name) is not in the document")
            let properties = try #require(document.object(schema)?["properties"] as? [String: Any], "\(name) has no properties")
            let required = Set(document.object(schema)?["required"] as? [String] ?? [])

            guard let full = record({ try roundTrip(type, document.instance(of: schema, full: true), name: name) }),
                  let minimal = record({ try roundTrip(type, document.instance(of: schema, full: false), name: name + " (only required members)") })
            else { continue }
            let beyond = Set(full.keys).subtracting(properties.keys).sorted(), lacking = Set(properties.keys).subtracting(full.keys).sorted()
            #expect(beyond.isEmpty && lacking.isEmpty, "\(name): the DTO also writes \(beyond) and does not write \(lacking)")

            let leftOut = required.subtracting(minimal.keys).sorted()
            #expect(leftOut.isEmpty, "\(name): the document requires \(leftOut), which the DTO leaves out when empty")
            let nullWithoutSaying = minimal.filter { $0.value is NSNull && !document.isNullable(properties[$0.key]) }.keys.sorted()
            #expect(nullWithoutSaying.isEmpty, "\(name): \(nullWithoutSaying) can be null but the document does not say nullable")
            let alwaysWritten = Set(properties.keys).subtracting(required).filter { key in
                !(minimal[key] == nil || minimal[key] is NSNull || document.isNullable(properties[key]) || document.isArrayOrObject(properties[key]))
            }.sorted()
            #expect(alwaysWritten.isEmpty, "\(name): \(alwaysWritten) are always written but not required")
        }
    }

    /// The value, or an issue recorded for this schema so that one run reports every disagreement.
    private func record<T>(_ body: () throws -> T) -> T? {
        do { return try body() } catch { Issue.record(error); return nil }
    }

    private func roundTrip(_ type: any Codable.Type, _ instance: Any, name: String) throws -> [String: Any] {
        let data = try JSONSerialization.data(withJSONObject: instance)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let value: any Encodable
        do {
            value = try decoder.decode(type, from: data)
        } catch {
            throw TestFailure("\(name): the DTO cannot read what the document describes: \(error)\n\(String(decoding: data, as: UTF8.self))")
        }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let written = try encoder.encode(value)
        return try #require(try JSONSerialization.jsonObject(with: written) as? [String: Any], "\(name) is not written as an object")
    }
}

/// `Resources/openapi.json` read as plain JSON, with what the contract test needs: resolving
/// references and making an instance of a schema.
struct SchemaDocument {
    let root: [String: Any]

    static func load() throws -> SchemaDocument {
        let data = try Data(contentsOf: URL(fileURLWithPath: "Resources/openapi.json"))
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { throw TestFailure("openapi.json is not an object") }
        return SchemaDocument(root: root)
    }

    func schema(_ name: String) -> [String: Any]? {
        ((root["components"] as? [String: Any])?["schemas"] as? [String: Any])?[name] as? [String: Any]
    }

    /// The schema itself, or the one its `$ref` (or single-entry `allOf`) points at.
    func object(_ node: Any?) -> [String: Any]? {
        guard let node = node as? [String: Any] else { return nil }
        if let ref = node["$ref"] as? String { return schema(String(ref.split(separator: "/").last ?? "")) }
        if let all = node["allOf"] as? [Any], all.count == 1 { return object(all[0]) }
        return node
    }

    func isNullable(_ node: Any?) -> Bool { (node as? [String: Any])?["nullable"] as? Bool == true }

    func isArrayOrObject(_ node: Any?) -> Bool {
        let type = object(node)?["type"] as? String
        return type == "array" || type == "object"
    }

    /// A value the schema accepts: every member (`full`) or only the required ones, with null
    /// for a required member that is nullable.
    func instance(of node: Any?, full: Bool) -> Any {
        guard let schema = object(node) else { return NSNull() }
        if let values = schema["enum"] as? [Any], let first = values.first { return first }
        switch schema["type"] as? String {
        case "object":
            let properties = schema["properties"] as? [String: Any] ?? [:]
            let required = Set(schema["required"] as? [String] ?? [])
            var members: [String: Any] = [:]
            for (key, property) in properties {
                if full { members[key] = instance(of: property, full: true); continue }
                guard required.contains(key) else { continue }
                members[key] = isNullable(property) ? NSNull() : instance(of: property, full: false)
            }
            if let extra = schema["additionalProperties"] as? [String: Any], full { members["extra"] = instance(of: extra, full: true) }
            return members
        case "array":
            return full ? [instance(of: schema["items"], full: true)] : []
        case "integer": return 1
        case "number": return 1.5
        case "boolean": return true
        case "string":
            switch schema["format"] as? String {
            case "date": return "2026-11-30"
            case "date-time": return "2026-11-30T08:00:00Z"
            default: return "x"
            }
        default:
            return NSNull()
        }
    }
}
