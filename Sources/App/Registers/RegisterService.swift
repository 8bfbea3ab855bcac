import Fluent
import Foundation
import SafeGridDomain

/// Writes to the activity, accident and public report registers after checking the input
/// and the user's right to record in the grid (`RegisterPermissions`).
struct RegisterService {
    let db: any Database
    let today: CivilDate
    /// When the change happens, for the register trail.
    var now = Date()
    /// The writer behind the gate; `.joined` inside a transaction the caller holds.
    var writes = WritePath.joined

    /// Records an activity, or (with `existing`) corrects it: fields left out keep their value.
    /// Each save goes on the register trail with the entry as saved.
    func saveActivity(_ body: ActivityRequest, existing: ActivityRecord?, by actor: Actor) async throws -> ActivityRecord {
        if existing?.voidedAt != nil { throw SafeGridError(.conflict, "error.register.voided") }
        var errors = FieldErrors()
        let kind = Choice.parse(ActivityKind.self, body.kind ?? existing?.kind.rawValue, "kind", &errors)
        let title = text(body.title ?? existing?.title, "title", max: 200, &errors)
        let venue = text(body.venue ?? existing?.venue, "venue", max: 200, &errors)
        let day = date(body.heldOn ?? existing?.heldOn, "heldOn", &errors)
        RegisterRules.validatePeople(body.people ?? existing?.people, field: "people", into: &errors)
        let note = optionalText(body.note ?? existing?.note, "note", max: 2000, &errors)
        let grid = try await self.grid(body.gridId ?? existing?.$grid.id, .activities, actor, &errors)
        try errors.throwIfAny()
        let record = existing ?? ActivityRecord()
        record.kind = kind!; record.title = title!; record.venue = venue!; record.heldOn = day!.description
        record.people = body.people ?? existing?.people ?? 0; record.note = note
        record.$grid.id = try grid!.requireID(); record.gridPath = grid!.path
        if existing == nil { record.$createdBy.id = actor.userId }
        record.$grid.value = grid
        try await saved(record, .activity, created: existing == nil, by: actor) { ActivityDTO(record) }
        return record
    }

    /// Records an accident, or (with `existing`) corrects it, as `saveActivity`.
    func saveAccident(_ body: AccidentRequest, existing: AccidentRecord? = nil, by actor: Actor) async throws -> AccidentRecord {
        if existing?.voidedAt != nil { throw SafeGridError(.conflict, "error.register.voided") }
        var errors = FieldErrors()
        let type = Choice.parse(AccidentType.self, body.type ?? existing?.type.rawValue, "type", &errors)
        let liability = Choice.parse(AccidentLiability.self, body.liability ?? existing?.liability.rawValue, "liability", &errors)
        let venue = text(body.venue ?? existing?.venue, "venue", max: 200, &errors)
        let description = text(body.description ?? existing?.description, "description", max: 4000, &errors)
        let day = date(body.occurredOn ?? existing?.occurredOn, "occurredOn", &errors)
        let deaths = body.deaths ?? existing?.deaths ?? 0
        let injuries = body.injuries ?? existing?.injuries ?? 0
        RegisterRules.validatePeople(deaths, field: "deaths", into: &errors)
        RegisterRules.validatePeople(injuries, field: "injuries", into: &errors)
        let grid = try await self.grid(body.gridId ?? existing?.$grid.id, .accidents, actor, &errors)
        try errors.throwIfAny()
        let record = existing ?? AccidentRecord()
        record.type = type!; record.liability = liability!; record.venue = venue!; record.description = description!
        record.occurredOn = day!.description; record.deaths = deaths; record.injuries = injuries
        record.$grid.id = try grid!.requireID(); record.gridPath = grid!.path
        if existing == nil { record.$createdBy.id = actor.userId }
        record.$grid.value = grid
        try await saved(record, .accident, created: existing == nil, by: actor) { AccidentDTO(record) }
        return record
    }

    /// Voids an activity or accident entered by mistake: it stays in the register with the
    /// reason and counts in no figure from then on. Voiding twice is a conflict.
    func void<R: VoidableRecord>(_ record: R, reason: String?, by actor: Actor) async throws {
        guard RegisterPermissions.mayRecord(R.register, actor, gridPath: record.gridPath) else { throw SafeGridError.forbidden }
        if record.voidedAt != nil { throw SafeGridError(.conflict, "error.register.voided") }
        var errors = FieldErrors()
        let reason = text(reason, "reason", max: 500, &errors)
        try errors.throwIfAny()
        let now = self.now
        record.voidedAt = now; record.voidReason = reason
        try await writes.transaction(on: db) { tx in
            try await record.save(on: tx)
            try await RegisterTrail.append(R.trail, recordId: try record.requireID(), .voided, actorId: actor.userId, at: now,
                                           snapshot: record.snapshot, on: tx)
        }
    }

    /// Saves `record` and appends it to the register trail in one transaction.
    private func saved<M: Model>(_ record: M, _ trail: RegisterTrail.Register, created: Bool, by actor: Actor,
                                 snapshot: @escaping @Sendable () -> some Encodable & Sendable) async throws where M.IDValue == Int {
        let now = self.now
        try await writes.transaction(on: db) { tx in
            try await record.save(on: tx)
            try await RegisterTrail.append(trail, recordId: try record.requireID(), created ? .created : .updated,
                                           actorId: actor.userId, at: now, snapshot: snapshot(), on: tx)
        }
    }

    /// Records a report, or (with `existing`) completes it: handled day, reply, linked hazard.
    func saveReport(_ body: PublicReportRequest, existing: PublicReportRecord?, by actor: Actor) async throws -> PublicReportRecord {
        var errors = FieldErrors()
        let channel = Choice.parse(ReportChannel.self, body.channel ?? existing?.channel.rawValue, "channel", &errors)
        let content = text(body.content ?? existing?.content, "content", max: 4000, &errors)
        let received = date(body.receivedOn ?? existing?.receivedOn, "receivedOn", &errors)
        let handledRaw = body.handledOn ?? existing?.handledOn
        var handled: CivilDate?
        if let handledRaw, !handledRaw.isEmpty { handled = date(handledRaw, "handledOn", &errors) }
        RegisterRules.validateHandled(received: received, handled: handled, into: &errors)
        let reply = optionalText(body.reply ?? existing?.reply, "reply", max: 4000, &errors)
        if handled != nil && reply == nil { errors.add("reply", "error.register.reply_required") }
        let reporter = optionalText(body.reporter ?? existing?.reporter, "reporter", max: 100, &errors)
        let grid = try await self.grid(body.gridId ?? existing?.$grid.id, .publicReports, actor, &errors)
        var hazardId = body.hazardId ?? existing?.hazardId
        if hazardId == 0 { hazardId = nil }
        if let hazardId {
            let hazard = try await HazardStore.find(hazardId, on: db)
            if hazard.map({ !actor.covers(gridPath: $0.gridPath) }) ?? true { errors.add("hazardId", "error.register.unknown_hazard") }
        }
        try errors.throwIfAny()
        let record = existing ?? PublicReportRecord()
        record.channel = channel!; record.content = content!; record.receivedOn = received!.description
        record.handledOn = handled?.description; record.reply = reply; record.reporter = reporter
        record.hazardId = hazardId
        record.$grid.id = try grid!.requireID(); record.gridPath = grid!.path
        if existing == nil { record.$createdBy.id = actor.userId }
        record.$grid.value = grid
        let now = self.now
        try await writes.transaction(on: db) { tx in
            try await record.save(on: tx)
            try await RegisterTrail.append(.publicReport, recordId: try record.requireID(), existing == nil ? .created : .updated,
                                           actorId: actor.userId, at: now, snapshot: PublicReportDTO(record), on: tx)
        }
        return record
    }

    private func text(_ value: String?, _ field: String, max: Int, _ errors: inout FieldErrors) -> String? {
        let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if trimmed.isEmpty { errors.add(field, "error.field.required"); return nil }
        if trimmed.count > max { errors.add(field, "error.field.too_long", args: ["\(max)"]); return nil }
        return trimmed
    }

    private func optionalText(_ value: String?, _ field: String, max: Int, _ errors: inout FieldErrors) -> String? {
        let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if trimmed.count > max { errors.add(field, "error.field.too_long", args: ["\(max)"]) }
        return trimmed.isEmpty ? nil : trimmed
    }

    private func date(_ raw: String?, _ field: String, _ errors: inout FieldErrors) -> CivilDate? {
        guard let raw, !raw.isEmpty else { errors.add(field, "error.field.required"); return nil }
        guard let day = CivilDate(iso: raw), raw.count == 10 else { errors.add(field, "error.field.date"); return nil }
        RegisterRules.validatePast(day, today: today, field: field, into: &errors)
        return day
    }

    /// The grid, if it exists and the user may record there; otherwise a field error (a grid
    /// outside the user's reach is reported as unknown, as elsewhere).
    private func grid(_ id: Int?, _ register: Register, _ actor: Actor, _ errors: inout FieldErrors) async throws -> GridRecord? {
        guard let id else { errors.add("gridId", "error.field.required"); return nil }
        guard let grid = try await GridRecord.find(id, on: db), actor.covers(gridPath: grid.path) else {
            errors.add("gridId", "error.field.unknown_grid"); return nil
        }
        guard RegisterPermissions.mayRecord(register, actor, gridPath: grid.path) else { throw SafeGridError.forbidden }
        return grid
    }
}

/// The registers whose entries are voided rather than deleted (activities, accidents).
protocol VoidableRecord: Model, Sendable where IDValue == Int {
    static var register: Register { get }
    static var trail: RegisterTrail.Register { get }
    var gridPath: String { get }
    var voidedAt: Date? { get set }
    var voidReason: String? { get set }
    /// The entry as the API shows it, for the trail.
    var snapshot: any Encodable & Sendable { get }
}

extension ActivityRecord: VoidableRecord {
    static var register: Register { .activities }
    static var trail: RegisterTrail.Register { .activity }
    var snapshot: any Encodable & Sendable { ActivityDTO(self) }
}

extension AccidentRecord: VoidableRecord {
    static var register: Register { .accidents }
    static var trail: RegisterTrail.Register { .accident }
    var snapshot: any Encodable & Sendable { AccidentDTO(self) }
}
