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

    /// A hazard the user may see, or 404 (also when it exists outside their scope).
    func visible(_ id: Int, to user: CurrentUser) async throws -> HazardRecord {
        guard let hazard = try await HazardRecord.find(id, on: db), Permissions.canView(user.actor, hazard.facts) else {
            throw SafeGridError.notFound
        }
        return hazard
    }

    /// Records a new hazard with its number and its `register` event. `link` runs inside the
    /// same transaction once the hazard exists, so whatever it points at (an inspection item)
    /// is claimed together with the hazard or not at all.
    func register(_ draft: HazardDraft, by user: CurrentUser,
                  link: (@Sendable (HazardRecord, any Database) async throws -> Void)? = nil) async throws -> HazardRecord {
        let now = self.now
        // The place, grid and township are read and checked before the write begins: on SQLite
        // every statement inside it holds the one writer that all registrations queue for.
        let location = try await HazardLocation.resolve(draft, user: user, on: db)
        guard Permissions.mayRegister(user.actor, gridPath: location.gridPath, placeId: location.placeId, source: draft.source) else {
            if user.actor.covers(gridPath: location.gridPath) || user.role == .enterprise {
                throw SafeGridError.invalid(field: "source", "error.field.not_allowed_source")
            }
            throw SafeGridError.invalid(field: "gridId", "error.field.unknown_grid")
        }
        let registration = try Registration(draft, by: user, at: location, now: now)
        defer { dashboards.invalidate() }
        // Plain registrations are committed in groups (see RegistrationQueue); those that claim
        // evidence or an inspection item run on their own, with those checks in the transaction.
        if link == nil && draft.attachmentIds.isEmpty {
            return try await registrations.register(registration, on: db, gate: gate, sqlite: sqlite)
        }
        return try await db.writeTransaction(gate: gate, sqlite: sqlite) { tx in
            let hazard = try await registration.insertAlone(on: tx)
            try await linkAttachments(draft.attachmentIds, to: hazard, by: user, on: tx)
            try await link?(hazard, tx)
            return hazard
        }
    }

    /// Applies an action. A stale `version` or a concurrent change is a 409; exactly one of
    /// two simultaneous actions on the same version wins.
    func act(on id: Int, _ action: HazardAction, version: Int, input: ActionInput, at coordinates: Coordinates?,
             by user: CurrentUser) async throws -> HazardRecord {
        let now = self.now
        let today = self.today
        // Everything that only reads is done before the write begins (on SQLite the writer is
        // one lock that every change queues for). The version claim inside the transaction
        // then proves the row is still the one read here: every change bumps the version.
        guard let hazard = try await HazardRecord.find(id, on: db), Permissions.canView(user.actor, hazard.facts) else {
            throw SafeGridError.notFound
        }
        let change = try HazardRules.decide(action, input: input, hazard: hazard.facts, actor: user.actor, today: today)
        guard hazard.version == version else { throw SafeGridError.staleVersion }
        var owner: UserRecord?
        if let uid = input.responsibleUserId, action == .assign || change.issuesNotice {
            owner = try await UserRecord.find(uid, on: db)
            if owner == nil && action == .assign {
                throw SafeGridError.invalid(field: "responsibleUserId", "error.field.unknown_user")
            }
        }
        let townshipCode = change.issuesNotice ? try await GridRecord.find(hazard.$township.id, on: db)?.code : nil
        let noticeDraft = change.issuesNotice
            ? NoticeDraft(townshipCode: townshipCode ?? "0", responsible: Self.responsible(input, owner: owner)) : nil

        defer { dashboards.invalidate() }
        return try await db.writeTransaction(gate: gate, sqlite: sqlite) { tx in
            // Claim the version first: the row lock orders concurrent writers on PostgreSQL,
            // and a zero-row result means someone else got there between our read and now.
            struct Row: Decodable { let version: Int }
            let claimed = try await (tx as! any SQLDatabase)
                .raw("UPDATE hazards SET version = version + 1 WHERE id = \(bind: id) AND version = \(bind: version) RETURNING version")
                .first(decoding: Row.self)
            guard let claimed else { throw SafeGridError.staleVersion }

            try await linkAttachments(input.attachmentIds, to: hazard, by: user, on: tx)

            var details = EventDetails()
            let tallyBefore = HazardTallies.key(of: hazard)
            hazard.version = claimed.version
            hazard.state = change.to
            if let deadline = change.deadline {
                hazard.deadline = deadline.description
                details.deadline = deadline.description
            }
            if change.addsRework { hazard.reworkCount += 1 }
            if let level = change.escalation {
                hazard.escalation = level.rawValue
                details.escalation = level.rawValue
            }
            if let department = change.transferredTo {
                hazard.transferredTo = department
                details.department = department.rawValue
            }
            if let submitter = change.lastSubmitterId { hazard.lastSubmitterId = submitter }
            if change.closes { hazard.closedAt = now }
            details.measure = input.measure?.rawValue
            if change.issuesNotice {
                hazard.responsibleName = input.responsibleName
                hazard.responsiblePhone = input.responsiblePhone
                hazard.responsibleUserId = input.responsibleUserId
                hazard.responsibleDepartment = input.responsibleDepartment
                hazard.requirement = input.requirement
                if let plan = input.plan { hazard.plan = try JSONCoding.string(plan) }
                let notice = try await issueNotice(noticeDraft!, for: hazard, input: input, by: user, on: tx)
                hazard.noticeNumber = notice.number
                details.noticeNumber = notice.number
                details.responsible = notice.responsible
                details.requirement = input.requirement
                details.plan = input.plan
            }
            try await hazard.save(on: tx)
            try await HazardTallies.move(from: tallyBefore, to: HazardTallies.key(of: hazard), on: tx)

            let event = HazardEventRecord()
            event.$hazard.id = id
            event.action = action
            event.$actor.id = user.id
            event.actorRole = user.role
            event.occurredAt = now
            event.fromState = change.from
            event.toState = change.to
            event.note = input.note.flatMap { $0.isEmpty ? nil : $0 }
            event.latitude = coordinates?.latitude
            event.longitude = coordinates?.longitude
            event.details = try JSONCoding.string(details)
            event.attachmentIds = try JSONCoding.string(input.attachmentIds)
            try await event.create(on: tx)
            return hazard
        }
    }

    /// What a rectification notice needs from outside the transaction.
    private struct NoticeDraft: Sendable {
        let townshipCode: String
        let responsible: String
    }

    /// The name on the notice: as typed, else the chosen user's, else the department's.
    private static func responsible(_ input: ActionInput, owner: UserRecord?) -> String {
        if let name = input.responsibleName, !name.isEmpty { return name }
        if input.responsibleUserId != nil, let owner { return owner.displayName }
        if let department = input.responsibleDepartment { return Catalogue.label("department", department, .zhHans) }
        return ""
    }

    private func issueNotice(_ draft: NoticeDraft, for hazard: HazardRecord, input: ActionInput, by user: CurrentUser,
                             on tx: any Database) async throws -> NoticeRecord {
        let year = CivilDate(now).year
        let sequence = try await Counter.next("notice:\(hazard.$township.id):\(year)", on: tx)
        let notice = NoticeRecord()
        notice.number = CaseNumber.notice(townshipCode: draft.townshipCode, year: year, sequence: sequence)
        notice.$hazard.id = try hazard.requireID()
        notice.responsible = draft.responsible
        notice.responsiblePhone = input.responsiblePhone
        notice.requirement = input.requirement ?? ""
        notice.deadline = input.deadline?.description ?? ""
        notice.$issuedBy.id = user.id
        notice.issuedAt = now
        try await notice.create(on: tx)
        return notice
    }

    /// Evidence must be the user's own fresh uploads or already belong to this hazard.
    private func linkAttachments(_ ids: [Int], to hazard: HazardRecord, by user: CurrentUser, on db: any Database) async throws {
        guard !ids.isEmpty else { return }
        let hazardId = try hazard.requireID()
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
