/// A special campaign (专项整治): a period of calendar days, inclusive at both ends, with a
/// task list (任务清单) whose progress is published (晾晒).
public struct CampaignPeriod: Equatable, Sendable {
    public let start: CivilDate
    public let end: CivilDate

    /// Nil when the end comes before the start.
    public init?(start: CivilDate, end: CivilDate) {
        guard end >= start else { return nil }
        self.start = start
        self.end = end
    }

    /// "A 100-day campaign from 1 March" ends on 8 June: the first day counts as day 1.
    public init?(start: CivilDate, days: Int) {
        guard days >= 1 else { return nil }
        self.init(start: start, end: start.adding(days: days - 1))
    }

    public var days: Int { start.days(until: end) + 1 }

    public func phase(on today: CivilDate) -> CampaignPhase {
        if today < start { return .upcoming }
        return today > end ? .ended : .running
    }

    /// Day 1 on the first day; nil before the start and after the end.
    public func dayNumber(on today: CivilDate) -> Int? {
        phase(on: today) == .running ? start.days(until: today) + 1 : nil
    }

    /// Days of the period gone by, the current day included: 0 before, `days` after.
    public func elapsedDays(on today: CivilDate) -> Int {
        min(max(start.days(until: today) + 1, 0), days)
    }

    public func contains(_ day: CivilDate) -> Bool { day >= start && day <= end }
}

public enum CampaignPhase: String, Codable, CaseIterable, Sendable {
    case upcoming   // 未开始
    case running    // 进行中
    case ended      // 已结束
}

/// Where a task stands. Derived, never stored: a task is done when someone recorded its
/// completion (with a result), in progress once any count was reported.
public enum CampaignTaskStatus: String, Codable, CaseIterable, Sendable {
    case notStarted  // 未开始
    case inProgress  // 推进中
    case done        // 已完成
}

/// What the rules need to know of one task.
public struct CampaignTaskFacts: Equatable, Sendable {
    public var deadline: CivilDate
    /// How many items the task must reach (places rectified, inspections made); nil for a task
    /// that is simply done or not.
    public var targetCount: Int?
    public var doneCount: Int
    public var completedOn: CivilDate?

    public init(deadline: CivilDate, targetCount: Int? = nil, doneCount: Int = 0, completedOn: CivilDate? = nil) {
        self.deadline = deadline
        self.targetCount = targetCount
        self.doneCount = doneCount
        self.completedOn = completedOn
    }
}

public enum CampaignRules {
    public static func status(_ task: CampaignTaskFacts) -> CampaignTaskStatus {
        if task.completedOn != nil { return .done }
        return task.doneCount > 0 ? .inProgress : .notStarted
    }

    /// Progress in per mille (0…1000): done counts 1000; otherwise the share of the target
    /// reached, capped below 1000 so only a recorded completion shows 100%.
    public static func progressPerMille(_ task: CampaignTaskFacts) -> Int {
        if task.completedOn != nil { return 1000 }
        guard let target = task.targetCount, target > 0, task.doneCount > 0 else { return 0 }
        return min(task.doneCount * 1000 / target, 999)
    }

    /// Like an overdue hazard: a task not done whose deadline day has passed (China time).
    /// A task completed late is not overdue any more; `completedLate` says so.
    public static func daysOverdue(_ task: CampaignTaskFacts, today: CivilDate) -> Int? {
        guard task.completedOn == nil, today > task.deadline else { return nil }
        return task.deadline.days(until: today)
    }

    public static func completedLate(_ task: CampaignTaskFacts) -> Bool {
        guard let done = task.completedOn else { return false }
        return done > task.deadline
    }

    /// Marking a task done needs a written result: the published progress shows results, and
    /// a completion without one would be a "paper rectification". Nor can work be reported
    /// done on a day still to come.
    public static func validateCompletion(result: String?, completedOn: CivilDate, period: CampaignPeriod, today: CivilDate) -> [FieldError] {
        var errors = FieldErrors()
        errors.require(result, "result")
        if completedOn < period.start { errors.add("completedOn", "error.field.campaign.before_start") }
        if completedOn > today { errors.add("completedOn", "error.field.campaign.completed_in_future") }
        return errors.items
    }

    public static func summary(_ tasks: [CampaignTaskFacts], period: CampaignPeriod, today: CivilDate) -> CampaignProgress {
        var p = CampaignProgress(total: tasks.count, phase: period.phase(on: today), dayNumber: period.dayNumber(on: today),
                                 days: period.days, elapsedDays: period.elapsedDays(on: today))
        var sum = 0
        for task in tasks {
            switch status(task) {
            case .notStarted: p.notStarted += 1
            case .inProgress: p.inProgress += 1
            case .done: p.done += 1
            }
            if daysOverdue(task, today: today) != nil { p.overdue += 1 }
            if completedLate(task) { p.doneLate += 1 }
            sum += progressPerMille(task)
        }
        p.progressPerMille = tasks.isEmpty ? 0 : sum / tasks.count
        return p
    }
}

/// The figures a campaign's progress page publishes.
public struct CampaignProgress: Equatable, Sendable {
    public var total: Int
    public var notStarted = 0
    public var inProgress = 0
    public var done = 0
    public var overdue = 0
    public var doneLate = 0
    /// Mean task progress, per mille.
    public var progressPerMille = 0
    public var phase: CampaignPhase
    public var dayNumber: Int?
    public var days: Int
    public var elapsedDays: Int

    public init(total: Int, phase: CampaignPhase, dayNumber: Int?, days: Int, elapsedDays: Int) {
        self.total = total; self.phase = phase; self.dayNumber = dayNumber; self.days = days; self.elapsedDays = elapsedDays
    }

    /// Share of tasks done, as published ("完成率").
    public var completionRate: Rate? { Rate(done, of: total) }

    /// Work lags time: mean progress below the share of the period gone by.
    public var behindSchedule: Bool {
        guard total > 0, days > 0 else { return false }
        return progressPerMille * days < elapsedDays * 1000
    }
}

/// Who may see and change a campaign, by role and grid scope.
public enum CampaignPermissions {
    /// A campaign concerns everyone whose scope overlaps its subtree: the township office that
    /// runs it and the district above see it, and so do the village grid workers below.
    public static func canView(_ actor: Actor, campaignPath: String) -> Bool {
        switch actor.role {
        case .admin: true
        case .officer, .leader, .gridWorker, .department, .expert:
            actor.covers(gridPath: campaignPath)
                || actor.scopePaths.contains { GridRules.isInSubtree(path: $0, of: campaignPath) }
        case .enterprise: false
        }
    }

    /// Campaigns concern every role but enterprise users (the menu's 「专项整治」).
    public static func mayViewAny(_ actor: Actor) -> Bool {
        actor.role != .enterprise
    }

    /// Who starts campaigns at all: the safety offices (where, `mayManage` decides).
    public static func mayCreate(_ actor: Actor) -> Bool {
        [.admin, .officer].contains(actor.role)
    }

    /// Creating, editing, publishing and the task list itself: the safety office of the subtree.
    public static func mayManage(_ actor: Actor, campaignPath: String) -> Bool {
        Permissions.mayManage(actor, gridPath: campaignPath)
    }

    /// Progress and evidence of one task: its managers and the user named as its owner.
    public static func mayReport(_ actor: Actor, campaignPath: String, ownerUserId: Int?) -> Bool {
        mayManage(actor, campaignPath: campaignPath)
            || (ownerUserId == actor.userId && canView(actor, campaignPath: campaignPath))
    }
}
