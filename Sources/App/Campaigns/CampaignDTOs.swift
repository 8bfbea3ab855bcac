import Foundation
import SafeGridDomain
import Vapor

/// Body of `POST /api/v1/campaigns` and `PUT /api/v1/campaigns/{id}`. Either `endDate` or
/// `days` gives the period ("百日攻坚": 100 days from the start).
struct CampaignRequest: Content {
    var name: String?
    var theme: String?
    var startDate: String?
    var endDate: String?
    var days: Int?
    var gridId: Int?
    var targetCategories: [String]?
    var goals: String?
    /// Publishes the progress page under an unguessable link; false withdraws it.
    var published: Bool?
}

struct CampaignDraft: Sendable {
    var name: String
    var theme: String?
    var period: CampaignPeriod
    var gridId: Int
    var targetCategories: [PlaceCategory]
    var goals: String?
    var published: Bool

    init(_ body: CampaignRequest) throws(SafeGridError) {
        var errors = FieldErrors()
        errors.require(body.name, "name")
        if let n = body.name, n.count > 100 { errors.add("name", "error.field.too_long", args: ["100"]) }
        if let t = body.theme, t.count > 200 { errors.add("theme", "error.field.too_long", args: ["200"]) }
        if let g = body.goals, g.count > 4000 { errors.add("goals", "error.field.too_long", args: ["4000"]) }
        let start = CampaignDates.parse(body.startDate, "startDate", required: true, &errors)
        let end = CampaignDates.parse(body.endDate, "endDate", required: false, &errors)
        var period: CampaignPeriod?
        if let start {
            if let end {
                period = CampaignPeriod(start: start, end: end)
                if period == nil { errors.add("endDate", "error.field.campaign.end_before_start") }
            } else if let days = body.days {
                period = (1...731).contains(days) ? CampaignPeriod(start: start, days: days) : nil
                if period == nil { errors.add("days", "error.field.campaign.range", args: ["1", "731"]) }
            } else if body.endDate == nil {
                errors.add("endDate", "error.field.required")
            }
        }
        if body.gridId == nil { errors.add("gridId", "error.field.required") }
        var categories: [PlaceCategory] = []
        for raw in body.targetCategories ?? [] where !raw.isEmpty {
            if let c = PlaceCategory(rawValue: raw) { if !categories.contains(c) { categories.append(c) } } else {
                errors.add("targetCategories", "error.field.choice", args: [PlaceCategory.allCases.map(\.rawValue).joined(separator: ", ")])
            }
        }
        try errors.throwIfAny()
        name = body.name!.trimmingCharacters(in: .whitespacesAndNewlines)
        theme = body.theme.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        self.period = period!
        gridId = body.gridId!
        targetCategories = categories
        goals = body.goals.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        published = body.published ?? false
    }
}

/// Body of `POST /api/v1/campaigns/{id}/tasks` and `PUT .../tasks/{taskID}`.
struct CampaignTaskRequest: Content {
    var title: String?
    var description: String?
    var ownerName: String?
    var ownerUserId: Int?
    var deadline: String?
    var targetCount: Int?
    var doneCount: Int?
    var completedOn: String?
    var result: String?
}

struct CampaignTaskDraft: Sendable {
    var title: String
    var description: String?
    var ownerName: String
    var ownerUserId: Int?
    var deadline: CivilDate
    var targetCount: Int?
    var progress: CampaignTaskProgress

    init(_ body: CampaignTaskRequest, period: CampaignPeriod, today: CivilDate) throws(SafeGridError) {
        var errors = FieldErrors()
        errors.require(body.title, "title")
        if let t = body.title, t.count > 200 { errors.add("title", "error.field.too_long", args: ["200"]) }
        if let d = body.description, d.count > 4000 { errors.add("description", "error.field.too_long", args: ["4000"]) }
        errors.require(body.ownerName, "ownerName")
        if let o = body.ownerName, o.count > 100 { errors.add("ownerName", "error.field.too_long", args: ["100"]) }
        let deadline = CampaignDates.parse(body.deadline, "deadline", required: true, &errors)
        if let deadline, !period.contains(deadline) {
            errors.add("deadline", "error.field.campaign.outside_period", args: [period.start.description, period.end.description])
        }
        if let t = body.targetCount, t < 1 { errors.add("targetCount", "error.field.campaign.range", args: ["1", "1000000"]) }
        let progress = CampaignTaskProgress.parse(
            CampaignProgressRequest(doneCount: body.doneCount, completedOn: body.completedOn, result: body.result),
            period: period, today: today, errors: &errors)
        try errors.throwIfAny()
        title = body.title!.trimmingCharacters(in: .whitespacesAndNewlines)
        description = body.description.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        ownerName = body.ownerName!.trimmingCharacters(in: .whitespacesAndNewlines)
        ownerUserId = body.ownerUserId
        self.deadline = deadline!
        targetCount = body.targetCount
        self.progress = progress!
    }
}

/// Body of `POST /api/v1/campaigns/{id}/tasks/{taskID}/progress`: what the owner reports.
struct CampaignProgressRequest: Content {
    var doneCount: Int?
    var completedOn: String?
    var result: String?
}

struct CampaignTaskProgress: Sendable {
    var doneCount: Int
    var completedOn: CivilDate?
    var result: String?

    static func parse(_ body: CampaignProgressRequest, period: CampaignPeriod, today: CivilDate, errors: inout FieldErrors) -> CampaignTaskProgress? {
        let before = errors.items.count
        if let n = body.doneCount, n < 0 { errors.add("doneCount", "error.field.campaign.range", args: ["0", "1000000"]) }
        if let r = body.result, r.count > 4000 { errors.add("result", "error.field.too_long", args: ["4000"]) }
        let completedOn = CampaignDates.parse(body.completedOn, "completedOn", required: false, &errors)
        if let completedOn {
            for e in CampaignRules.validateCompletion(result: body.result, completedOn: completedOn, period: period, today: today) {
                errors.add(e.field, e.key, args: e.args)
            }
        }
        guard errors.items.count == before else { return nil }
        let result = body.result.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        return CampaignTaskProgress(doneCount: body.doneCount ?? 0, completedOn: completedOn, result: result)
    }
}

enum CampaignDates {
    static func parse(_ raw: String?, _ field: String, required: Bool, _ errors: inout FieldErrors) -> CivilDate? {
        guard let raw = raw?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else {
            if required { errors.add(field, "error.field.required") }
            return nil
        }
        guard let date = CivilDate(iso: raw), raw.count == 10 else { errors.add(field, "error.field.date"); return nil }
        return date
    }
}

struct CampaignProgressDTO: Content {
    var phase: CampaignPhase
    var dayNumber: Int?
    var days: Int
    var elapsedDays: Int
    var total: Int
    var notStarted: Int
    var inProgress: Int
    var done: Int
    var overdue: Int
    var doneLate: Int
    /// Mean task progress, 0–100 with one decimal.
    var progressPercent: Double
    var completionRate: String?
    var behindSchedule: Bool
    var hazards: Int
    var hazardsClosed: Int
    var inspections: Int

    init(_ p: CampaignProgress, links: CampaignLinks) {
        phase = p.phase; dayNumber = p.dayNumber; days = p.days; elapsedDays = p.elapsedDays
        total = p.total; notStarted = p.notStarted; inProgress = p.inProgress; done = p.done
        overdue = p.overdue; doneLate = p.doneLate; progressPercent = Double(p.progressPerMille) / 10
        completionRate = p.completionRate?.description; behindSchedule = p.behindSchedule
        hazards = links.hazards; hazardsClosed = links.hazardsClosed; inspections = links.inspections
    }
}

struct CampaignDTO: Content {
    var id: Int
    var name: String
    var theme: String?
    var startDate: String
    var endDate: String
    var gridId: Int
    var gridPath: String
    var targetCategories: [PlaceCategory]
    var goals: String?
    var published: Bool
    /// Path of the public progress page while published.
    var shareUrl: String?
    var progress: CampaignProgressDTO

    init(_ c: CampaignRecord, progress: CampaignProgressDTO) {
        id = c.id ?? 0; name = c.name; theme = c.theme; startDate = c.startDate; endDate = c.endDate
        gridId = c.$grid.id; gridPath = c.gridPath; targetCategories = c.targetCategories; goals = c.goals
        published = c.shareToken != nil; shareUrl = c.shareToken.map { "/p/campaigns/\($0)" }
        self.progress = progress
    }
}

struct CampaignTaskDTO: Content {
    var id: Int
    var campaignId: Int
    var position: Int
    var title: String
    var description: String?
    var ownerName: String
    var ownerUserId: Int?
    var deadline: String
    var targetCount: Int?
    var doneCount: Int
    var completedOn: String?
    var result: String?
    var status: CampaignTaskStatus
    var progressPercent: Double
    var daysOverdue: Int?
    var completedLate: Bool
    var evidenceIds: [Int]

    init(_ t: CampaignTaskRecord, today: CivilDate, evidenceIds: [Int]) {
        let facts = t.facts
        id = t.id ?? 0; campaignId = t.$campaign.id; position = t.position; title = t.title; description = t.description
        ownerName = t.ownerName; ownerUserId = t.$ownerUser.id; deadline = t.deadline; targetCount = t.targetCount
        doneCount = t.doneCount; completedOn = t.completedOn; result = t.result
        status = CampaignRules.status(facts); progressPercent = Double(CampaignRules.progressPerMille(facts)) / 10
        daysOverdue = CampaignRules.daysOverdue(facts, today: today); completedLate = CampaignRules.completedLate(facts)
        self.evidenceIds = evidenceIds
    }
}

/// Body of `POST /api/v1/campaigns/{id}/hazards`: tag (or with `remove`, untag) hazards.
struct CampaignHazardsRequest: Content {
    var hazardIds: [Int]?
    var remove: Bool?
}

/// What is linked to a campaign by its id: tagged hazards and inspections.
struct CampaignLinks: Sendable {
    var hazards = 0
    var hazardsClosed = 0
    var inspections = 0
}
