/// Texts of checklists, inspections, patrol schedules, "my tasks" and coverage.
extension Catalogue {
    static let inspections: [String: Entry] = inspectionErrors
        .merging(inspectionVocabulary) { a, _ in a }
        .merging(inspectionPages) { a, _ in a }

    static let inspectionErrors: [String: Entry] = [
        "error.inspection.photo_required": .init(zh: "该项不合格时须拍照留证。", en: "A photo is required when this item fails."),
        "error.inspection.kind_not_allowed": .init(zh: "您的角色不能进行这一类检查。", en: "Your role cannot run this kind of inspection."),
        "error.inspection.co_inspector_scope": .init(zh: "{0} 的管辖范围不含该场所，不能作为共同检查人。", en: "{0} has no reach over this place and cannot be a co-inspector."),
        "error.inspection.campaign_scope": .init(zh: "该专项整治不存在，或该场所不在其范围内。", en: "No such campaign, or the place lies outside it."),
        "error.inspection.future": .init(zh: "时间不能晚于现在。", en: "The time cannot be in the future."),
        "error.inspection.too_old": .init(zh: "只能补录一年以内的检查。", en: "Only inspections from the past year can be recorded."),
        "error.inspection.unknown_template": .init(zh: "检查表不存在或已停用。", en: "No such checklist, or it has been replaced."),
        "error.inspection.finished": .init(zh: "检查已结束，记录不能再修改。", en: "The inspection is finished; its record can no longer change."),
        "error.inspection.cancelled": .init(zh: "检查已取消，记录不能再修改。", en: "The inspection was cancelled; its record can no longer change."),
        "error.inspection.ends_before_start": .init(zh: "结束时间不能早于开始时间。", en: "The end cannot be before the start."),
        "error.inspection.unanswered": .init(zh: "还有 {0} 项未填写检查结果。", en: "{0} items still have no result."),
        "error.inspection.unknown_item": .init(zh: "检查项不存在。", en: "No such checklist item."),
        "error.inspection.item_not_failed": .init(zh: "只有不合格的检查项才能转为隐患。", en: "Only a failed item can become a hazard."),
        "error.inspection.hazard_exists": .init(zh: "该检查项已转为隐患。", en: "This item has already become a hazard."),
        "error.checklist.no_items": .init(zh: "检查表至少要有一项。", en: "A checklist needs at least one item."),
        "error.checklist.too_many": .init(zh: "检查表最多 {0} 项。", en: "A checklist has at most {0} items."),
        "error.checklist.not_current": .init(zh: "只能修改检查表的最新版本，请刷新后再改。", en: "Only the latest version can be edited; reload and try again."),
        "error.patrol.interval": .init(zh: "间隔须在 1 到 {0} 之间。", en: "The interval must be between 1 and {0}."),
        "error.coverage.range": .init(zh: "开始日期不能晚于结束日期。", en: "The start date cannot be after the end date."),
    ]

    static let inspectionVocabulary: [String: Entry] = [
        // The pre-filled description of a hazard made from a failed item; stored with the hazard.
        "inspection.hazard_description": .init(zh: "检查项：{0} · {1}", en: "Checklist item: {0} · {1}"),
        "inspection.hazard_finding": .init(zh: "检查发现：{0}", en: "Found: {0}"),
        "inspection_kind.grid": .init(zh: "网格巡查", en: "Grid patrol"),
        "inspection_kind.territorial": .init(zh: "属地检查", en: "Territorial inspection"),
        "inspection_kind.industry": .init(zh: "行业检查", en: "Sector inspection"),
        "inspection_kind.enterprise": .init(zh: "企业自查", en: "Self-inspection"),
        "inspection_kind.expert": .init(zh: "专家检查", en: "Expert inspection"),
        "item_result.pass": .init(zh: "合格", en: "Pass"),
        "item_result.fail": .init(zh: "不合格", en: "Fail"),
        "item_result.not_applicable": .init(zh: "不涉及", en: "N/A"),
        "patrol_unit.days": .init(zh: "天", en: "days"),
        "patrol_unit.workdays": .init(zh: "个工作日", en: "working days"),
        "patrol_unit.months": .init(zh: "个月", en: "months"),
        "patrol_risk.red": .init(zh: "重大风险（红）", en: "Major (red)"),
        "patrol_risk.orange": .init(zh: "较大风险（橙）", en: "Considerable (orange)"),
        "patrol_risk.yellow": .init(zh: "一般风险（黄）", en: "Moderate (yellow)"),
        "patrol_risk.blue": .init(zh: "低风险（蓝）", en: "Low (blue)"),
        "patrol_risk.unassessed": .init(zh: "未评估", en: "Not assessed"),
        "coverage.total": .init(zh: "合计", en: "Total"),
    ]
}
