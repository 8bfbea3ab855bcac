import Foundation
import SafeGridDomain
import SQLKit

/// A hazard (隐患) as stored: the one row type of the `hazards` table. Its columns are declared
/// once, in `columns`; reads, inserts and updates are derived from that table (`HazardStore`).
/// The state and the case fields change only through `HazardStore`'s writes, each with its
/// event and a version bump (`version`, optimistic concurrency).
struct HazardRow: TableRow, Sendable {
    var id = 0
    var number = ""
    var townshipId = 0
    var gridId = 0
    var gridPath = ""
    var placeId: Int?
    var title = ""
    var description = ""
    var category = HazardCategory.other
    var grade = HazardGrade.general
    var source = HazardSource.grid
    var state = HazardState.registered
    var version = 1
    /// `yyyy-MM-dd`: text dates compare correctly on every engine.
    var deadline: String?
    var reworkCount = 0
    var escalation = 0
    var transferredTo: Department?
    var responsibleName: String?
    var responsiblePhone: String?
    var responsibleUserId: Int?
    var responsibleDepartment: Department?
    var requirement: String?
    /// The six-part governance plan of a major hazard, as JSON.
    var plan: String?
    var noticeNumber: String?
    var lastSubmitterId: Int?
    var discoveredAt = Date(timeIntervalSince1970: 0)
    var discoveredById = 0
    var latitude: Double?
    var longitude: Double?
    var locationText: String?
    var closedAt: Date?
    /// The special campaign (专项整治) the hazard is tagged with, if any (migration 009).
    var campaignId: Int?
    var createdAt: Date?
    var updatedAt: Date?

    static let table = "hazards"
    static let blank = HazardRow()

    static let columns: [Column<HazardRow>] = [
        .value("id", \.id), .value("number", \.number), .value("township_id", \.townshipId), .value("grid_id", \.gridId),
        .value("grid_path", \.gridPath), .optional("place_id", \.placeId), .value("title", \.title),
        .value("description", \.description), .text("category", \.category), .text("grade", \.grade), .text("source", \.source),
        .text("state", \.state), .value("version", \.version), .optional("deadline", \.deadline),
        .value("rework_count", \.reworkCount), .value("escalation", \.escalation), .optionalText("transferred_to", \.transferredTo),
        .optional("responsible_name", \.responsibleName), .optional("responsible_phone", \.responsiblePhone),
        .optional("responsible_user_id", \.responsibleUserId), .optionalText("responsible_department", \.responsibleDepartment),
        .optional("requirement", \.requirement), .optional("plan", \.plan), .optional("notice_number", \.noticeNumber),
        .optional("last_submitter_id", \.lastSubmitterId), .value("discovered_at", \.discoveredAt),
        .value("discovered_by_id", \.discoveredById), .optional("latitude", \.latitude), .optional("longitude", \.longitude),
        .optional("location_text", \.locationText), .optional("closed_at", \.closedAt), .optional("campaign_id", \.campaignId),
        .optional("created_at", \.createdAt), .optional("updated_at", \.updatedAt),
    ]

    /// The column list as one prepared piece of SQL: serialising thirty-odd quoted column
    /// expressions again for every page was a tenth of a ledger request.
    static let selection = columnList

    /// The case fields as the domain's value: read for `HazardCase.applying`, written back
    /// after it. The plan is stored as JSON text and rewritten only when it changed.
    var `case`: HazardCase {
        get {
            HazardCase(state: state, deadline: deadline.flatMap(CivilDate.init(iso:)), reworkCount: reworkCount,
                       escalation: EscalationLevel(rawValue: escalation) ?? .none, transferredTo: transferredTo,
                       lastSubmitterId: lastSubmitterId, closedAt: closedAt, responsibleName: responsibleName,
                       responsiblePhone: responsiblePhone, responsibleUserId: responsibleUserId,
                       responsibleDepartment: responsibleDepartment, requirement: requirement,
                       plan: plan.flatMap { JSONCoding.decode(GovernancePlan.self, $0) }, updatedAt: updatedAt)
        }
        set {
            let oldPlan = plan.flatMap { JSONCoding.decode(GovernancePlan.self, $0) }
            state = newValue.state
            deadline = newValue.deadline?.description
            reworkCount = newValue.reworkCount
            escalation = newValue.escalation.rawValue
            transferredTo = newValue.transferredTo
            lastSubmitterId = newValue.lastSubmitterId
            closedAt = newValue.closedAt
            responsibleName = newValue.responsibleName
            responsiblePhone = newValue.responsiblePhone
            responsibleUserId = newValue.responsibleUserId
            responsibleDepartment = newValue.responsibleDepartment
            requirement = newValue.requirement
            if newValue.plan != oldPlan { plan = newValue.plan.flatMap { try? JSONCoding.string($0) } }
            updatedAt = newValue.updatedAt
        }
    }

    var facts: HazardFacts {
        HazardFacts(state: state, grade: grade, gridPath: gridPath, placeId: placeId,
                    discoveredById: discoveredById, lastSubmitterId: lastSubmitterId,
                    deadline: deadline.flatMap(CivilDate.init(iso:)),
                    escalation: EscalationLevel(rawValue: escalation) ?? .none,
                    transferredTo: transferredTo, responsibleUserId: responsibleUserId)
    }
}

