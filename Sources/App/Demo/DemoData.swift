import Fluent
import Foundation
import SafeGridDomain
import Vapor

/// The demo district: 上街区 with a town (峡窝镇: villages and independent grids) and a
/// subdistrict (新安路街道: communities), about fifty places, one account per role and
/// hazards in every state, so a newcomer can walk the whole loop in a minute.
/// Names follow the seeds; people, places and hazards are invented.
enum DemoData {
    static let password = "demo-2026"

    struct Account: Sendable {
        let username: String
        let displayName: String
        let role: Role
        let gridCode: String?
        let department: Department?
    }

    static let accounts: [Account] = [
        Account(username: "admin", displayName: "系统管理员", role: .admin, gridCode: nil, department: nil),
        Account(username: "officer", displayName: "王应急（峡窝镇应急办）", role: .officer, gridCode: "410106100", department: nil),
        Account(username: "officer2", displayName: "刘安监（新安路街道安监办）", role: .officer, gridCode: "410106003", department: nil),
        Account(username: "leader", displayName: "赵书记（峡窝镇）", role: .leader, gridCode: "410106100", department: nil),
        Account(username: "gridworker", displayName: "李网格（马固村）", role: .gridWorker, gridCode: "410106100201", department: nil),
        Account(username: "gridworker2", displayName: "陈网格（新安社区）", role: .gridWorker, gridCode: "410106003001", department: nil),
        Account(username: "fire", displayName: "消防救援大队", role: .department, gridCode: "410106", department: .fire),
        Account(username: "enterprise", displayName: "马固建材厂 负责人", role: .enterprise, gridCode: nil, department: nil),
        Account(username: "expert", displayName: "孙专家", role: .expert, gridCode: "410106", department: nil),
    ]

    struct GridSpec {
        let code: String
        let name: String
        let level: GridLevel
        let kind: GridKind
        let independentType: IndependentGridType?
        let parentCode: String?
    }

    static let grids: [GridSpec] = [
        GridSpec(code: "410106", name: "上街区", level: .district, kind: .territorial, independentType: nil, parentCode: nil),
        GridSpec(code: "410106100", name: "峡窝镇", level: .township, kind: .territorial, independentType: nil, parentCode: "410106"),
        GridSpec(code: "410106100201", name: "马固村", level: .village, kind: .territorial, independentType: nil, parentCode: "410106100"),
        GridSpec(code: "410106100202", name: "峡窝村", level: .village, kind: .territorial, independentType: nil, parentCode: "410106100"),
        GridSpec(code: "410106100203", name: "西宋村", level: .village, kind: .territorial, independentType: nil, parentCode: "410106100"),
        GridSpec(code: "410106100201001", name: "马固村一组", level: .group, kind: .territorial, independentType: nil, parentCode: "410106100201"),
        GridSpec(code: "410106100201002", name: "马固村二组", level: .group, kind: .territorial, independentType: nil, parentCode: "410106100201"),
        GridSpec(code: "410106100901", name: "峡窝镇中心小学", level: .village, kind: .independent, independentType: .school, parentCode: "410106100"),
        GridSpec(code: "410106100902", name: "峡窝镇卫生院", level: .village, kind: .independent, independentType: .hospital, parentCode: "410106100"),
        GridSpec(code: "410106100903", name: "铝工业园区", level: .village, kind: .independent, independentType: .enterprise, parentCode: "410106100"),
        GridSpec(code: "410106003", name: "新安路街道", level: .township, kind: .territorial, independentType: nil, parentCode: "410106"),
        GridSpec(code: "410106003001", name: "新安社区", level: .village, kind: .territorial, independentType: nil, parentCode: "410106003"),
        GridSpec(code: "410106003002", name: "汝南社区", level: .village, kind: .territorial, independentType: nil, parentCode: "410106003"),
        GridSpec(code: "410106003003", name: "厚载社区", level: .village, kind: .territorial, independentType: nil, parentCode: "410106003"),
    ]

    /// (name, category, grid code, address) for the places; coordinates are spread near 上街.
    static let places: [(String, PlaceCategory, String)] = [
        ("马固建材厂", .industrialEnterprise, "410106100201001"),
        ("马固村便民超市", .threeInOneShop, "410106100201001"),
        ("马固村出租房A栋", .rentalHousing, "410106100201002"),
        ("马固村自建房（张宅）", .selfBuiltHouse, "410106100201002"),
        ("马固物流仓库", .warehouse, "410106100201"),
        ("马固村液化气供应点", .gas, "410106100201"),
        ("马固村农家乐", .tourismSite, "410106100201"),
        ("峡窝村集贸市场", .market, "410106100202"),
        ("峡窝村五金店", .shop, "410106100202"),
        ("峡窝村三合一门店（李记）", .threeInOneShop, "410106100202"),
        ("峡窝村出租房", .rentalHousing, "410106100202"),
        ("峡窝村安置房工地", .constructionSite, "410106100202"),
        ("峡窝村滑坡隐患点", .geologicalHazardPoint, "410106100202"),
        ("西宋村铝材加工厂", .industrialEnterprise, "410106100203"),
        ("西宋村小卖部", .shop, "410106100203"),
        ("西宋村自建民房", .selfBuiltHouse, "410106100203"),
        ("西宋村仓储中心", .warehouse, "410106100203"),
        ("西宋村文化广场", .crowdedPlace, "410106100203"),
        ("峡窝镇中心小学", .school, "410106100901"),
        ("峡窝镇卫生院", .hospital, "410106100902"),
        ("中铝配套铸造公司", .industrialEnterprise, "410106100903"),
        ("园区危化品仓库", .warehouse, "410106100903"),
        ("园区在建厂房", .constructionSite, "410106100903"),
        ("新安社区农贸市场", .market, "410106003001"),
        ("新安社区老旧小区（3号院）", .oldResidential, "410106003001"),
        ("新安路三合一门店（王记餐馆）", .threeInOneShop, "410106003001"),
        ("新安路火锅店", .shop, "410106003001"),
        ("新安路网吧", .crowdedPlace, "410106003001"),
        ("新安社区出租屋", .rentalHousing, "410106003001"),
        ("新安路加油站", .gas, "410106003001"),
        ("新安路商场", .crowdedPlace, "410106003001"),
        ("汝南社区老旧小区（7号院）", .oldResidential, "410106003002"),
        ("汝南社区电动车维修店", .shop, "410106003002"),
        ("汝南社区三合一门店（便利店）", .threeInOneShop, "410106003002"),
        ("汝南社区幼儿园", .school, "410106003002"),
        ("汝南路夜市", .market, "410106003002"),
        ("汝南社区在建商住楼", .constructionSite, "410106003002"),
        ("汝南社区燃气调压站", .gas, "410106003002"),
        ("厚载社区老旧小区（2号院）", .oldResidential, "410106003003"),
        ("厚载社区社区医院", .hospital, "410106003003"),
        ("厚载社区宾馆", .crowdedPlace, "410106003003"),
        ("厚载社区仓储物流点", .warehouse, "410106003003"),
        ("厚载社区五金加工厂", .industrialEnterprise, "410106003003"),
        ("厚载社区出租房", .rentalHousing, "410106003003"),
        ("厚载社区沿街商铺", .shop, "410106003003"),
        ("厚载社区KTV", .crowdedPlace, "410106003003"),
        ("厚载社区三合一门店（服装加工）", .threeInOneShop, "410106003003"),
        ("厚载社区自建房", .selfBuiltHouse, "410106003003"),
        ("厚载社区文旅街区", .tourismSite, "410106003003"),
        ("厚载社区小学", .school, "410106003003"),
    ]
}
