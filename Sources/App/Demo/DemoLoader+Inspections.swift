import Fluent
import Foundation
import SafeGridDomain
import SQLKit
import Vapor

/// Demo inspections: two months of visits in 上街区, day and night, joint and alone, with
/// failed items that became hazards (one fixed on the spot), so that 李网格's "my tasks"
/// has overdue, due and upcoming places and the coverage table has something to say.
extension DemoLoader {
    static func loadInspections(_ app: Application, users: [String: CurrentUser], placeIds: [Int]) async throws {
        let now = app.clock.now()
        // The register was taken four months ago, so places never visited are properly overdue.
        try await (app.db as! any SQLDatabase).update("places").set("created_at", to: now.addingTimeInterval(-120 * 86_400)).run()
        let today = CivilDate(now)
        let store = AttachmentStore(app: app)

        /// One finished visit `daysAgo` days back at `hour` China time; `fails` are item
        /// positions (1-based) that fail with `note`; `raise` makes the first failure a hazard.
        func visit(_ place: Int, by user: String, daysAgo: Int, hour: Int = 10, with co: [String] = [], partners: String? = nil,
                   fails: [Int] = [], note: String = "", raise: Bool = false, fixedOnSite: Bool = false, campaign: Int? = nil) async throws {
            let inspector = users[user]!
            let start = today.adding(days: -daysAgo).start().addingTimeInterval(Double(hour) * 3600 + 600)
            let service = InspectionService(app: app, now: start.addingTimeInterval(3600))
            let inspection = try await service.start(InspectionStartRequest(
                placeId: placeIds[place], inspectorIds: co.compactMap { users[$0]?.id }, partners: partners, campaignId: campaign,
                startedAt: start), by: inspector)
            let id = try inspection.requireID()
            let items = try await InspectionItemRecord.query(on: app.db).filter(\.$inspection.$id == id).sort(\.$position).all()
            var results: [ItemResultRequest] = []
            for item in items {
                let failed = fails.contains(item.position)
                var photos: [Int] = []
                if failed && item.requiresPhoto {
                    let photo = try await store.save(bytes: DemoData.pngPixel, filename: "检查照片.png", kind: .before, by: inspector.id, on: app.db)
                    photos = [try photo.requireID()]
                }
                results.append(ItemResultRequest(itemId: item.id, result: failed ? ItemResult.fail.rawValue : ItemResult.pass.rawValue,
                                                 note: failed ? note : nil, attachmentIds: photos))
            }
            _ = try await service.finish(id, InspectionFinishRequest(endedAt: start.addingTimeInterval(45 * 60),
                                                                     note: fails.isEmpty ? "检查未发现问题" : "已当场反馈负责人", items: results),
                                         by: inspector)
            guard raise, let failed = items.first(where: { fails.contains($0.position) }) else { return }
            var evidence: [Int] = []
            if fixedOnSite {
                evidence = [try await store.save(bytes: DemoData.pngPixel, filename: "整改后.png", kind: .after, by: inspector.id, on: app.db).requireID()]
            }
            _ = try await service.raiseHazard(inspectionId: id, itemId: try failed.requireID(),
                                              InspectionHazardRequest(fixedOnSite: fixedOnSite, note: fixedOnSite ? "现场督促整改到位" : nil,
                                                                      attachmentIds: evidence), by: inspector)
        }

        // 马固村 (李网格): a mix of recent, due-soon, overdue and never-visited places.
        try await visit(0, by: "gridworker", daysAgo: 40)
        try await visit(0, by: "officer", daysAgo: 9, with: ["gridworker", "fire"], partners: "区应急管理局执法大队", fails: [6],
                        note: "除尘系统泄爆口被杂物遮挡", raise: true)
        try await visit(1, by: "gridworker", daysAgo: 33, hour: 21, fails: [8], note: "电动自行车在店内充电", raise: true, fixedOnSite: true)
        try await visit(2, by: "gridworker", daysAgo: 26)
        try await visit(4, by: "gridworker", daysAgo: 12, fails: [1], note: "货物堆放紧贴灯具", raise: true)
        try await visit(5, by: "gridworker", daysAgo: 29, hour: 20)
        try await visit(6, by: "gridworker", daysAgo: 5)
        try await visit(0, by: "enterprise", daysAgo: 3, fails: [2], note: "隐患自查台账未及时更新", raise: true)
        // 峡窝镇: the township office's territorial checks, one at night in a market.
        try await visit(7, by: "officer", daysAgo: 15, hour: 20, fails: [1], note: "主通道被摊位占用", raise: true, campaign: 1)
        try await visit(9, by: "officer", daysAgo: 15, hour: 21, campaign: 1)
        try await visit(11, by: "expert", daysAgo: 7, fails: [2], note: "高支模专项方案未见专家论证意见")
        try await visit(13, by: "officer", daysAgo: 20)
        // 新安路街道: 陈网格's patrols and a night check of the night market.
        try await visit(23, by: "gridworker2", daysAgo: 6)
        try await visit(25, by: "gridworker2", daysAgo: 18, hour: 21, fails: [9], note: "灶台旁堆放纸箱")
        try await visit(28, by: "gridworker2", daysAgo: 35)
        try await visit(30, by: "gridworker2", daysAgo: 2)
        // The night market lies outside 陈网格's community and outside 峡窝镇's campaign, so the
        // street office checks it with the market regulator, under no campaign.
        try await visit(35, by: "officer2", daysAgo: 4, hour: 22, partners: "区市场监管局", fails: [6], note: "两个摊点液化气钢瓶超期未检",
                        raise: true)
    }
}
