import Foundation

/// Who inspects decides the kind (检查类型), and the kind decides which of the five ledgers
/// (五本账) a hazard found in the inspection belongs to.
public enum InspectionKind: String, Codable, CaseIterable, Sendable {
    case grid         // 网格巡查: a grid worker's patrol
    case territorial  // 属地检查: the township office, often jointly with departments
    case industry     // 行业检查: a sector department
    case enterprise   // 企业自查: the enterprise checks itself
    case expert       // 专家检查 ("专家问诊")

    /// The ledger of hazards found in this kind of inspection: one to one by design, so the
    /// enterprise ledger holds exactly the self-inspection findings and the expert ledger the
    /// expert ones.
    public var hazardSource: HazardSource {
        switch self {
        case .grid: .grid
        case .territorial: .territorial
        case .industry: .industry
        case .enterprise: .enterprise
        case .expert: .expert
        }
    }

    /// Which figure of a bulletin a finished inspection of this kind counts in: the office's
    /// own visits (grid, territorial and sector checks), enterprise self-inspections, or expert
    /// inspections. The seeds' 「排查企业 N 家次」 are the first only.
    public var countedAs: InspectionCount {
        switch self {
        case .grid, .territorial, .industry: .office
        case .enterprise: .selfInspection
        case .expert: .expert
        }
    }

    /// Whether a visit of this kind counts toward the patrol schedule and coverage. A
    /// self-inspection is the enterprise's own duty and does not replace a visit.
    public var countsAsPatrol: Bool { self != .enterprise }
}

/// The separate counts of inspections in bulletins and assessments. Only finished inspections
/// count anywhere: a started, abandoned one is no visit.
public enum InspectionCount: String, Codable, CaseIterable, Sendable {
    case office, selfInspection, expert
}

/// The result of one checklist item (合格 / 不合格 / 不涉及).
public enum ItemResult: String, Codable, CaseIterable, Sendable {
    case pass, fail
    case notApplicable = "not_applicable"
}

/// What the rules need to know about an inspection.
public struct InspectionFacts: Equatable, Sendable {
    public var gridPath: String
    public var placeId: Int
    public var inspectorIds: Set<Int>
    public var finished: Bool
    /// Called off before it was finished (取消), with a reason: kept in the record, counted nowhere.
    public var cancelled: Bool

    public init(gridPath: String, placeId: Int, inspectorIds: Set<Int>, finished: Bool, cancelled: Bool = false) {
        self.gridPath = gridPath; self.placeId = placeId; self.inspectorIds = inspectorIds; self.finished = finished
        self.cancelled = cancelled
    }

    /// Still under way: neither finished nor cancelled.
    public var isOpen: Bool { !finished && !cancelled }
}

/// One item's answer as recorded.
public struct ItemAnswer: Equatable, Sendable {
    public var result: ItemResult?
    public var note: String
    public var photoCount: Int
    public var requiresPhoto: Bool

    public init(result: ItemResult?, note: String = "", photoCount: Int = 0, requiresPhoto: Bool = false) {
        self.result = result; self.note = note; self.photoCount = photoCount; self.requiresPhoto = requiresPhoto
    }
}

public enum InspectionRules {
    /// A failed item stays flagged (on its inspection and on 我的任务) until a hazard records
    /// it, fixed on site or not: a failure must never end as a tick on paper only.
    public static func awaitsHazard(_ result: ItemResult?, hazardId: Int?) -> Bool {
        result == .fail && hazardId == nil
    }

    /// Patrol coverage is for those who answer for it: the office, its leaders and the grid
    /// workers (for their own grids). The API and the menu both ask this.
    public static func mayViewCoverage(_ actor: Actor) -> Bool {
        [.admin, .officer, .leader, .gridWorker].contains(actor.role)
    }

    /// Which of the user's unfinished inspections a new start at the same place continues:
    /// Back and resubmit, a reload, a second tap or a queued start sent again after the first
    /// got through are one visit, so they get one record (the newest open one). A start that
    /// gives its own time records a past visit and is always new.
    public static func continues(openAtPlace newestFirst: [Int], startedAtGiven: Bool) -> Int? {
        startedAtGiven ? nil : newestFirst.first
    }

    /// Grid workers start their day from 我的任务, not the office's dashboard: after signing in
    /// without a page to return to, that is where they land.
    public static func landsOnMyTasks(_ role: Role) -> Bool {
        role == .gridWorker
    }

    /// "My tasks" lists the places due in the grids one patrols.
    public static func mayViewMyTasks(_ actor: Actor) -> Bool {
        [.officer, .gridWorker].contains(actor.role)
    }

    /// The kinds a role runs. Officers also patrol like grid workers; admins may record any.
    public static func kinds(for role: Role) -> [InspectionKind] {
        switch role {
        case .admin: InspectionKind.allCases
        case .officer: [.territorial, .grid]
        case .gridWorker: [.grid]
        case .department: [.industry]
        case .enterprise: [.enterprise]
        case .expert: [.expert]
        case .leader: []
        }
    }

    public static func defaultKind(for role: Role) -> InspectionKind? {
        switch role {
        case .admin, .officer: .territorial
        case .gridWorker: .grid
        case .department: .industry
        case .enterprise: .enterprise
        case .expert: .expert
        case .leader: nil
        }
    }

    /// Whether the actor may start an inspection of this kind at a place.
    public static func mayStart(_ actor: Actor, kind: InspectionKind, gridPath: String, placeId: Int) -> Bool {
        guard kinds(for: actor.role).contains(kind) else { return false }
        switch actor.role {
        case .enterprise: return actor.placeIds.contains(placeId)
        case .leader: return false
        case .admin, .officer, .gridWorker, .department, .expert: return actor.covers(gridPath: gridPath)
        }
    }

    /// Who may be named as a co-inspector of an inspection at a place in `gridPath`: a
    /// co-inspector reads the inspection and its photos, so only people whose own work reaches
    /// the place. Sector departments join from outside the grid tree (联合检查) and may; an
    /// enterprise's staff never inspect with the office, not even their own place.
    public static func mayJoin(_ coInspector: Actor, gridPath: String) -> Bool {
        switch coInspector.role {
        case .enterprise: false
        case .department: true
        case .admin, .officer, .leader, .gridWorker, .expert: coInspector.covers(gridPath: gridPath)
        }
    }

    /// An inspection may be filed under a campaign the inspector sees whose subtree holds the place.
    public static func mayFileUnder(_ actor: Actor, campaignPath: String, placeGridPath: String) -> Bool {
        CampaignPermissions.canView(actor, campaignPath: campaignPath) && GridRules.isInSubtree(path: placeGridPath, of: campaignPath)
    }

    /// At most this many co-inspectors: a joint inspection is a few people, not a department.
    public static let maxCoInspectors = 20

    /// Who sees an inspection: its inspectors, the place's owner, and whoever sees its grid.
    /// The place's scope (`Permissions.placeScope`) plus the inspections one took part in.
    public static func canView(_ actor: Actor, _ inspection: InspectionFacts) -> Bool {
        inspection.inspectorIds.contains(actor.userId)
            || Permissions.placeScope(actor).admits(ReadScope.Row(gridPath: inspection.gridPath, placeId: inspection.placeId))
    }

    /// Results are written by the inspectors themselves (or an admin), and only until the
    /// inspection is finished: a finished record is evidence and stays as it was.
    public static func mayRecord(_ actor: Actor, _ inspection: InspectionFacts) -> Bool {
        inspection.isOpen && (actor.role == .admin || inspection.inspectorIds.contains(actor.userId))
    }

    /// An inspection started by mistake, twice, or at a place found closed is cancelled rather
    /// than left open for ever or finished with made-up answers: by its inspectors, an admin,
    /// or the township office over its grids, and only while it is open. The record stays,
    /// with who cancelled it, when and why; it counts as no visit (家次) anywhere.
    public static func mayCancel(_ actor: Actor, _ inspection: InspectionFacts) -> Bool {
        guard inspection.isOpen, canView(actor, inspection) else { return false }
        return inspection.inspectorIds.contains(actor.userId) || actor.role == .admin
            || (actor.role == .officer && actor.covers(gridPath: inspection.gridPath))
    }

    /// A cancellation says why in a sentence; the limits are those of a note.
    public static let cancelReasonLengths = 2...500

    public static func validateCancelReason(_ reason: String?, errors: inout FieldErrors) {
        let text = (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { errors.add("reason", "error.field.required") }
        else if text.count < cancelReasonLengths.lowerBound { errors.add("reason", "error.field.too_short", args: ["\(cancelReasonLengths.lowerBound)"]) }
        else if text.count > cancelReasonLengths.upperBound { errors.add("reason", "error.field.too_long", args: ["\(cancelReasonLengths.upperBound)"]) }
    }

    /// Checklist templates and patrol frequencies are district-wide settings: administrators only.
    public static func mayEditChecklists(_ actor: Actor) -> Bool { actor.role == .admin }
    public static func mayChangePatrolFrequencies(_ actor: Actor) -> Bool { actor.role == .admin }

    /// A failed item becomes a hazard at the hands of an inspector or of the township office.
    public static func mayRaiseHazard(_ actor: Actor, _ inspection: InspectionFacts) -> Bool {
        guard canView(actor, inspection) else { return false }
        return inspection.inspectorIds.contains(actor.userId) || actor.role == .admin
            || (actor.role == .officer && actor.covers(gridPath: inspection.gridPath))
    }

    /// Checks one item's answer; `field` prefixes the error fields (e.g. `items.3`).
    public static func validate(_ answer: ItemAnswer, field: String, errors: inout FieldErrors) {
        guard let result = answer.result else { return }
        if answer.note.count > 2000 { errors.add("\(field).note", "error.field.too_long", args: ["2000"]) }
        if result == .fail && answer.requiresPhoto && answer.photoCount == 0 {
            errors.add("\(field).photos", "error.inspection.photo_required")
        }
    }

    /// An inspection can be finished once every item has a result.
    public static func unanswered(_ answers: [ItemAnswer]) -> Int {
        answers.filter { $0.result == nil }.count
    }

    /// 夜查: started between 20:00 and 06:00 local time, unless the inspector says otherwise.
    public static func isNight(_ instant: Date, utcOffsetSeconds: Int = CivilDate.chinaOffset) -> Bool {
        let seconds = Int((instant.timeIntervalSince1970 + Double(utcOffsetSeconds)).rounded(.down))
        let hour = ((seconds % 86_400) + 86_400) % 86_400 / 3600
        return hour >= 20 || hour < 6
    }

    /// The title a hazard made from a failed item starts with: the inspector's note when it
    /// is short enough to be a title, else the item itself marked as not met.
    public static func hazardTitle(itemText: String, note: String) -> String {
        let firstLine = note.split(whereSeparator: \.isNewline).first.map(String.init)?.trimmed ?? ""
        if !firstLine.isEmpty && firstLine.count <= 60 { return firstLine }
        return String(("不符合：" + itemText).prefix(200))
    }
}
