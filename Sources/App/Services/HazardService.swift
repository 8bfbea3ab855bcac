import Fluent
import Foundation
import SafeGridDomain
import SQLKit
import Vapor

/// Every change to a hazard goes through here: load, ask the domain rules, then save the
/// hazard and its append-only event in one transaction.
struct HazardService {
    let db: any Database
    let gate: WriteGate
    let sqlite: Bool
    let now: Date
    /// Dropped after every committed change, so this instance's dashboards never lag its writes.
    let dashboards: DashboardCache
    let registrations: RegistrationQueue

    init(req: Request) {
        db = req.db
        gate = req.application.writeGate
        sqlite = req.application.isSQLite
        now = req.now
        dashboards = req.application.dashboardCache
        registrations = req.application.registrationQueue
    }

    init(app: Application, now: Date? = nil) {
        db = app.db
        gate = app.writeGate
        sqlite = app.isSQLite
        self.now = now ?? app.clock.now()
        dashboards = app.dashboardCache
        registrations = app.registrationQueue
    }

    var today: CivilDate { CivilDate(now) }

    /// Records a new hazard with its number and its `register` event. `link` runs inside the
    /// same transaction once the hazard exists, so whatever it points at (an inspection item)
    /// is claimed together with the hazard or not at all.
    func register(_ draft: HazardDraft, by user: CurrentUser,
                  link: (@Sendable (HazardRecord, any Database) async throws -> Void)? = nil) async throws -> HazardSnapshot {
        let now = self.now
        // The place, grid and township are read and checked before the write begins: on SQLite
        // every statement inside it holds the one writer that all registrations queue for.
        let location = try await HazardLocation.resolve(draft, user: user, on: db)
        if let refusal = Permissions.registrationRefusal(user.actor, gridPath: location.gridPath, placeId: location.placeId, source: draft.source) {
            throw refusal
        }
        let registration = try Registration(draft, by: user, at: location, now: now)
        defer { dashboards.invalidate() }
        // Plain registrations are committed in groups (see RegistrationQueue); those that claim
        // evidence or an inspection item run on their own, with those checks in the transaction.
        if link == nil && draft.attachmentIds.isEmpty {
            return try await registrations.register(registration, on: db, gate: gate, sqlite: sqlite).snapshot
        }
        return try await db.writeTransaction(gate: gate, sqlite: sqlite) { tx in
            let hazard = try await registration.insertAlone(on: tx)
            try await linkAttachments(draft.attachmentIds, to: try hazard.requireID(), by: user, on: tx)
            try await link?(hazard, tx)
            return hazard.snapshot
        }
    }

    /// Applies an action. A stale `version` or a concurrent change is a 409; exactly one of
    /// two simultaneous actions on the same version wins.
    ///
    /// Reads and writes here use plain SQL, not Fluent models: Fluent rebuilds a model's
    /// property list by reflection on every load and save, which was most of a transition's
    /// CPU (bench/results). Everything that only reads is done before the write begins (on
    /// SQLite the writer is one lock that every change queues for); the version claim inside
    /// the transaction then proves the row is still the one read here, since every change
    /// bumps the version.
    func act(on id: Int, _ action: HazardAction, version: Int, input: ActionInput, at coordinates: Coordinates?,
             by user: CurrentUser) async throws -> HazardSnapshot {
        try await act(on: try await HazardReads.visible(id, to: user, on: db), action, version: version, input: input, at: coordinates, by: user)
    }

    /// As `act(on:)` for a hazard the caller has already read (and found visible).
    func act(on hazard: HazardSnapshot, _ action: HazardAction, version: Int, input: ActionInput, at coordinates: Coordinates?,
             by user: CurrentUser) async throws -> HazardSnapshot {
        let prepared = try await prepare(action, on: hazard, version: version, input: input, at: coordinates, by: user, reading: db)
        defer { dashboards.invalidate() }
        return try await db.writeTransaction(gate: gate, sqlite: sqlite) { tx in try await prepared.apply(on: tx) }
    }

    /// Decides an action and reads what it needs (names, the township code) before any write;
    /// the result is applied inside whichever transaction the caller holds, so that a hazard
    /// can be registered and fixed on site in one.
    func prepare(_ action: HazardAction, on hazard: HazardSnapshot, version: Int, input: ActionInput, at coordinates: Coordinates?,
                 by user: CurrentUser, reading db: any Database) async throws -> PreparedChange {
        let now = self.now
        let today = self.today
        let id = hazard.id
        let change = try HazardRules.decide(action, input: input, hazard: hazard.facts, actor: user.actor, today: today)
        guard hazard.version == version else { throw SafeGridError.staleVersion }
        let sql = db as! any SQLDatabase
        struct Name: Decodable { let name: String }
        var ownerName: String?
        if let uid = input.responsibleUserId, action == .assign || change.issuesNotice {
            ownerName = try await sql.raw("SELECT display_name AS name FROM users WHERE id = \(bind: uid)").first(decoding: Name.self)?.name
            if ownerName == nil && action == .assign {
                throw SafeGridError.invalid(field: "responsibleUserId", "error.field.unknown_user")
            }
        }
        var townshipCode = "0"
        if change.issuesNotice {
            townshipCode = try await sql.raw("SELECT code AS name FROM grids WHERE id = \(bind: hazard.townshipId)")
                .first(decoding: Name.self)?.name ?? "0"
        }

        var updated = hazard
        let (next, recorded) = hazard.case.applying(change, input: input, at: now)
        updated.case = next
        var details = EventDetails(recorded)
        var notice: NoticeRow?
        if recorded.issuedNotice {
            notice = NoticeRow(hazardId: id, responsible: Self.responsible(input, ownerName: ownerName), input: input,
                               issuedBy: user.id, issuedAt: now)
            details.responsible = notice?.responsible
        }
        let event = HazardEventRow(
            hazardId: id, action: action, actorId: user.id, actorRole: user.role, occurredAt: now, fromState: change.from,
            toState: change.to, note: input.note.flatMap { $0.isEmpty ? nil : $0 }, latitude: coordinates?.latitude,
            longitude: coordinates?.longitude, details: "", attachmentIds: try JSONCoding.string(input.attachmentIds))
        return PreparedChange(service: self, hazard: hazard, version: version, attachmentIds: input.attachmentIds, user: user,
                              updated: updated, details: details, notice: notice, townshipCode: townshipCode, event: event,
                              year: CivilDate(now).year)
    }
}

/// An action decided and read for, waiting to be written: `apply` claims the version, writes
/// the hazard, its notice and its event, and moves the tallies, in the caller's transaction.
struct PreparedChange: Sendable {
    let service: HazardService
    let hazard: HazardSnapshot
    let version: Int
    let attachmentIds: [Int]
    let user: CurrentUser
    let updated: HazardSnapshot
    let details: EventDetails
    let notice: NoticeRow?
    let townshipCode: String
    let event: HazardEventRow
    let year: Int

    func apply(on tx: any Database) async throws -> HazardSnapshot {
        let id = hazard.id
        let (prepared, preparedDetails, preparedNotice, code) = (updated, details, notice, townshipCode)
        let sql = tx as! any SQLDatabase
        // Claim the version first: the row lock orders concurrent writers on PostgreSQL,
        // and a zero-row result means someone else got there between our read and now.
        struct Row: Decodable { let version: Int }
        guard let claimed = try await sql
            .raw("UPDATE hazards SET version = version + 1 WHERE id = \(bind: id) AND version = \(bind: version) RETURNING version")
            .first(decoding: Row.self) else { throw SafeGridError.staleVersion }

        try await service.linkAttachments(attachmentIds, to: id, by: user, on: tx)
        var updated = prepared
        var details = preparedDetails
        updated.version = claimed.version
        if var notice = preparedNotice {
            let sequence = try await Counter.next("notice:\(hazard.townshipId):\(year)", on: tx)
            notice.number = CaseNumber.notice(townshipCode: code, year: year, sequence: sequence)
            try await notice.insert(on: tx)
            updated.noticeNumber = notice.number
            details.noticeNumber = notice.number
        }
        try await sql.raw("""
            UPDATE hazards SET state = \(bind: updated.state.rawValue), deadline = \(bind: updated.deadline),
                rework_count = \(bind: updated.reworkCount), escalation = \(bind: updated.escalation),
                transferred_to = \(bind: updated.transferredTo?.rawValue), last_submitter_id = \(bind: updated.lastSubmitterId),
                closed_at = \(bind: updated.closedAt), responsible_name = \(bind: updated.responsibleName),
                responsible_phone = \(bind: updated.responsiblePhone), responsible_user_id = \(bind: updated.responsibleUserId),
                responsible_department = \(bind: updated.responsibleDepartment?.rawValue), requirement = \(bind: updated.requirement),
                plan = \(bind: updated.plan), notice_number = \(bind: updated.noticeNumber), updated_at = \(bind: updated.updatedAt)
            WHERE id = \(bind: id)
            """).run()
        try await HazardTallies.move(from: HazardTallies.key(of: hazard), to: HazardTallies.key(of: updated), on: tx)
        var event = event
        event.details = try JSONCoding.string(details)
        try await HazardEventRow.insert([event], on: tx)
        return updated
    }
}

extension HazardService {
    /// The name on the notice: as typed, else the chosen user's, else the department's.
    fileprivate static func responsible(_ input: ActionInput, ownerName: String?) -> String {
        if let name = input.responsibleName, !name.isEmpty { return name }
        if input.responsibleUserId != nil, let ownerName { return ownerName }
        if let department = input.responsibleDepartment { return Catalogue.label("department", department, .zhHans) }
        return ""
    }

    /// Evidence must be the user's own fresh uploads or already belong to this hazard.
    fileprivate func linkAttachments(_ ids: [Int], to hazardId: Int, by user: CurrentUser, on db: any Database) async throws {
        guard !ids.isEmpty else { return }
        let found = try await AttachmentRecord.query(on: db).filter(\.$id ~~ ids).all()
        let usable = found.filter { ($0.$hazard.id == nil && $0.$uploadedBy.id == user.id) || $0.$hazard.id == hazardId }
        guard Set(usable.compactMap(\.id)) == Set(ids) else {
            throw SafeGridError.invalid(field: "attachmentIds", "error.field.unknown_attachment")
        }
        for attachment in usable where attachment.$hazard.id == nil {
            attachment.$hazard.id = hazardId
            try await attachment.save(on: db)
        }
    }
}

/// A rectification notice (整改通知书) as the transaction inserts it.
struct NoticeRow: Sendable {
    var number = ""
    let hazardId: Int
    let responsible: String
    let responsiblePhone: String?
    let requirement: String
    let deadline: String
    let issuedBy: Int
    let issuedAt: Date

    init(hazardId: Int, responsible: String, input: ActionInput, issuedBy: Int, issuedAt: Date) {
        self.hazardId = hazardId
        self.responsible = responsible
        responsiblePhone = input.responsiblePhone
        requirement = input.requirement ?? ""
        deadline = input.deadline?.description ?? ""
        self.issuedBy = issuedBy
        self.issuedAt = issuedAt
    }

    func insert(on db: any Database) async throws {
        try await (db as! any SQLDatabase).insert(into: NoticeRecord.schema)
            .columns("number", "hazard_id", "responsible", "responsible_phone", "requirement", "deadline", "issued_by_id", "issued_at")
            .values([number, hazardId, responsible, responsiblePhone, requirement, deadline, issuedBy, issuedAt] as [any Encodable & Sendable])
            .run()
    }
}

/// An event as it is inserted (the log is append-only: rows are only ever inserted).
struct HazardEventRow: Sendable {
    var hazardId: Int
    let action: HazardAction
    let actorId: Int
    let actorRole: Role
    let occurredAt: Date
    let fromState: HazardState?
    let toState: HazardState
    let note: String?
    let latitude: Double?
    let longitude: Double?
    var details: String
    let attachmentIds: String

    static let columns = [
        "hazard_id", "action", "actor_id", "actor_role", "occurred_at", "from_state", "to_state", "note", "latitude", "longitude",
        "details", "attachment_ids", "chain_seq", "prev_hash", "hash",
    ]

    func values(seq: Int, previous: String, hash: String) -> [any Encodable & Sendable] {
        [hazardId, action.rawValue, actorId, actorRole.rawValue, occurredAt, fromState?.rawValue, toState.rawValue, note, latitude,
         longitude, details, attachmentIds, seq, previous, hash]
    }

    /// The content the chain hashes, in the order `HazardEventTrail.fields(of:)` reads it back.
    var trailFields: [String?] {
        [AuditTrail.field(hazardId), action.rawValue, AuditTrail.field(actorId), actorRole.rawValue, AuditTrail.field(occurredAt),
         fromState?.rawValue, toState.rawValue, note, AuditTrail.field(latitude), AuditTrail.field(longitude), details, attachmentIds]
    }

    /// One multi-row statement, appended to the trail's chain in the caller's transaction.
    static func insert(_ events: [HazardEventRow], on db: any Database) async throws {
        guard !events.isEmpty else { return }
        var head = try await TrailHead.claim(.hazardEvents, on: db)
        var insert = (db as! any SQLDatabase).insert(into: HazardEventRecord.schema).columns(columns)
        for event in events {
            let seq = head.seq + 1
            let hash = AuditTrail.hash(seq: seq, previous: head.hash, fields: event.trailFields)
            insert = insert.values(event.values(seq: seq, previous: head.hash, hash: hash))
            head = (seq, hash)
        }
        try await insert.run()
        try await TrailHead.advance(.hazardEvents, to: head, on: db)
    }
}

/// What an event records beyond its note, stored as JSON.
struct EventDetails: Codable, Sendable {

    var deadline: String?
    var noticeNumber: String?
    var responsible: String?
    var requirement: String?
    var department: String?
    var measure: String?
    var escalation: Int?
    var plan: GovernancePlan?
    /// A campaign tag (`HazardAction.campaign`): the campaign, and whether it was taken off.
    var campaignId: Int?
    var campaignName: String?
    var campaignRemoved: Bool?
}

extension EventDetails {
    /// What `HazardCase.applying` recorded, in the event's stored form.
    init(_ recorded: HazardCase.Recorded) {
        self.init(deadline: recorded.deadline?.description, requirement: recorded.requirement,
                  department: recorded.department?.rawValue, measure: recorded.measure?.rawValue,
                  escalation: recorded.escalation?.rawValue, plan: recorded.plan)
    }
}

enum JSONCoding {
    static func string<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) -> T? {
        try? JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
