import Fluent
import Foundation
import SafeGridDomain

/// One row of a task list import, checked by the same `CampaignTaskDraft` as the API.
enum CampaignTaskImport {
    /// `by` is the importing user, nil for the command line; the task's owner is told either way.
    static func row(_ v: [String: String], campaign: CampaignRecord, today: CivilDate, at now: Date, by actorId: Int?, lookup: inout FieldErrors,
                    on tx: WriteTransaction) async throws {
        var ownerUserId: Int?
        if let username = v["ownerUsername"] {
            ownerUserId = try await UserRecord.query(on: tx).filter(\.$username == username).first()?.id
            if ownerUserId == nil { lookup.add("ownerUserId", "error.field.unknown_user") }
        }
        func int(_ key: String) -> Int? {
            guard let raw = v[key] else { return nil }
            guard let n = Int(raw) else { lookup.add(key, "error.field.invalid"); return nil }
            return n
        }
        let request = CampaignTaskRequest(title: v["title"], description: v["description"], ownerName: v["ownerName"],
                                          ownerUserId: ownerUserId, deadline: v["deadline"], targetCount: int("targetCount"),
                                          doneCount: int("doneCount"), completedOn: v["completedOn"], result: v["result"])
        // Lookup problems and the draft's own are reported together, so one pass shows all.
        let draft: CampaignTaskDraft
        switch Result(catching: { () throws(SafeGridError) -> CampaignTaskDraft in try CampaignTaskDraft(request, period: campaign.period, today: today) }) {
        case .success(let d):
            try lookup.throwIfAny()
            draft = d
        case .failure(let error):
            throw lookup.items.isEmpty ? error : SafeGridError.invalid(lookup.items + error.fields)
        }
        let campaignId = try campaign.requireID()
        let last = try await CampaignTaskRecord.query(on: tx).filter(\.$campaign.$id == campaignId).max(\.$position) ?? 0
        let task = CampaignTaskRecord()
        task.$campaign.id = campaignId
        task.position = last + 1
        CampaignService.apply(draft, to: task)
        try await task.create(on: tx)
        try await MessageStore.tellTaskOwner(task, previousOwner: nil, by: actorId, at: now, in: tx)
    }
}
