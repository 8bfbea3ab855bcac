/// Texts of the registers (activities, accidents, public reports), the assessment and the
/// bulletins (issue 6).
extension Catalogue {
    static let reports: [String: Entry] = reportVocabulary.merging(reportSentences) { a, _ in a }.merging(reportPages) { a, _ in a }

    static let reportVocabulary: [String: Entry] = [
        "activity.publicity": .init(zh: "安全宣传", en: "Publicity"),
        "activity.training": .init(zh: "安全培训", en: "Training"),
        "activity.lecture": .init(zh: "安全大讲堂", en: "Safety lecture"),
        "activity.drill": .init(zh: "应急演练", en: "Drill"),

        "accident.fire": .init(zh: "火灾", en: "Fire"),
        "accident.traffic": .init(zh: "道路交通", en: "Road traffic"),
        "accident.construction": .init(zh: "建筑施工", en: "Construction"),
        "accident.electrocution": .init(zh: "触电", en: "Electrocution"),
        "accident.fall": .init(zh: "高处坠落", en: "Fall from height"),
        "accident.gasPoisoning": .init(zh: "燃气中毒", en: "Gas poisoning"),
        "accident.explosion": .init(zh: "爆炸", en: "Explosion"),
        "accident.collapse": .init(zh: "坍塌", en: "Collapse"),
        "accident.drowning": .init(zh: "溺水", en: "Drowning"),
        "accident.other": .init(zh: "其他", en: "Other"),

        "liability.liability": .init(zh: "责任事故", en: "Liability accident"),
        "liability.nonLiability": .init(zh: "非责任事故", en: "Not a liability accident"),
        "liability.undetermined": .init(zh: "待认定", en: "To be determined"),

        "channel.hotline12345": .init(zh: "12345 热线", en: "12345 hotline"),
        "channel.phone": .init(zh: "电话", en: "Phone"),
        "channel.visit": .init(zh: "来访", en: "Visit"),
        "channel.online": .init(zh: "网络", en: "Online"),
        "channel.letter": .init(zh: "来信", en: "Letter"),
        "channel.other": .init(zh: "其他", en: "Other"),

        "indicator.closureRate": .init(zh: "结案率", en: "Closure rate"),
        "indicator.onTimeRate": .init(zh: "按期整改率", en: "On-time rectification rate"),
        "indicator.reworkRate": .init(zh: "返工率", en: "Rework rate"),
        "indicator.inspectionCoverage": .init(zh: "巡查覆盖率", en: "Inspection coverage"),
        "indicator.publicReportsHandled": .init(zh: "群众举报办结率", en: "Public reports handled"),
        "indicator.activitiesHeld": .init(zh: "宣传培训演练开展", en: "Activities held"),

        "assessment.grade.excellent": .init(zh: "优秀", en: "Excellent"),
        "assessment.grade.good": .init(zh: "良好", en: "Good"),
        "assessment.grade.pass": .init(zh: "合格", en: "Pass"),
        "assessment.grade.fail": .init(zh: "不合格", en: "Fail"),
        "assessment.grade.noData": .init(zh: "无数据", en: "No data"),

        "target.village": .init(zh: "村（社区）", en: "Villages and communities"),
        "target.gridWorker": .init(zh: "网格员", en: "Grid workers"),

        "period.week": .init(zh: "周", en: "Week"),
        "period.month": .init(zh: "月", en: "Month"),
        "period.quarter": .init(zh: "季度", en: "Quarter"),
        "period.year": .init(zh: "年度", en: "Year"),
        "period.custom": .init(zh: "自定义", en: "Custom"),

        "visits.enterprise": .init(zh: "企业", en: "Enterprises"),
        "visits.shop": .init(zh: "门店", en: "Shops"),
        "visits.building": .init(zh: "楼院", en: "Buildings"),
        "visits.market": .init(zh: "集贸市场", en: "Markets"),
        "visits.other": .init(zh: "其他场所", en: "Other places"),

        "error.register.people_range": .init(zh: "人数应在 {0} 到 {1} 之间。", en: "Between {0} and {1} people."),
        "error.register.future_date": .init(zh: "日期不能晚于今天。", en: "The date cannot be after today."),
        "error.register.handled_before_received": .init(zh: "办结日期不能早于受理日期。", en: "A report cannot be handled before it was received."),
        "error.register.reply_required": .init(zh: "办结时须填写答复内容。", en: "A handled report needs the reply given."),
        "error.register.unknown_hazard": .init(zh: "隐患不存在或不在您的管辖范围内。", en: "No such hazard within your scope."),
        "error.assessment.weight_range": .init(zh: "权重应在 0 到 100 之间。", en: "Weights lie between 0 and 100."),
        "error.assessment.no_weight": .init(zh: "至少一项指标的权重须大于 0。", en: "At least one indicator needs a weight above 0."),
        "error.assessment.activity_target": .init(zh: "活动目标次数至少为 1。", en: "The activity target is at least 1."),
        "error.assessment.grade_order": .init(zh: "等级分数线应满足 0 ≤ 合格 ≤ 良好 ≤ 优秀 ≤ 1000。", en: "Grade thresholds need 0 ≤ pass ≤ good ≤ excellent ≤ 1000."),
        "error.assessment.custom_period": .init(zh: "考核周期须为周、月、季度或年度。", en: "Assessment periods are weeks, months, quarters or years."),
        "error.report.period": .init(zh: "周期格式应为 2026-W48、2026-11、2026-Q4、2026 或 2026-11-01..2026-11-26。",
                                     en: "Periods are written 2026-W48, 2026-11, 2026-Q4, 2026 or 2026-11-01..2026-11-26."),
    ]

    /// Pieces of a bulletin's summary; `{0}`, `{1}` are the numbers of `BulletinClause`.
    static let reportSentences: [String: Entry] = [
        "bulletin.sentence": .init(zh: "{0}{1}：{2}。", en: "{0}, {1}: {2}."),
        "bulletin.open_sentence": .init(zh: "截至 {0}，{1}。", en: "As of {0}: {1}."),
        "bulletin.visits_lead": .init(zh: "排查", en: "inspections of "),
        "bulletin.clause.visits.enterprise": .init(zh: "企业 {0} 家次", en: "{0} enterprise visits"),
        "bulletin.clause.visits.shop": .init(zh: "门店 {0} 家次", en: "{0} shop visits"),
        "bulletin.clause.visits.building": .init(zh: "楼院 {0} 栋次", en: "{0} building visits"),
        "bulletin.clause.visits.market": .init(zh: "集贸市场 {0} 家次", en: "{0} market visits"),
        "bulletin.clause.visits.other": .init(zh: "其他场所 {0} 家次", en: "{0} visits to other places"),
        "bulletin.clause.night": .init(zh: "开展夜查 {0} 次", en: "{0} night checks"),
        "bulletin.clause.hazards_found_rectified": .init(zh: "排查整治隐患 {0} 个（处）", en: "{0} hazards found and rectified"),
        "bulletin.clause.hazards": .init(zh: "发现隐患 {0} 处、整改销号 {1} 处", en: "{0} hazards found and {1} rectified"),
        "bulletin.clause.major": .init(zh: "其中重大隐患 {0} 处", en: "{0} of them major"),
        "bulletin.clause.reports": .init(zh: "接到群众举报 {0} 次、核实处理 {1} 次", en: "{0} public reports received and {1} handled"),
        "bulletin.clause.drills": .init(zh: "开展应急演练 {0} 次", en: "{0} drills"),
        "bulletin.clause.drills_people": .init(zh: "开展应急演练 {0} 次、参演 {1} 人", en: "{0} drills with {1} participants"),
        "bulletin.clause.lecture": .init(zh: "开展安全大讲堂 {0} 次", en: "{0} safety lectures"),
        "bulletin.clause.publicity": .init(zh: "开展安全宣传 {0} 次", en: "{0} publicity events"),
        "bulletin.clause.training": .init(zh: "开展安全培训 {0} 次", en: "{0} training sessions"),
        "bulletin.clause.people_reached": .init(zh: "影响群众 {0} 人", en: "reaching {0} people"),
        "bulletin.clause.people_reached_wan": .init(zh: "影响群众 {0} 人（约 {1} 万人）", en: "reaching {0} people"),
        "bulletin.clause.open": .init(zh: "尚有未销号隐患 {0} 处", en: "{0} hazards still open"),
        "bulletin.clause.overdue": .init(zh: "其中逾期 {0} 处", en: "{0} of them past the deadline"),
        "bulletin.clause.major_open": .init(zh: "重大隐患未销号 {0} 处", en: "{0} major hazards open"),
        "bulletin.clause.accidents": .init(zh: "发生事故 {0} 起（其中责任事故 {1} 起）", en: "{0} accidents ({1} liability accidents)"),
        "bulletin.period.week": .init(zh: "{0} 年第 {1} 周（{2} 至 {3}）", en: "week {1} of {0} ({2} to {3})"),
        "bulletin.period.month": .init(zh: "{0} 年 {1} 月", en: "{1}/{0}"),
        "bulletin.period.quarter": .init(zh: "{0} 年第 {1} 季度", en: "Q{1} {0}"),
        "bulletin.period.year": .init(zh: "{0} 年度", en: "the year {0}"),
        "bulletin.period.custom": .init(zh: "{0} 至 {1}", en: "{0} to {1}"),
    ]
}
