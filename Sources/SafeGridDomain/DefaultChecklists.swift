/// The checklists shipped with SafeGrid, written for it. Administrators edit them in the
/// application; these are only the first version of each. A category without its own
/// template uses the general one (`other`).
public enum DefaultChecklists {
    typealias I = ChecklistItemSpec

    public static let all: [ChecklistSpec] = [
        threeInOneShop, rentalHousing, market, industrialEnterprise, constructionSite,
        warehouse, crowdedPlace, gas, selfBuiltHouse, general,
    ]

    static let threeInOneShop = ChecklistSpec(category: .threeInOneShop, name: "三合一场所检查表", items: [
        I("住宿与分隔", "住人区域与经营、仓储区域之间采用不燃材料实体墙完全分隔", photo: true, .fire),
        I("住宿与分隔", "住人区域设有独立的疏散通道或逃生出口", photo: true, .fire),
        I("住宿与分隔", "住人区域未设在地下室、半地下室", .fire),
        I("消防设施", "按要求配置灭火器且压力正常、在有效期内", photo: true, .fire),
        I("消防设施", "安装独立式感烟火灾探测报警器并能正常报警", .fire),
        I("消防设施", "门窗未设置影响逃生的防盗网、广告牌", photo: true, .fire),
        I("用电用火", "电气线路穿管保护，无私拉乱接、超负荷用电", photo: true, .electrical),
        I("用电用火", "电动自行车及电池未在室内、楼道停放或充电", photo: true, .electrical),
        I("用电用火", "厨房用火远离可燃物，燃气管道和软管完好", .gas),
        I("安全管理", "经营者知道报警方法、会用灭火器、会组织疏散", .fire),
    ])

    static let rentalHousing = ChecklistSpec(category: .rentalHousing, name: "出租房屋检查表", items: [
        I("房屋与通道", "楼梯、走道、安全出口畅通，无杂物堆放", photo: true, .fire),
        I("房屋与通道", "每层出租房间数量、居住人数与房屋条件相符，无群租隔断", .structure),
        I("房屋与通道", "窗户和阳台未被防盗网完全封死，留有逃生口", .fire),
        I("消防与用电", "公共区域配置灭火器、应急照明和疏散指示", photo: true, .fire),
        I("消防与用电", "房间安装烟感报警器（智能烟感在线）", .fire),
        I("消防与用电", "电动自行车集中停放充电，无飞线充电、入户充电", photo: true, .electrical),
        I("消防与用电", "电线未乱拉乱接，房间未使用大功率违规电器", .electrical),
        I("燃气", "使用燃气的房间通风良好，未在卧室内使用燃气", .gas),
        I("管理责任", "房东签订治安消防责任书，登记承租人信息", .other),
    ])

    static let market = ChecklistSpec(category: .market, name: "集贸市场检查表", items: [
        I("通道与摊位", "主要通道宽度满足疏散要求，摊位未占道经营", photo: true, .fire),
        I("通道与摊位", "安全出口数量足够、标识清楚且未上锁", photo: true, .fire),
        I("消防设施", "室内消火栓有水、水带水枪齐全，灭火器配置到摊位", .fire),
        I("消防设施", "消防车通道未被车辆、棚架占用", photo: true, .fire),
        I("用电用气", "摊位用电由专业人员敷设，配电箱有漏电保护", photo: true, .electrical),
        I("用电用气", "餐饮摊点使用的液化气钢瓶在检验期内并规范存放", photo: true, .gas),
        I("建筑与设施", "顶棚、雨棚、广告牌牢固，无变形、锈蚀脱落危险", .structure),
        I("食品与管理", "市场开办方有安全管理人员，夜间有值守巡查", .other),
    ])

    static let industrialEnterprise = ChecklistSpec(category: .industrialEnterprise, name: "工贸企业检查表", items: [
        I("主体责任", "建立全员安全生产责任制，主要负责人和安全管理人员持证", .other),
        I("主体责任", "开展隐患自查并建立台账，整改闭环有记录", .other),
        I("主体责任", "从业人员经安全培训，特种作业人员持证上岗", .specialEquipment),
        I("设备设施", "机械设备转动部位防护罩齐全，设备接地良好", photo: true, .specialEquipment),
        I("设备设施", "起重机械、压力容器、叉车等特种设备在检验有效期内", photo: true, .specialEquipment),
        I("重点作业", "粉尘涉爆场所定期清扫，除尘系统防爆措施有效", photo: true, .hazardousChemicals),
        I("重点作业", "有限空间作业实行审批，先通风、再检测、后作业", .other),
        I("重点作业", "危险化学品分类存放，有专人管理和出入库登记", photo: true, .hazardousChemicals),
        I("消防与疏散", "厂房、仓库安全出口和疏散通道畅通，应急照明有效", photo: true, .fire),
        I("应急管理", "有应急预案并按计划演练，应急物资齐全", .other),
    ])

    static let constructionSite = ChecklistSpec(category: .constructionSite, name: "在建工程检查表", items: [
        I("现场管理", "施工许可、项目负责人和专职安全员在岗", .construction),
        I("现场管理", "危大工程有专项方案，超规模的经专家论证", .construction),
        I("高处与临边", "临边、洞口防护到位，作业人员系挂安全带", photo: true, .construction),
        I("高处与临边", "脚手架搭设规范，有验收挂牌", photo: true, .construction),
        I("机械设备", "塔吊、施工升降机检测合格，司机和信号工持证", photo: true, .specialEquipment),
        I("机械设备", "基坑支护和降水措施到位，周边无超载堆放", photo: true, .construction),
        I("临时用电", "临时用电三级配电两级保护，一机一闸一漏", photo: true, .electrical),
        I("消防与生活区", "动火作业审批、看火人到位，生活区无违规用电", .fire),
    ])

    static let warehouse = ChecklistSpec(category: .warehouse, name: "仓储物流检查表", items: [
        I("储存", "货物分类分区堆放，与灯具、墙、柱保持安全距离", photo: true, .fire),
        I("储存", "仓库内未设办公室、住人，无违规住宿", photo: true, .fire),
        I("储存", "危险品单独存放并有明显标识", .hazardousChemicals),
        I("消防", "自动喷水、消火栓等消防设施完好有效", .fire),
        I("消防", "防火分区和防火门未被破坏或常开堵塞", photo: true, .fire),
        I("装卸与车辆", "叉车等场内车辆定期检验，驾驶人员持证", .specialEquipment),
        I("装卸与车辆", "装卸区域划线分区，车辆行驶路线清楚", .traffic),
        I("用电", "仓库内电气线路穿管敷设，库内不使用电热器具", photo: true, .electrical),
    ])

    static let crowdedPlace = ChecklistSpec(category: .crowdedPlace, name: "人员密集场所检查表", items: [
        I("疏散", "安全出口、疏散通道畅通，营业期间未锁闭", photo: true, .fire),
        I("疏散", "疏散指示标志和应急照明完好，指向正确", photo: true, .fire),
        I("疏散", "营业人数未超过核定人数", .fire),
        I("消防设施", "火灾自动报警、喷淋系统处于正常运行状态", .fire),
        I("消防设施", "消防控制室有持证人员24小时值班", .fire),
        I("装修与用电", "室内装修使用不燃、难燃材料，未违规使用易燃材料", photo: true, .fire),
        I("装修与用电", "电气线路无老化、私拉乱接", photo: true, .electrical),
        I("管理", "有应急疏散预案，员工经过培训并开展演练", .other),
    ])

    static let gas = ChecklistSpec(category: .gas, name: "燃气使用场所检查表", items: [
        I("气瓶与管道", "液化气钢瓶在检验期内，来源为正规供应站", photo: true, .gas),
        I("气瓶与管道", "钢瓶直立放置并固定，未倒置、卧放或加热", photo: true, .gas),
        I("气瓶与管道", "连接软管为专用耐油胶管，长度合规，无老化龟裂", photo: true, .gas),
        I("安全装置", "安装燃气泄漏报警装置并与切断阀联动", photo: true, .gas),
        I("安全装置", "灶具带熄火保护装置", .gas),
        I("场所条件", "使用燃气的场所通风良好，未设在地下或半地下", .gas),
        I("场所条件", "气瓶间与用火点分开设置，未存放备用钢瓶超量", .gas),
        I("人员", "使用人员知晓关阀、开窗、不动电器的应急处置方法", .gas),
    ])

    static let selfBuiltHouse = ChecklistSpec(category: .selfBuiltHouse, name: "自建房检查表", items: [
        I("结构安全", "承重墙、梁、柱无明显裂缝、倾斜、变形", photo: true, .structure),
        I("结构安全", "未擅自加层、拆改承重结构或开挖地下室", photo: true, .structure),
        I("结构安全", "屋面、阳台、挑檐无渗漏和脱落危险", .structure),
        I("用途与经营", "用于经营或出租的，已经安全鉴定且用途与鉴定相符", .structure),
        I("用途与经营", "人员居住数量与房屋条件相符", .structure),
        I("消防与用电", "楼梯间畅通，电动自行车未在室内充电", photo: true, .electrical),
        I("消防与用电", "配置灭火器和烟感报警器", .fire),
        I("周边环境", "房屋周边无滑坡、洪水等地质灾害威胁", .naturalDisaster),
    ])

    static let general = ChecklistSpec(category: .other, name: "通用安全检查表", items: [
        I("消防", "灭火器配置到位且在有效期内", photo: true, .fire),
        I("消防", "安全出口和疏散通道畅通", photo: true, .fire),
        I("消防", "疏散指示和应急照明完好", .fire),
        I("用电用气", "电气线路无私拉乱接，电动自行车规范停放充电", photo: true, .electrical),
        I("用电用气", "燃气设施完好，有泄漏报警装置", .gas),
        I("建筑", "建筑物无明显破损、变形等安全隐患", .structure),
        I("管理", "落实安全责任人，有日常检查记录", .other),
    ])
}
