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
                  link: (@Sendable (HazardRow, WriteTransaction) async throws -> Void)? = nil) async throws -> HazardRow {
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
            return try await registrations.register(registration, on: db, gate: gate, sqlite: sqlite)
        }
        return try await db.writeTransaction(gate: gate, sqlite: sqlite) { tx in
            let hazard = try await registration.insertAlone(in: tx)
            try await linkAttachments(draft.attachmentIds, to: hazard.id, by: user, on: tx)
            try await link?(hazard, tx)
            return hazard
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
             by user: CurrentUser) async throws -> HazardRow {
        try await act(on: try await HazardReads.visible(id, to: user, on: db), action, version: version, input: input, at: coordinates, by: user)
    }

    /// As `act(on:)` for a hazard the caller has already read (and found visible).
    func act(on hazard: HazardRow, _ action: HazardAction, version: Int, input: ActionInput, at coordinates: Coordinates?,
             by user: CurrentUser) async throws -> HazardRow {
        let prepared = try await prepare(action, on: hazard, version: version, input: input, at: coordinates, by: user, reading: db)
        defer { dashboards.invalidate() }
        return try await db.writeTransaction(gate: gate, sqlite: sqlite) { tx in try await prepared.apply(in: tx) }
    }

    /// Decides an action and reads what it needs (names, the township code) before any write;
    /// the result is applied inside whichever transaction the caller holds, so that a hazard
    /// can be registered and fixed on site in one.
    func prepare(_ action: HazardAction, on hazard: HazardRow, version: Int, input: ActionInput, at coordinates: Coordinates?,
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
    let hazard: HazardRow
    let version: Int
    let attachmentIds: [Int]
    let user: CurrentUser
    let updated: HazardRow
    let details: EventDetails
    let notice: NoticeRow?
    let townshipCode: String
    let event: HazardEventRow
    let year: Int

    func apply(in tx: WriteTransaction) async throws -> HazardRow {
        let id = hazard.id
        let (prepared, preparedDetails, preparedNotice, code) = (updated, details, notice, townshipCode)
        // Claim the version first: the row lock orders concurrent writers on PostgreSQL,
        // and a refused claim means someone else got there between our read and now.
        let claimed = try await HazardStore.claim(id, version: version, in: tx)
        try await service.linkAttachments(attachmentIds, to: id, by: user, on: tx)
        var updated = prepared
        var details = preparedDetails
        updated.version = claimed
        if var notice = preparedNotice {
            let sequence = try await Counter.next("notice:\(hazard.townshipId):\(year)", on: tx)
            notice.number = CaseNumber.notice(townshipCode: code, year: year, sequence: sequence)
            try await HazardStore.issue(notice, in: tx)
            updated.noticeNumber = notice.number
            details.noticeNumber = notice.number
        }
        try await HazardStore.save(updated, from: hazard, in: tx)
        try await HazardTallies.move(from: HazardTallies.key(of: hazard), to: HazardTallies.key(of: updated), on: tx)
        var event = event
        event.details = try JSONCoding.string(details)
        try await HazardStore.append([event], in: tx)
        try await MessageStore.tell(of: event.action, before: hazard, after: updated, note: event.note, by: user, at: event.occurredAt, in: tx)
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
    fileprivate func linkAttachments(_ ids: [Int], to hazardId: Int, by user: CurrentUser, on tx: WriteTransaction) async throws {
        guard !ids.isEmpty else { return }
        let found = try await AttachmentRecord.query(on: tx).filter(\.$id ~~ ids).all()
        let usable = found.filter { ($0.hazardId == nil && $0.$uploadedBy.id == user.id) || $0.hazardId == hazardId }
        guard Set(usable.compactMap(\.id)) == Set(ids) else {
            throw SafeGridError.invalid(field: "attachmentIds", "error.field.unknown_attachment")
        }
        for attachment in usable where attachment.hazardId == nil {
            attachment.hazardId = hazardId
            try await attachment.save(on: tx)
        }
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
