import Fluent
import Foundation
import SafeGridDomain
import SQLKit
import Vapor

/// Campaigns and their task lists: scope checks, writes in one transaction, and the
/// figures published on the progress page.
struct CampaignService {
    let db: any Database
    let gate: WriteGate
    let sqlite: Bool
    let now: Date
    /// Who is acting, for the register trail; nil for the demo loader.
    let actorId: Int?

    init(req: Request) {
        db = req.db
        gate = req.application.writeGate
        sqlite = req.application.isSQLite
        now = req.now
        actorId = req.auth.get(CurrentUser.self)?.id
    }

    init(app: Application, now: Date? = nil) {
        db = app.db
        gate = app.writeGate
        sqlite = app.isSQLite
        self.now = now ?? app.clock.now()
        actorId = nil
    }

    var today: CivilDate { CivilDate(now) }

    // MARK: reading

    /// A campaign the user may see, or 404 (also when it lies outside their scope).
    func visible(_ id: Int, to user: CurrentUser) async throws -> CampaignRecord {
        guard let campaign = try await CampaignRecord.find(id, on: db),
              CampaignPermissions.canView(user.actor, campaignPath: campaign.gridPath) else { throw SafeGridError.notFound }
        return campaign
    }

    /// A campaign the user may manage: 404 when unseen, 403 when seen but not theirs to change.
    func managed(_ id: Int, by user: CurrentUser) async throws -> CampaignRecord {
        let campaign = try await visible(id, to: user)
        guard CampaignPermissions.mayManage(user.actor, campaignPath: campaign.gridPath) else { throw SafeGridError.forbidden }
        return campaign
    }

    /// Campaigns are few (a township runs a handful a year), so scope is checked in memory.
    func list(for user: CurrentUser) async throws -> [CampaignRecord] {
        try await CampaignRecord.query(on: db).sort(\.$startDate, .descending).sort(\.$id, .descending).all()
            .filter { CampaignPermissions.canView(user.actor, campaignPath: $0.gridPath) }
    }

    func published(token: String) async throws -> CampaignRecord {
        guard token.count >= 16, let c = try await CampaignRecord.query(on: db).filter(\.$shareToken == token).first() else {
            throw SafeGridError.notFound
        }
        return c
    }

    func tasks(of campaignIds: [Int]) async throws -> [CampaignTaskRecord] {
        guard !campaignIds.isEmpty else { return [] }
        return try await CampaignTaskRecord.query(on: db).filter(\.$campaign.$id ~~ campaignIds)
            .sort(\.$position).sort(\.$id).all()
    }

    func task(_ taskId: Int, of campaign: CampaignRecord) async throws -> CampaignTaskRecord {
        guard let task = try await CampaignTaskRecord.find(taskId, on: db), task.$campaign.id == campaign.id else {
            throw SafeGridError.notFound
        }
        return task
    }

    /// Attachment ids per task.
    func evidence(of taskIds: [Int]) async throws -> [Int: [Int]] {
        guard !taskIds.isEmpty else { return [:] }
        let links = try await CampaignTaskEvidenceRecord.query(on: db).filter(\.$task.$id ~~ taskIds).sort(\.$id).all()
        return Dictionary(grouping: links, by: { $0.$task.id }).mapValues { $0.map { $0.$attachment.id } }
    }

    func progress(_ campaign: CampaignRecord, tasks: [CampaignTaskRecord]) -> CampaignProgress {
        CampaignRules.summary(tasks.map(\.facts), period: campaign.period, today: today)
    }

    /// Hazards tagged with the campaign, and inspections made for it (`inspections.campaign_id`).
    func links(_ campaignId: Int) async throws -> CampaignLinks {
        var links = CampaignLinks()
        links.hazards = try await HazardStore.count(where: "campaign_id = \(bind: campaignId) AND state <> 'voided'", on: db)
        links.hazardsClosed = try await HazardStore.count(where: "campaign_id = \(bind: campaignId) AND state = 'closed'", on: db)
        links.inspections = try await inspectionCount(campaignId)
        return links
    }

    private func inspectionCount(_ campaignId: Int) async throws -> Int {
        struct Row: Decodable { let n: Int }
        let sql = db as! any SQLDatabase
        let row = try await sql.raw("SELECT COUNT(*) AS n FROM inspections WHERE campaign_id = \(bind: campaignId)")
            .first(decoding: Row.self)
        return row?.n ?? 0
    }

    // MARK: writing

    func create(_ draft: CampaignDraft, by user: CurrentUser) async throws -> CampaignRecord {
        guard CampaignPermissions.mayCreate(user.actor) else { throw SafeGridError.forbidden }
        let grid = try await managedGrid(draft.gridId, user: user)
        let campaign = CampaignRecord()
        campaign.$createdBy.id = user.id
        apply(draft, grid: grid, to: campaign)
        return try await db.writeTransaction(gate: gate, sqlite: sqlite) { tx in
            try await campaign.create(on: tx)
            return campaign
        }
    }

    func update(_ campaign: CampaignRecord, _ draft: CampaignDraft, by user: CurrentUser) async throws -> CampaignRecord {
        let grid = try await managedGrid(draft.gridId, user: user)
        let tasks = try await tasks(of: [try campaign.requireID()])
        if let outside = tasks.first(where: { !draft.period.contains($0.facts.deadline) }) {
            throw SafeGridError.invalid(field: "endDate", "error.field.campaign.tasks_outside", args: [outside.title])
        }
        apply(draft, grid: grid, to: campaign)
        return try await db.writeTransaction(gate: gate, sqlite: sqlite) { tx in
            try await campaign.save(on: tx)
            return campaign
        }
    }

    private func apply(_ draft: CampaignDraft, grid: GridRecord, to c: CampaignRecord) {
        c.name = draft.name
        c.theme = draft.theme
        c.startDate = draft.period.start.description
        c.endDate = draft.period.end.description
        c.$grid.id = grid.id ?? 0
        c.gridPath = grid.path
        c.targetCategories = draft.targetCategories
        c.goals = draft.goals
        if draft.published {
            if c.shareToken == nil { c.shareToken = Self.newToken() }
        } else {
            c.shareToken = nil
        }
    }

    private func managedGrid(_ id: Int, user: CurrentUser) async throws -> GridRecord {
        guard let grid = try await GridRecord.find(id, on: db), user.actor.covers(gridPath: grid.path) else {
            throw SafeGridError.invalid(field: "gridId", "error.field.unknown_grid")
        }
        guard CampaignPermissions.mayManage(user.actor, campaignPath: grid.path) else { throw SafeGridError.forbidden }
        return grid
    }

    /// 128 random bits, hex: the link cannot be guessed, and withdrawing publication voids it.
    static func newToken() -> String {
        var rng = SystemRandomNumberGenerator()
        return (0..<2).map { _ in String(format: "%016llx", rng.next() as UInt64) }.joined()
    }

    func addTask(_ draft: CampaignTaskDraft, to campaign: CampaignRecord) async throws -> CampaignTaskRecord {
        try await checkOwner(draft.ownerUserId)
        let campaignId = try campaign.requireID()
        return try await db.writeTransaction(gate: gate, sqlite: sqlite) { tx in
            let last = try await CampaignTaskRecord.query(on: tx).filter(\.$campaign.$id == campaignId).max(\.$position) ?? 0
            let task = CampaignTaskRecord()
            task.$campaign.id = campaignId
            task.position = last + 1
            Self.apply(draft, to: task)
            try await task.create(on: tx)
            try await trail(task, .created, on: tx)
            try await MessageStore.tellTaskOwner(task, previousOwner: nil, by: actorId, at: now, in: tx)
            return task
        }
    }

    func updateTask(_ task: CampaignTaskRecord, _ draft: CampaignTaskDraft) async throws -> CampaignTaskRecord {
        try await checkOwner(draft.ownerUserId)
        let previousOwner = task.$ownerUser.id
        Self.apply(draft, to: task)
        return try await db.writeTransaction(gate: gate, sqlite: sqlite) { tx in
            try await task.save(on: tx)
            try await trail(task, .updated, on: tx)
            try await MessageStore.tellTaskOwner(task, previousOwner: previousOwner, by: actorId, at: now, in: tx)
            return task
        }
    }

    static func apply(_ draft: CampaignTaskDraft, to t: CampaignTaskRecord) {
        t.title = draft.title
        t.description = draft.description
        t.ownerName = draft.ownerName
        t.$ownerUser.id = draft.ownerUserId
        t.deadline = draft.deadline.description
        t.targetCount = draft.targetCount
        apply(draft.progress, to: t)
    }

    static func apply(_ p: CampaignTaskProgress, to t: CampaignTaskRecord) {
        t.doneCount = p.doneCount
        t.completedOn = p.completedOn?.description
        t.result = p.result
    }

    func report(_ progress: CampaignTaskProgress, on task: CampaignTaskRecord) async throws -> CampaignTaskRecord {
        Self.apply(progress, to: task)
        return try await db.writeTransaction(gate: gate, sqlite: sqlite) { tx in
            try await task.save(on: tx)
            try await trail(task, .updated, on: tx)
            return task
        }
    }

    func deleteTask(_ task: CampaignTaskRecord) async throws {
        let id = try task.requireID()
        try await db.writeTransaction(gate: gate, sqlite: sqlite) { tx in
            try await CampaignTaskEvidenceRecord.query(on: tx).filter(\.$task.$id == id).delete()
            try await task.delete(on: tx)
            try await trail(task, .deleted, on: tx)
        }
    }

    /// The task as saved, on the register trail.
    private func trail(_ task: CampaignTaskRecord, _ action: RegisterTrail.Action, on tx: WriteTransaction) async throws {
        try await RegisterTrail.append(.campaignTask, recordId: try task.requireID(), action, actorId: actorId, at: now,
                                       snapshot: CampaignTaskDTO(task, today: today, evidenceIds: []), on: tx)
    }

    func addEvidence(_ attachment: AttachmentRecord, to task: CampaignTaskRecord) async throws {
        let link = CampaignTaskEvidenceRecord()
        link.$task.id = try task.requireID()
        link.$attachment.id = try attachment.requireID()
        try await db.writeTransaction(gate: gate, sqlite: sqlite) { tx in try await link.create(on: tx) }
    }

    /// Tags (or untags) hazards the user can see that lie in the campaign's subtree.
    func tagHazards(_ ids: [Int], remove: Bool, campaign: CampaignRecord, by user: CurrentUser) async throws -> Int {
        let campaignId = try campaign.requireID()
        let hazards = ids.isEmpty ? [] : try await HazardStore.select(where: "hazards.id IN (\(binds: ids))", on: db)
        var errors = FieldErrors()
        for id in ids {
            guard let h = hazards.first(where: { $0.id == id }), Permissions.canView(user.actor, h.facts) else {
                errors.add("hazardIds", "error.field.campaign.unknown_hazard", args: ["\(id)"]); continue
            }
            if !GridRules.isInSubtree(path: h.gridPath, of: campaign.gridPath) {
                errors.add("hazardIds", "error.field.campaign.hazard_outside", args: [h.number])
            }
            // Removing takes a hazard out of this campaign only, never out of another one's.
            if remove, h.campaignId != campaignId {
                errors.add("hazardIds", "error.field.campaign.not_tagged", args: [h.number])
            }
        }
        try errors.throwIfAny()
        // A tag changes the hazard like any action does: through the store's write path, with
        // a version claim and an event in its history.
        let now = self.now
        let details = try JSONCoding.string(EventDetails(campaignId: campaignId, campaignName: campaign.name, campaignRemoved: remove ? true : nil))
        let changing = hazards.filter { remove ? $0.campaignId == campaignId : $0.campaignId != campaignId }
        let events = changing.map { h in
            HazardEventRow(hazardId: h.id, action: .campaign, actorId: user.id, actorRole: user.role, occurredAt: now,
                           fromState: h.state, toState: h.state, note: nil, latitude: nil, longitude: nil, details: details, attachmentIds: "[]")
        }
        return try await db.writeTransaction(gate: gate, sqlite: sqlite) { tx in
            for h in changing {
                var tagged = h
                tagged.version = try await HazardStore.claim(h.id, version: h.version, in: tx)
                tagged.campaignId = remove ? nil : campaignId
                tagged.updatedAt = now
                try await HazardStore.save(tagged, from: h, in: tx)
            }
            try await HazardStore.append(events, in: tx)
            return hazards.count
        }
    }

    private func checkOwner(_ id: Int?) async throws {
        guard let id else { return }
        guard try await UserRecord.find(id, on: db) != nil else {
            throw SafeGridError.invalid(field: "ownerUserId", "error.field.unknown_user")
        }
    }
}
