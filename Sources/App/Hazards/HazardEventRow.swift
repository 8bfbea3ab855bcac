import Foundation
import SafeGridDomain

/// One immutable entry of a hazard's history (who, when, where, what, evidence): the one row
/// type of `hazard_events`. Rows are only ever inserted (`HazardStore.append`), each as the
/// next link of the trail's hash chain; nothing updates or deletes them.
struct HazardEventRow: TableRow, Sendable {
    var id = 0
    var hazardId = 0
    var action = HazardAction.comment
    var actorId = 0
    var actorRole = Role.officer
    var occurredAt = Date(timeIntervalSince1970: 0)
    var fromState: HazardState?
    var toState = HazardState.registered
    var note: String?
    var latitude: Double?
    var longitude: Double?
    /// Action-specific details (`EventDetails`: deadline, department, measure, responsible party, plan) as JSON.
    var details = "{}"
    /// Attachment ids as a JSON array.
    var attachmentIds = "[]"
    /// The link in the trail's chain, set by `HazardStore.append` (migration 012).
    var chainSeq: Int?
    var prevHash: String?
    var hash: String?

    static let table = "hazard_events"
    static let blank = HazardEventRow()

    static let columns: [Column<HazardEventRow>] = [
        .value("id", \.id), .value("hazard_id", \.hazardId), .text("action", \.action), .value("actor_id", \.actorId),
        .text("actor_role", \.actorRole), .value("occurred_at", \.occurredAt), .optionalText("from_state", \.fromState),
        .text("to_state", \.toState), .optional("note", \.note), .optional("latitude", \.latitude), .optional("longitude", \.longitude),
        .value("details", \.details), .value("attachment_ids", \.attachmentIds), .optional("chain_seq", \.chainSeq),
        .optional("prev_hash", \.prevHash), .optional("hash", \.hash),
    ]

    static let selection = columnList

    /// The content the chain hashes, in the order `HazardEventTrail.fields(of:)` reads it back.
    /// The verifier reads the stored text itself, not this type, so that a tampered value that
    /// no longer decodes is still hashed and reported rather than failing the read.
    var trailFields: [String?] {
        [AuditTrail.field(hazardId), action.rawValue, AuditTrail.field(actorId), actorRole.rawValue, AuditTrail.field(occurredAt),
         fromState?.rawValue, toState.rawValue, note, AuditTrail.field(latitude), AuditTrail.field(longitude), details, attachmentIds]
    }
}

/// An event of the timeline with its actor's display name (one join instead of loading users).
@dynamicMemberLookup
struct HazardEventListItem: Sendable {
    var event: HazardEventRow
    var actorName: String?

    subscript<T>(dynamicMember path: KeyPath<HazardEventRow, T>) -> T { event[keyPath: path] }
}

/// A rectification notice (整改通知书): the one row type of `notices`, issued with `assign`
/// and inserted in the hazard's transaction (`HazardStore.issue`).
struct NoticeRow: TableRow, Sendable {
    var id = 0
    var number = ""
    var hazardId = 0
    var responsible = ""
    var responsiblePhone: String?
    var requirement = ""
    var deadline = ""
    var issuedById = 0
    var issuedAt = Date(timeIntervalSince1970: 0)

    static let table = "notices"
    static let blank = NoticeRow()

    static let columns: [Column<NoticeRow>] = [
        .value("id", \.id), .value("number", \.number), .value("hazard_id", \.hazardId), .value("responsible", \.responsible),
        .optional("responsible_phone", \.responsiblePhone), .value("requirement", \.requirement), .value("deadline", \.deadline),
        .value("issued_by_id", \.issuedById), .value("issued_at", \.issuedAt),
    ]

    init() {}

    init(hazardId: Int, responsible: String, input: ActionInput, issuedBy: Int, issuedAt: Date) {
        self.hazardId = hazardId
        self.responsible = responsible
        responsiblePhone = input.responsiblePhone
        requirement = input.requirement ?? ""
        deadline = input.deadline?.description ?? ""
        issuedById = issuedBy
        self.issuedAt = issuedAt
    }
}
