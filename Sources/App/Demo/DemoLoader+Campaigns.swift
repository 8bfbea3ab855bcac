import Fluent
import Foundation
import SafeGridDomain
import Vapor

/// A 100-day campaign (百日攻坚) in 峡窝镇 with twelve special rectifications, some done, some
/// late, some overdue; and a one-month theme campaign in 新安路街道. Both are published.
extension DemoLoader {
    static func loadCampaigns(_ app: Application, users: [String: CurrentUser]) async throws {
        let today = CivilDate(app.clock.now())
        let service = CampaignService(app: app)
        func grid(_ code: String) async throws -> Int {
            try await GridRecord.query(on: app.db).filter(\.$code == code).first()!.requireID()
        }
        func day(_ offset: Int) -> String { today.adding(days: offset).description }

        // Day 61 of 100: the deadlines of the first two months have passed.
        let start = -60
        let hundred = try await service.create(try CampaignDraft(CampaignRequest(
            name: "峡窝镇安全生产百日攻坚行动", theme: "一月一主题 · 本月：冬季燃气与取暖安全", startDate: day(start), days: 100,
            gridId: try await grid("410106100"),
            targetCategories: ["gas", "threeInOneShop", "rentalHousing", "industrialEnterprise", "constructionSite", "market"],
            goals: "重点场所检查全覆盖；排查隐患动态清零；重大隐患挂牌督办、限期销号；群众安全意识明显提升。", published: true)),
            by: users["officer"]!)
        let worker = users["gridworker"]!.id
        // (title, owner, owner user, deadline offset, target, done, completed offset, result)
        let tasks: [(String, String, Int?, Int, Int?, Int, Int?, String?)] = [
            ("召开动员部署会，印发实施方案", "峡窝镇安委办", nil, start + 7, nil, 0, start + 5, "召开全镇动员会 1 次，印发《百日攻坚实施方案》"),
            ("燃气用户安全检查全覆盖", "马固村", worker, start + 45, 320, 268, nil, nil),
            ("“三合一”门店专项整治", "峡窝镇应急办", nil, start + 40, 26, 21, nil, nil),
            ("出租房消防安全排查", "马固村", worker, start + 50, 85, 85, start + 48, "排查出租房 85 户，整改隐患 37 处"),
            ("工贸企业有限空间作业整治", "峡窝镇应急办", nil, start + 55, 12, 9, nil, nil),
            ("在建工程安全大检查", "峡窝镇住建所", nil, start + 52, 6, 6, start + 58, "检查工地 6 个，停工整改 1 个"),
            ("集贸市场消防通道清理", "峡窝村", nil, start + 70, 4, 2, nil, nil),
            ("电动自行车集中充电设施建设", "峡窝镇应急办", nil, start + 80, 10, 3, nil, nil),
            ("自建房安全隐患排查整治", "西宋村", nil, start + 85, 140, 96, nil, nil),
            ("地质灾害隐患点巡查", "峡窝村", nil, start + 90, 2, 1, nil, nil),
            ("安全宣传进村入户", "峡窝镇宣传办", nil, start + 95, 3000, 1800, nil, nil),
            ("重大隐患挂牌督办销号", "峡窝镇安委办", nil, start + 99, 3, 1, nil, nil),
        ]
        for (title, owner, user, deadline, target, done, completed, result) in tasks {
            _ = try await service.addTask(try CampaignTaskDraft(CampaignTaskRequest(
                title: title, ownerName: owner, ownerUserId: user, deadline: day(deadline), targetCount: target, doneCount: done,
                completedOn: completed.map(day), result: result), period: hundred.period, today: today), to: hundred)
        }
        // The township's open hazards were found during the campaign.
        let township = try await grid("410106100")
        let hazardIds = try await HazardStore.select(where: "hazards.township_id = \(bind: township) AND hazards.state <> 'voided'", on: app.db)
            .prefix(6).map(\.id)
        if !hazardIds.isEmpty {
            _ = try await service.tagHazards(hazardIds, remove: false, campaign: hundred, by: users["officer"]!)
        }

        let month = try await service.create(try CampaignDraft(CampaignRequest(
            name: "新安路街道燃气安全主题月", theme: "一月一主题 · 燃气安全", startDate: day(-20), days: 30,
            gridId: try await grid("410106003"), targetCategories: ["gas", "shop", "oldResidential"],
            goals: "餐饮门店燃气报警器安装率 100%；老旧小区燃气管线巡查全覆盖。", published: true)), by: users["officer2"]!)
        for (title, owner, deadline, target, done) in [
            ("餐饮门店燃气报警器安装", "新安社区", -2, 48, 41), ("老旧小区燃气管线巡查", "汝南社区", 5, 12, 7), ("燃气安全进社区宣传", "厚载社区", 9, 6, 2),
        ] {
            _ = try await service.addTask(try CampaignTaskDraft(CampaignTaskRequest(
                title: title, ownerName: owner, deadline: day(deadline), targetCount: target, doneCount: done), period: month.period, today: today), to: month)
        }
    }
}
