import Fluent
import SQLKit
import Foundation
import SafeGridDomain
import Vapor

/// Every change to an inspection goes through here: load, ask the domain rules, write in one
/// transaction. Hazards made from failed items go through `HazardService`, never around it.
struct InspectionService {
    let db: any Database
    let gate: WriteGate
    let sqlite: Bool
    let now: Date
    let hazards: HazardService

    init(req: Request) {
        db = req.db; gate = req.application.writeGate; sqlite = req.application.isSQLite; now = req.now
        hazards = HazardService(req: req)
    }

    init(app: Application, now: Date? = nil) {
        db = app.db; gate = app.writeGate; sqlite = app.isSQLite
        self.now = now ?? app.clock.now()
        hazards = HazardService(app: app, now: self.now)
    }

    /// An inspection the user may see with its inspectors' ids, or 404.
    func visible(_ id: Int, to user: CurrentUser, on db: (any Database)? = nil) async throws -> (InspectionRecord, [Int]) {
        let db = db ?? self.db
        guard let inspection = try await InspectionRecord.find(id, on: db) else { throw SafeGridError.notFound }
        let inspectors = try await InspectionInspectorRecord.query(on: db).filter(\.$inspection.$id == id).all().map(\.$user.id)
        guard InspectionRules.canView(user.actor, inspection.facts(inspectorIds: inspectors)) else { throw SafeGridError.notFound }
        return (inspection, inspectors)
    }

    /// Starts an inspection at a place with a copy of the checklist's current version.
    /// `start`, or the user's open inspection of the place when the start continues it
    /// (`InspectionRules.continues`); `continued` says which.
    func startOrContinue(_ body: InspectionStartRequest, by user: CurrentUser) async throws -> (InspectionRecord, continued: Bool) {
        if let placeId = body.placeId {
            let open = try await InspectionQuery.open(of: user.id, placeId: placeId, on: db).map(\.id)
            if let id = InspectionRules.continues(openAtPlace: open, startedAtGiven: body.startedAt != nil),
               let record = try await InspectionRecord.find(id, on: db) {
                return (record, true)
            }
        }
        return (try await start(body, by: user), false)
    }

    func start(_ body: InspectionStartRequest, by user: CurrentUser) async throws -> InspectionRecord {
        var errors = FieldErrors()
        let kinds = InspectionRules.kinds(for: user.role)
        guard !kinds.isEmpty else { throw SafeGridError.forbidden }
        var kind = InspectionRules.defaultKind(for: user.role)
        if let raw = body.kind, !raw.isEmpty {
            kind = Choice.parse(InspectionKind.self, raw, "kind", &errors)
            if let k = kind, !kinds.contains(k) { errors.add("kind", "error.inspection.kind_not_allowed") }
        }
        if body.placeId == nil { errors.add("placeId", "error.field.required") }
        let startedAt = body.startedAt ?? now
        // A few minutes of clock drift on a phone is not the future; a year back is a typo.
        if startedAt > now.addingTimeInterval(300) { errors.add("startedAt", "error.inspection.future") }
        if startedAt < now.addingTimeInterval(-366 * 86_400) { errors.add("startedAt", "error.inspection.too_old") }
        if let p = body.partners, p.count > 500 { errors.add("partners", "error.field.too_long", args: ["500"]) }
        if let c = body.campaignId, c <= 0 { errors.add("campaignId", "error.field.invalid") }
        if (body.inspectorIds?.count ?? 0) > InspectionRules.maxCoInspectors {
            errors.add("inspectorIds", "error.field.too_many", args: ["\(InspectionRules.maxCoInspectors)"])
        }
        if (body.latitude == nil) != (body.longitude == nil) { errors.add("longitude", "error.field.coordinates") }
        if let lat = body.latitude, let lon = body.longitude, !Validation.isCoordinate(latitude: lat, longitude: lon) {
            errors.add("latitude", "error.field.coordinates")
        }
        try errors.throwIfAny()
        let chosenKind = kind!

        return try await db.writeTransaction(gate: gate, sqlite: sqlite) { tx in
            guard let place = try await PlaceRecord.find(body.placeId, on: tx),
                  user.actor.covers(gridPath: place.gridPath) || user.actor.placeIds.contains(place.id ?? -1) else {
                throw SafeGridError.invalid(field: "placeId", "error.field.unknown_place")
            }
            guard InspectionRules.mayStart(user.actor, kind: chosenKind, gridPath: place.gridPath, placeId: try place.requireID()) else {
                throw SafeGridError.forbidden
            }
            let template = try await Self.template(body.templateId, for: place.category, on: tx)
            let co = Array(Set(body.inspectorIds ?? []).subtracting([user.id])).sorted()
            if !co.isEmpty {
                let found = try await UserRecord.query(on: tx).filter(\.$id ~~ co).filter(\.$active == true).all()
                guard found.count == co.count else { throw SafeGridError.invalid(field: "inspectorIds", "error.field.unknown_user") }
                for record in found {
                    let coInspector = try await CurrentUser.load(record, on: tx)
                    guard InspectionRules.mayJoin(coInspector.actor, gridPath: place.gridPath) else {
                        throw SafeGridError.invalid(field: "inspectorIds", "error.inspection.co_inspector_scope", args: [record.displayName])
                    }
                }
            }
            if let campaignId = body.campaignId {
                guard let campaign = try await CampaignRecord.find(campaignId, on: tx),
                      InspectionRules.mayFileUnder(user.actor, campaignPath: campaign.gridPath, placeGridPath: place.gridPath) else {
                    throw SafeGridError.invalid(field: "campaignId", "error.inspection.campaign_scope")
                }
            }

            let inspection = InspectionRecord()
            inspection.$place.id = try place.requireID()
            inspection.$grid.id = place.$grid.id
            inspection.gridPath = place.gridPath
            inspection.placeCategory = place.category
            inspection.kind = chosenKind
            inspection.$template.id = try template.requireID()
            inspection.templateVersion = template.version
            inspection.$leadInspector.id = user.id
            inspection.partners = body.partners.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
            inspection.startedAt = startedAt
            inspection.night = body.night ?? InspectionRules.isNight(startedAt)
            inspection.campaignId = body.campaignId
            inspection.latitude = body.latitude ?? place.latitude
            inspection.longitude = body.longitude ?? place.longitude
            inspection.failedCount = 0
            try await inspection.create(on: tx)
            let id = try inspection.requireID()
            try await ([user.id] + co).map { InspectionInspectorRecord(inspectionId: id, userId: $0) }.create(on: tx)
            let items = try await ChecklistItemRecord.query(on: tx).filter(\.$template.$id == template.requireID())
                .sort(\.$position).all()
            try await items.map { source in
                let item = InspectionItemRecord()
                item.$inspection.id = id
                item.position = source.position
                item.topic = source.topic
                item.text = source.text
                item.requiresPhoto = source.requiresPhoto
                item.hazardCategory = source.hazardCategory
                item.fixedOnSite = false
                return item
            }.create(on: tx)
            return inspection
        }
    }

    /// The chosen template (must be a current version), else the current one for the
    /// category, else the general one.
    static func template(_ id: Int?, for category: PlaceCategory, on db: any Database) async throws -> ChecklistTemplateRecord {
        if let id {
            guard let chosen = try await ChecklistTemplateRecord.find(id, on: db), chosen.active else {
                throw SafeGridError.invalid(field: "templateId", "error.inspection.unknown_template")
            }
            return chosen
        }
        for candidate in [category, .other] {
            if let found = try await ChecklistTemplateRecord.query(on: db).filter(\.$category == candidate)
                .filter(\.$active == true).sort(\.$id, .descending).first() {
                return found
            }
        }
        throw SafeGridError.invalid(field: "templateId", "error.inspection.unknown_template")
    }

    /// Records results of some items while the inspection is under way.
    func record(_ id: Int, _ results: [ItemResultRequest], by user: CurrentUser) async throws -> InspectionRecord {
        try await db.writeTransaction(gate: gate, sqlite: sqlite) { tx in
            let (inspection, inspectors) = try await visible(id, to: user, on: tx)
            guard InspectionRules.mayRecord(user.actor, inspection.facts(inspectorIds: inspectors)) else { throw Self.closed(inspection) }
            try await apply(results, to: inspection, by: user, on: tx)
            return inspection
        }
    }

    /// Records the last results and closes the inspection: every item needs a result, and a
    /// finished inspection is a visit (家次) from then on.
    func finish(_ id: Int, _ body: InspectionFinishRequest, by user: CurrentUser) async throws -> InspectionRecord {
        let now = self.now
        return try await db.writeTransaction(gate: gate, sqlite: sqlite) { tx in
            let (inspection, inspectors) = try await visible(id, to: user, on: tx)
            guard InspectionRules.mayRecord(user.actor, inspection.facts(inspectorIds: inspectors)) else { throw Self.closed(inspection) }
            try await apply(body.items ?? [], to: inspection, by: user, on: tx)
            var errors = FieldErrors()
            let endedAt = body.endedAt ?? now
            if endedAt < inspection.startedAt { errors.add("endedAt", "error.inspection.ends_before_start") }
            if endedAt > now.addingTimeInterval(300) { errors.add("endedAt", "error.inspection.future") }
            if let note = body.note, note.count > 4000 { errors.add("note", "error.field.too_long", args: ["4000"]) }
            let items = try await InspectionItemRecord.query(on: tx).filter(\.$inspection.$id == id).sort(\.$position).all()
            let open = InspectionRules.unanswered(items.map { $0.answer(photos: 0) })
            if open > 0 { errors.add("items", "error.inspection.unanswered", args: ["\(open)"]) }
            try errors.throwIfAny()
            inspection.endedAt = endedAt
            inspection.note = body.note.flatMap { $0.isEmpty ? nil : $0 }
            inspection.failedCount = items.filter { $0.result == .fail }.count
            try await inspection.save(on: tx)
            return inspection
        }
    }

    /// Calls off an open inspection with a reason (`InspectionRules.mayCancel`). Its answers and
    /// photos stay as they were; it counts as no visit.
    func cancel(_ id: Int, _ body: InspectionCancelRequest, by user: CurrentUser) async throws -> InspectionRecord {
        var errors = FieldErrors()
        InspectionRules.validateCancelReason(body.reason, errors: &errors)
        try errors.throwIfAny()
        let now = self.now
        return try await db.writeTransaction(gate: gate, sqlite: sqlite) { tx in
            let (inspection, inspectors) = try await visible(id, to: user, on: tx)
            guard InspectionRules.mayCancel(user.actor, inspection.facts(inspectorIds: inspectors)) else { throw Self.closed(inspection) }
            inspection.cancelledAt = now
            inspection.cancelledById = user.id
            inspection.cancelReason = body.reason?.trimmingCharacters(in: .whitespacesAndNewlines)
            try await inspection.save(on: tx)
            return inspection
        }
    }

    /// Why an inspection refuses a change: it is over (409), or the user is not one of its inspectors (403).
    static func closed(_ inspection: InspectionRecord) -> SafeGridError {
        if inspection.cancelled { return SafeGridError(.conflict, "error.inspection.cancelled") }
        if inspection.finished { return SafeGridError(.conflict, "error.inspection.finished") }
        return .forbidden
    }

    private func apply(_ results: [ItemResultRequest], to inspection: InspectionRecord, by user: CurrentUser, on tx: any Database) async throws {
        guard !results.isEmpty else { return }
        let inspectionId = try inspection.requireID()
        let items = try await InspectionItemRecord.query(on: tx).filter(\.$inspection.$id == inspectionId).all()
        let byId = Dictionary(uniqueKeysWithValues: items.compactMap { item in item.id.map { ($0, item) } })
        var errors = FieldErrors()
        for (i, body) in results.enumerated() {
            let field = "items.\(i)"
            guard let itemId = body.itemId, let item = byId[itemId] else {
                errors.add("\(field).itemId", "error.inspection.unknown_item")
                continue
            }
            guard let result = Choice.parse(ItemResult.self, body.result, "\(field).result", &errors) else { continue }
            let newPhotos = try await claimPhotos(body.attachmentIds ?? [], item: item, inspectionId: inspectionId, by: user,
                                                  field: "\(field).photos", errors: &errors, on: tx)
            let existing = try await InspectionPhotoRecord.query(on: tx).filter(\.$item.$id == itemId).count()
            item.result = result
            item.note = body.note.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
            InspectionRules.validate(item.answer(photos: existing + newPhotos.count), field: field, errors: &errors)
            if errors.items.isEmpty {
                try await item.save(on: tx)
                try await newPhotos.create(on: tx)
            }
        }
        try errors.throwIfAny()
    }

    /// Photos must be the user's own uploads, not yet evidence of anything else.
    private func claimPhotos(_ ids: [Int], item: InspectionItemRecord, inspectionId: Int, by user: CurrentUser, field: String,
                             errors: inout FieldErrors, on tx: any Database) async throws -> [InspectionPhotoRecord] {
        let wanted = Array(Set(ids))
        guard !wanted.isEmpty else { return [] }
        let itemId = try item.requireID()
        let found = try await AttachmentRecord.query(on: tx).filter(\.$id ~~ wanted).filter(\.$uploadedBy.$id == user.id)
            .filter(\.$hazardId == nil).all()
        let taken = try await InspectionPhotoRecord.query(on: tx).filter(\.$attachment.$id ~~ wanted).all()
        let takenElsewhere = taken.filter { $0.$item.id != itemId }
        guard found.count == wanted.count, takenElsewhere.isEmpty else {
            errors.add(field, "error.field.unknown_attachment")
            return []
        }
        let already = Set(taken.map(\.$attachment.id))
        return wanted.filter { !already.contains($0) }.sorted()
            .map { InspectionPhotoRecord(inspectionId: inspectionId, itemId: itemId, attachmentId: $0) }
    }

    /// Turns a failed item into a hazard in one step: registered through `HazardService` with
    /// the item's text, note, category and photos, from the ledger of the inspection's kind;
    /// closed at once with `fix_on_site` when it was fixed on the spot.
    func raiseHazard(inspectionId: Int, itemId: Int, _ body: InspectionHazardRequest, by user: CurrentUser) async throws -> HazardRow {
        let (inspection, inspectors) = try await visible(inspectionId, to: user)
        guard let item = try await InspectionItemRecord.query(on: db).filter(\.$id == itemId)
            .filter(\.$inspection.$id == inspectionId).first() else { throw SafeGridError.notFound }
        guard InspectionRules.mayRaiseHazard(user.actor, inspection.facts(inspectorIds: inspectors)) else { throw SafeGridError.forbidden }
        guard item.result == .fail else { throw SafeGridError(.conflict, "error.inspection.item_not_failed") }
        guard item.hazardId == nil else { throw SafeGridError(.conflict, "error.inspection.hazard_exists") }

        let note = item.note ?? ""
        let photos = try await InspectionPhotoRecord.query(on: db).filter(\.$item.$id == itemId).all().map(\.$attachment.id)
        // Only the caller's own photos can travel to the hazard (the hazard rules ask that of evidence).
        let own = photos.isEmpty ? [] : try await AttachmentRecord.query(on: db).filter(\.$id ~~ photos)
            .filter(\.$uploadedBy.$id == user.id).filter(\.$hazardId == nil).all().compactMap(\.id)
        let description = body.description.flatMap { $0.isEmpty ? nil : $0 }
            // Records are kept in Chinese, whatever the language of the page that made them.
            ?? Catalogue.text("inspection.hazard_description", .zhHans, [item.topic, item.text])
                + (note.isEmpty ? "" : "\n" + Catalogue.text("inspection.hazard_finding", .zhHans, [note]))
        let fixed = body.fixedOnSite ?? false
        let evidence = body.attachmentIds ?? []
        // Photos sent without 现场整改 show the hazard as found: they go with it, never dropped.
        let sitePhotos = fixed ? own : own + evidence
        let request = HazardCreateRequest(
            title: body.title.flatMap { $0.isEmpty ? nil : $0 } ?? InspectionRules.hazardTitle(itemText: item.text, note: note),
            description: description, category: body.category.flatMap { $0.isEmpty ? nil : $0 } ?? item.hazardCategory.rawValue,
            grade: body.grade.flatMap { $0.isEmpty ? nil : $0 } ?? HazardGrade.general.rawValue,
            source: inspection.kind.hazardSource.rawValue, placeId: inspection.$place.id,
            latitude: inspection.latitude, longitude: inspection.longitude, discoveredAt: inspection.startedAt, attachmentIds: sitePhotos.sorted())
        let draft = try HazardDraft(request)
        if fixed {
            // Checked before anything is written, so a refused fix leaves no half-made hazard.
            if draft.grade == .major { throw SafeGridError(.conflict, "error.major_cannot_fix_on_site") }
            if evidence.isEmpty { throw SafeGridError.invalid(field: "attachmentIds", "error.evidence.required") }
        }

        // The item is claimed in the hazard's own transaction: of two people converting the
        // same item at once, one gets the hazard and the other a 409, and no number is spent.
        // Fixed on site, the fix and the item's mark go in the same transaction too: a hazard
        // is never left registered-but-not-fixed by a failure half-way.
        let fixInput = ActionInput(note: body.note.flatMap { $0.isEmpty ? nil : $0 } ?? note, attachmentIds: evidence)
        let hazard = try await hazards.register(draft, by: user) { [hazards] hazard, tx in
            struct Claimed: Decodable { let id: Int }
            let claimed = try await tx.raw("""
                UPDATE inspection_items SET hazard_id = \(bind: hazard.id) WHERE id = \(bind: itemId) AND hazard_id IS NULL RETURNING id
                """).all(decoding: Claimed.self)
            guard !claimed.isEmpty else { throw SafeGridError(.conflict, "error.inspection.hazard_exists") }
            guard fixed else { return }
            let fix = try await hazards.prepare(.fixOnSite, on: hazard, version: hazard.version, input: fixInput, at: nil,
                                                by: user, reading: tx)
            _ = try await fix.apply(in: tx)
            try await tx.raw("UPDATE inspection_items SET fixed_on_site = \(bind: true) WHERE id = \(bind: itemId)").run()
        }
        return fixed ? try await HazardReads.visible(hazard.id, to: user, on: db) : hazard
    }
}

/// Photos of inspection items are seen by whoever sees the inspection.
enum InspectionPhotos {
    static func mayView(attachmentId: Int, user: CurrentUser, on db: any Database) async throws -> Bool {
        guard let link = try await InspectionPhotoRecord.query(on: db).filter(\.$attachment.$id == attachmentId).first(),
              let inspection = try await InspectionRecord.find(link.$inspection.id, on: db) else { return false }
        let inspectors = try await InspectionInspectorRecord.query(on: db).filter(\.$inspection.$id == link.$inspection.id).all().map(\.$user.id)
        return InspectionRules.canView(user.actor, inspection.facts(inspectorIds: inspectors))
    }
}
