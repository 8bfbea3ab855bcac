import SafeGridDomain

/// Texts of risk grading and the four-colour maps (风险分级管控、两张图).
extension Catalogue {
    static let risk: [String: Entry] = riskErrors.merging(riskPages) { a, _ in a }.merging(riskOptions) { a, _ in a }

    /// The shipped tables' value descriptions, `risk.option.<method>.<factor>.<value>`: Chinese
    /// as published, English here. An office's own descriptions are shown as entered.
    static let riskOptions: [String: Entry] = {
        let english: [String: String] = [
            "lec.L.10": "Fully expected", "lec.L.6": "Quite possible", "lec.L.3": "Possible but unusual",
            "lec.L.1": "Unlikely, a pure accident", "lec.L.0.5": "Very unlikely but conceivable", "lec.L.0.2": "Extremely unlikely",
            "lec.L.0.1": "Practically impossible",
            "E.10": "Continuous exposure", "E.6": "Daily during working hours", "E.3": "Weekly or now and then",
            "E.2": "About monthly", "E.1": "A few times a year", "E.0.5": "Very rarely",
            "lec.C.100": "Catastrophe, many deaths", "lec.C.40": "Disaster, several deaths", "lec.C.15": "Very serious, one death",
            "lec.C.7": "Serious injury", "lec.C.3": "Major, disabling injury", "lec.C.1": "Noticeable, first aid needed",
            "ls.L.5": "Almost certain", "ls.L.4": "Very likely", "ls.L.3": "Possible", "ls.L.2": "Unlikely", "ls.L.1": "Hardly possible",
            "ls.S.5": "Several deaths or a major loss", "ls.S.4": "One death or a large loss", "ls.S.3": "Serious injury or a moderate loss",
            "ls.S.2": "Minor injury or a small loss", "ls.S.1": "No casualties, a slight loss",
            "mes.M.5": "No control measures", "mes.M.3": "Emergency measures that reduce the consequences", "mes.M.1": "Preventive measures in place",
            "mes.S.10": "Several deaths", "mes.S.8": "One death", "mes.S.4": "Permanent disability", "mes.S.2": "Hospital treatment needed",
            "mes.S.1": "Minor, first aid only",
        ]
        var entries: [String: Entry] = [:]
        for method in RiskMethod.allCases {
            for factor in RiskTable.defaultTable(method).factors {
                for option in factor.options {
                    let value = RiskScore.format(option.value)
                    let en = english["\(method.rawValue).\(factor.code).\(value)"] ?? english["\(factor.code).\(value)"] ?? option.label
                    entries["risk.option.\(method.rawValue).\(factor.code).\(value)"] = Entry(zh: option.label, en: en)
                }
            }
        }
        return entries
    }()

    static let riskErrors: [String: Entry] = [
        "error.risk.option": .init(zh: "请从评价表中选择一个值：{0}。", en: "Choose one of the table's values: {0}."),
        "error.risk.unknown_factor": .init(zh: "该评价方法没有这个因素。", en: "This method has no such factor."),
        "error.risk.factors": .init(zh: "因素必须依次为 {0}。", en: "The factors must be {0}, in this order."),
        "error.risk.option_value": .init(zh: "取值必须是大于 0 的数。", en: "Values must be numbers above 0."),
        "error.risk.option_label": .init(zh: "每个取值都需要说明。", en: "Every value needs a description."),
        "error.risk.option_duplicate": .init(zh: "取值不能重复。", en: "Values must not repeat."),
        "error.risk.bands": .init(zh: "分级界限须满足：重大 > 较大 > 一般 ≥ 0。", en: "Band edges must satisfy red > orange > yellow ≥ 0."),
        "error.risk.self_approval": .init(zh: "不能审核自己提交的风险评估。", en: "You cannot approve your own assessment."),
        "error.risk.not_draft": .init(zh: "该评估已审核，不能重复审核。", en: "This assessment has already been approved."),
        "error.geojson.syntax": .init(zh: "文件不是有效的 GeoJSON。", en: "The file is not valid GeoJSON."),
        "error.geojson.features": .init(zh: "需要 GeoJSON 要素集合（FeatureCollection）。", en: "A GeoJSON FeatureCollection is needed."),
        "error.geojson.feature": .init(zh: "第 {0} 个要素的几何数据不完整。", en: "Feature {0} has incomplete geometry."),
        "error.geojson.geometry": .init(zh: "第 {0} 个要素不是面（Polygon 或 MultiPolygon）。", en: "Feature {0} is not a Polygon or MultiPolygon."),
        "error.geojson.ring": .init(zh: "第 {0} 个要素的边界至少需要 3 个不同的点。", en: "Feature {0} has a ring of fewer than 3 points."),
        "error.geojson.range": .init(zh: "第 {0} 个要素的经纬度超出范围。", en: "Feature {0} has coordinates out of range."),
    ]

    static let riskPages: [String: Entry] = [
        "risk.level.red": .init(zh: "重大风险", en: "Major risk"),
        "risk.level.orange": .init(zh: "较大风险", en: "Significant risk"),
        "risk.level.yellow": .init(zh: "一般风险", en: "General risk"),
        "risk.level.blue": .init(zh: "低风险", en: "Low risk"),
        "risk.level.none": .init(zh: "未评估", en: "Not assessed"),
        "risk.method.lec": .init(zh: "LEC 作业条件危险性评价法", en: "LEC (likelihood × exposure × consequence)"),
        "risk.method.ls": .init(zh: "LS 风险矩阵法", en: "LS risk matrix (likelihood × severity)"),
        "risk.method.mes": .init(zh: "MES 评价法", en: "MES (measures × exposure × severity)"),
        "risk.factor.lec.L": .init(zh: "L 事故发生的可能性", en: "L likelihood of an accident"),
        "risk.factor.lec.E": .init(zh: "E 暴露于危险环境的频繁程度", en: "E exposure to the hazard"),
        "risk.factor.lec.C": .init(zh: "C 发生事故可能造成的后果", en: "C consequence of an accident"),
        "risk.factor.ls.L": .init(zh: "L 事件发生的可能性", en: "L likelihood"),
        "risk.factor.ls.S": .init(zh: "S 后果严重程度", en: "S severity"),
        "risk.factor.mes.M": .init(zh: "M 控制措施状态", en: "M state of control measures"),
        "risk.factor.mes.E": .init(zh: "E 人体暴露或危险状态出现的频繁程度", en: "E exposure"),
        "risk.factor.mes.S": .init(zh: "S 事故可能后果", en: "S possible consequence"),
        "risk.control.company": .init(zh: "单位（公司）级管控，报乡镇、区县", en: "Company level, reported to township and district"),
        "risk.control.department": .init(zh: "部门（车间）级管控", en: "Department (workshop) level"),
        "risk.control.team": .init(zh: "班组级管控", en: "Team level"),
        "risk.control.post": .init(zh: "岗位级管控", en: "Post level"),
        "risk.state.draft": .init(zh: "待审核", en: "Draft"),
        "risk.state.approved": .init(zh: "已审核", en: "Approved"),

        "nav.risks": .init(zh: "风险清单", en: "Risks"),
        "nav.maps": .init(zh: "四色图", en: "Risk maps"),
        "risk.link": .init(zh: "风险评估", en: "Risk"),
        "risk.page_title": .init(zh: "{0} · 风险评估", en: "{0} · risk assessment"),
        "risk.current": .init(zh: "当前风险等级（最近一次审核通过的评估）", en: "Current level (latest approved assessment)"),
        "risk.displayed": .init(zh: "显示等级", en: "Shown level"),
        "risk.major_hazard_red": .init(zh: "存在未销号的重大隐患，销号前按重大风险显示。", en: "An open major hazard shows this place as a major risk until it is closed."),
        "risk.new": .init(zh: "新增风险评估", en: "New assessment"),
        "risk.method": .init(zh: "评价方法", en: "Method"),
        "risk.table_version_n": .init(zh: "评价表第 {0} 版", en: "table version {0}"),
        "risk.table_version": .init(zh: "评价表版本", en: "Table version"),
        "risk.bands": .init(zh: "分级：{0} 以上重大，{1} 以上较大，{2} 以上一般，其余为低风险（界限值归入较低一级）", en: "Bands: above {0} major, above {1} significant, above {2} general, else low (an edge value falls in the lower band)"),
        "risk.note": .init(zh: "说明（风险点、主要危险因素、管控措施）", en: "Notes (risk point, main hazards, controls)"),
        "risk.submit": .init(zh: "提交评估（待审核）", en: "Submit for approval"),
        "risk.history": .init(zh: "评估记录", en: "Assessment history"),
        "risk.history_empty": .init(zh: "尚无风险评估。", en: "No assessments yet."),
        "risk.date": .init(zh: "评估时间", en: "Assessed"),
        "risk.inputs": .init(zh: "取值", en: "Values"),
        "risk.score": .init(zh: "分值", en: "Score"),
        "risk.level": .init(zh: "风险等级", en: "Level"),
        "risk.control": .init(zh: "管控层级", en: "Control level"),
        "risk.state": .init(zh: "状态", en: "State"),
        "risk.assessed_by": .init(zh: "评估人", en: "Assessed by"),
        "risk.approved_by": .init(zh: "审核人", en: "Approved by"),
        "risk.approve": .init(zh: "审核通过", en: "Approve"),
        "risk.approved_ok": .init(zh: "已审核通过，场所风险等级已更新。", en: "Approved; the place's level is updated."),
        "risk.saved_ok": .init(zh: "评估已提交，等待乡镇审核。", en: "Assessment saved; it awaits approval."),
        "risk.list_title": .init(zh: "重大/较大风险清单", en: "Major and significant risks"),
        "risk.list_empty": .init(zh: "没有符合条件的风险。", en: "No risks match."),
        "risk.filter_level": .init(zh: "风险等级", en: "Level"),
        "risk.filter_major": .init(zh: "重大和较大", en: "Major and significant"),
        "risk.place": .init(zh: "场所", en: "Place"),
        "risk.approved_at": .init(zh: "审核时间", en: "Approved"),

        "maps.region": .init(zh: "全域风险四色图", en: "Region risk map"),
        "maps.enterprises": .init(zh: "企业风险四色图", en: "Enterprise risk map"),
        "maps.region_title": .init(zh: "{0}全域安全风险四色图", en: "{0}: region-wide four-colour risk map"),
        "maps.enterprise_title": .init(zh: "{0}企业安全风险四色图", en: "{0}: enterprise four-colour risk map"),
        "maps.no_boundaries": .init(zh: "尚未导入网格边界。", en: "No grid boundaries imported yet."),
        "maps.zoom": .init(zh: "缩放到", en: "Zoom to"),
        "maps.up": .init(zh: "↑ 上一级", en: "↑ Up one level"),
        "maps.show": .init(zh: "显示", en: "Show"),
        "maps.labels": .init(zh: "隐藏名称", en: "Hide names"),
        "maps.tiles": .init(zh: "叠加在线底图（需联网）", en: "Online base map (needs the network)"),
        "maps.print": .init(zh: "打印版", en: "Print layout"),
        "maps.svg": .init(zh: "下载 SVG", en: "Download SVG"),
        "maps.grid": .init(zh: "网格", en: "Grid"),
        "maps.colour": .init(zh: "颜色", en: "Colour"),
        "maps.places": .init(zh: "场所数（重大/较大/一般/低/未评估）", en: "Places (major/significant/general/low/not assessed)"),
        "maps.rule": .init(zh: "网格颜色取其范围内场所的最高风险等级；存在未销号重大隐患的场所按重大风险显示。", en: "A grid takes the highest level among its places; a place with an open major hazard shows as major."),
        "maps.rule_plain": .init(zh: "网格颜色取其范围内场所的最高风险等级。", en: "A grid takes the highest level among its places."),
        "maps.boundaries": .init(zh: "导入网格边界", en: "Import grid boundaries"),
        "maps.boundaries_hint": .init(zh: "GeoJSON 要素集合，每个要素的属性中写网格编码；面（Polygon/MultiPolygon）坐标为 WGS-84，来自高德、腾讯等手机地图的请选 GCJ-02。", en: "A GeoJSON FeatureCollection with the grid code in each feature's properties; Polygon or MultiPolygon in WGS-84, or GCJ-02 when copied from phone maps."),
        "maps.file": .init(zh: "GeoJSON 文件", en: "GeoJSON file"),
        "maps.crs": .init(zh: "坐标系", en: "Coordinate system"),
        "maps.crs.wgs84": .init(zh: "WGS-84（GPS、天地图）", en: "WGS-84 (GPS, Tianditu)"),
        "maps.crs.gcj02": .init(zh: "GCJ-02（高德、腾讯）", en: "GCJ-02 (Amap, Tencent)"),
        "maps.property": .init(zh: "编码属性名", en: "Code property"),
        "maps.import": .init(zh: "导入", en: "Import"),
        "maps.imported": .init(zh: "已更新 {0} 个网格的边界。", en: "Boundaries of {0} grids updated."),
        "maps.unmatched": .init(zh: "未匹配的要素：{0}", en: "Features matching no grid: {0}"),
    ]
}
