import Foundation
import SafeGridDomain
import Vapor

/// A campaign's task list as a workbook: the list itself (whose columns the task import
/// reads back) and a sheet of the published figures.
enum CampaignExport {
    /// Column keys of the task sheet, in order; `campaign.col.<key>` names them.
    static let taskColumns = ["title", "description", "ownerName", "deadline", "targetCount", "doneCount", "completedOn",
                              "result", "status", "progress", "daysOverdue", "evidence"]

    static func workbook(_ campaign: CampaignRecord, tasks: [CampaignTaskRecord], evidence: [Int: [Int]],
                         progress: CampaignProgressDTO, today: CivilDate, t: Texts) -> Workbook {
        let rows = tasks.map { task -> [Cell] in
            let facts = task.facts
            return [
                .text(task.title), .text(task.description), .text(task.ownerName), .date(facts.deadline),
                .integer(task.targetCount), .integer(task.doneCount), .date(facts.completedOn), .text(task.result),
                .text(t.label("campaign.status", CampaignRules.status(facts))),
                .percent(Double(CampaignRules.progressPerMille(facts)) / 1000),
                .integer(CampaignRules.daysOverdue(facts, today: today)), .integer(evidence[task.id ?? 0]?.count ?? 0),
            ]
        }
        let tasksSheet = Sheet(name: t("campaign.sheet.tasks"), header: taskColumns.map { t("campaign.col.\($0)") }, rows: rows,
                               widths: [36, 30, 18, 12, 10, 10, 12, 36, 10, 8, 10, 10])
        let figures: [[Cell]] = [
            [.text(t("campaign.name")), .text(campaign.name)],
            [.text(t("campaign.theme")), .text(campaign.theme)],
            [.text(t("campaign.start")), .date(campaign.period.start)],
            [.text(t("campaign.end")), .date(campaign.period.end)],
            [.text(t("campaign.days")), .integer(progress.days)],
            [.text(t("campaign.phase")), .text(t.label("campaign.phase", progress.phase))],
            [.text(t("campaign.tasks_total")), .integer(progress.total)],
            [.text(t("campaign.tasks_done")), .integer(progress.done)],
            [.text(t("campaign.tasks_overdue")), .integer(progress.overdue)],
            [.text(t("campaign.progress")), .percent(progress.progressPercent / 100)],
            [.text(t("campaign.hazards")), .integer(progress.hazards)],
            [.text(t("campaign.hazards_closed")), .integer(progress.hazardsClosed)],
            [.text(t("campaign.inspections")), .integer(progress.inspections)],
            [.text(t("campaign.as_of")), .date(today)],
        ]
        let summary = Sheet(name: t("campaign.sheet.progress"), header: [t("campaign.figure"), t("campaign.value")],
                            rows: figures, widths: [20, 40])
        return Workbook(sheets: [tasksSheet, summary])
    }
}
