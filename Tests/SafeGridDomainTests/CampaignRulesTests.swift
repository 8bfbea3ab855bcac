import Testing
@testable import SafeGridDomain

private func day(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }

@Suite("Campaigns: period, task progress, overdue tasks")
struct CampaignRulesTests {
    // A 100-day campaign from 1 March 2026 ends on 8 June 2026.
    static let period = CampaignPeriod(start: day("2026-03-01"), days: 100)!

    @Test("a period of N days counts its first day as day 1")
    func periodLength() {
        #expect(Self.period.end == day("2026-06-08"))
        #expect(Self.period.days == 100)
        #expect(CampaignPeriod(start: day("2026-03-01"), days: 1)?.end == day("2026-03-01"))
        #expect(CampaignPeriod(start: day("2026-03-01"), days: 0) == nil)
        #expect(CampaignPeriod(start: day("2026-03-02"), end: day("2026-03-01")) == nil)
    }

    @Test("phase, day number and elapsed days across the period", arguments: [
        ("2026-02-28", CampaignPhase.upcoming, nil as Int?, 0),
        ("2026-03-01", .running, 1, 1),
        ("2026-04-09", .running, 40, 40),
        ("2026-06-08", .running, 100, 100),
        ("2026-06-09", .ended, nil, 100),
    ])
    func phases(today: String, phase: CampaignPhase, dayNumber: Int?, elapsed: Int) {
        #expect(Self.period.phase(on: day(today)) == phase)
        #expect(Self.period.dayNumber(on: day(today)) == dayNumber)
        #expect(Self.period.elapsedDays(on: day(today)) == elapsed)
    }

    @Test("status and progress of a task", arguments: [
        // target, done, completedOn, status, per mille
        (nil as Int?, 0, nil as String?, CampaignTaskStatus.notStarted, 0),
        (nil, 0, "2026-03-20", .done, 1000),
        (40, 0, nil, .notStarted, 0),
        (40, 10, nil, .inProgress, 250),
        (3, 1, nil, .inProgress, 333),
        // Reaching the count is not completion: only a recorded result is.
        (40, 40, nil, .inProgress, 999),
        (40, 55, nil, .inProgress, 999),
        (40, 12, "2026-04-01", .done, 1000),
        (nil, 2, nil, .inProgress, 0),
    ])
    func progress(target: Int?, done: Int, completedOn: String?, status: CampaignTaskStatus, perMille: Int) {
        let task = CampaignTaskFacts(deadline: day("2026-04-30"), targetCount: target, doneCount: done,
                                     completedOn: completedOn.map(day))
        #expect(CampaignRules.status(task) == status)
        #expect(CampaignRules.progressPerMille(task) == perMille)
    }

    @Test("a task is overdue from the day after its deadline until it is completed", arguments: [
        // today, completedOn, days overdue, completed late
        ("2026-04-30", nil as String?, nil as Int?, false),
        ("2026-05-01", nil, 1, false),
        ("2026-05-11", nil, 11, false),
        ("2026-05-11", "2026-04-29", nil, false),
        ("2026-05-11", "2026-05-03", nil, true),
        ("2026-03-01", nil, nil, false),
    ])
    func overdue(today: String, completedOn: String?, days: Int?, late: Bool) {
        let task = CampaignTaskFacts(deadline: day("2026-04-30"), targetCount: 10, doneCount: 4, completedOn: completedOn.map(day))
        #expect(CampaignRules.daysOverdue(task, today: day(today)) == days)
        #expect(CampaignRules.completedLate(task) == late)
    }

    @Test("completion needs a written result and cannot predate the campaign or lie in the future")
    func completion() {
        let today = day("2026-03-10")
        #expect(CampaignRules.validateCompletion(result: "整改 40 家", completedOn: day("2026-03-05"), period: Self.period, today: today).isEmpty)
        #expect(CampaignRules.validateCompletion(result: "整改 40 家", completedOn: today, period: Self.period, today: today).isEmpty)
        let fields = CampaignRules.validateCompletion(result: "  ", completedOn: day("2026-02-01"), period: Self.period, today: today).map(\.field)
        #expect(fields == ["result", "completedOn"])
        let future = CampaignRules.validateCompletion(result: "整改 40 家", completedOn: day("2026-03-11"), period: Self.period, today: today)
        #expect(future.map(\.key) == ["error.field.campaign.completed_in_future"])
    }

    @Test("summary counts statuses, overdue and late tasks, and compares work with time")
    func summary() {
        let tasks = [
            CampaignTaskFacts(deadline: day("2026-03-31"), completedOn: day("2026-03-30")),
            CampaignTaskFacts(deadline: day("2026-03-31"), completedOn: day("2026-04-02")),
            CampaignTaskFacts(deadline: day("2026-04-05"), targetCount: 10, doneCount: 5),
            CampaignTaskFacts(deadline: day("2026-05-31")),
        ]
        let s = CampaignRules.summary(tasks, period: Self.period, today: day("2026-04-09"))
        #expect(s.total == 4 && s.done == 2 && s.inProgress == 1 && s.notStarted == 1)
        #expect(s.overdue == 1, "only the half-done task past 5 April is overdue")
        #expect(s.doneLate == 1)
        #expect(s.progressPerMille == (1000 + 1000 + 500 + 0) / 4)
        #expect(s.completionRate?.description == "50%")
        #expect(s.dayNumber == 40 && s.phase == .running)
        #expect(!s.behindSchedule, "62.5% done after 40% of the time")

        let late = CampaignRules.summary([CampaignTaskFacts(deadline: day("2026-06-08"), targetCount: 10, doneCount: 3)],
                                         period: Self.period, today: day("2026-05-20"))
        #expect(late.behindSchedule, "30% done after 81% of the time")
        #expect(CampaignRules.summary([], period: Self.period, today: day("2026-05-20")).completionRate == nil)
    }
}

@Suite("Campaigns: who sees and changes them")
struct CampaignPermissionTests {
    // A township campaign over /1/2/; village /1/2/6/ lies below it, township /1/3/ beside it.
    @Test("view, manage and report by role and scope", arguments: [
        (Role.admin, ["/1/"], nil as Int?, true, true, true),
        (.officer, ["/1/2/"], nil, true, true, true),
        (.officer, ["/1/3/"], nil, false, false, false),
        (.leader, ["/1/"], nil, true, false, false),
        (.gridWorker, ["/1/2/6/"], nil, true, false, false),
        (.gridWorker, ["/1/2/6/"], 7, true, false, true),
        (.gridWorker, ["/1/3/9/"], 7, false, false, false),
        (.enterprise, [], 7, false, false, false),
    ])
    func rights(role: Role, scope: [String], owner: Int?, view: Bool, manage: Bool, report: Bool) {
        let actor = Actor(userId: 7, role: role, scopePaths: scope)
        #expect(CampaignPermissions.canView(actor, campaignPath: "/1/2/") == view)
        #expect(CampaignPermissions.mayManage(actor, campaignPath: "/1/2/") == manage)
        #expect(CampaignPermissions.mayReport(actor, campaignPath: "/1/2/", ownerUserId: owner) == report)
    }
}
