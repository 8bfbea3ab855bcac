import Fluent
import Foundation
import SafeGridDomain
import SafeGridRendering
import Vapor

/// Demo risk grading and maps: boundaries for every grid, places moved inside their grids,
/// and assessments in all four levels (some with history, some awaiting approval).
extension DemoLoader {
    static func loadRisk(_ app: Application, users: [String: CurrentUser]) async throws {
        for grid in try await GridRecord.query(on: app.db).all() {
            guard let shape = DemoBoundaries.shape(code: grid.code) else { continue }
            grid.boundary = shape.geoJSON()
            try await grid.save(on: app.db)
        }
        var counters: [String: Int] = [:]
        var places: [String: PlaceRecord] = [:]
        for place in try await PlaceRecord.query(on: app.db).with(\.$grid).sort(\.$id).all() {
            let code = place.grid.code
            let village = String(code.prefix(12))
            let n = counters[village, default: 0]
            counters[village] = n + 1
            if let point = DemoBoundaries.position(code: code, index: n) {
                place.latitude = point.latitude
                place.longitude = point.longitude
                try await place.save(on: app.db)
            }
            places[place.name] = place
        }

        let now = app.clock.now()
        // (place, method, inputs, assessor, approver or nil for a draft, days ago)
        let plan: [(String, RiskMethod, [String: Double], String, String?, Double)] = [
            ("马固建材厂", .lec, ["L": 1, "E": 6, "C": 15], "enterprise", "officer", 40),
            ("马固建材厂", .lec, ["L": 3, "E": 6, "C": 15], "enterprise", "officer", 6),
            ("园区危化品仓库", .lec, ["L": 6, "E": 6, "C": 15], "expert", "officer", 20),
            ("中铝配套铸造公司", .mes, ["M": 3, "E": 6, "S": 10], "expert", "officer", 18),
            ("西宋村铝材加工厂", .ls, ["L": 3, "S": 4], "expert", "officer", 15),
            ("马固物流仓库", .lec, ["L": 1, "E": 6, "C": 7], "gridworker", "officer", 12),
            ("马固村液化气供应点", .ls, ["L": 4, "S": 5], "gridworker", "officer", 10),
            ("峡窝村集贸市场", .ls, ["L": 3, "S": 3], "officer", "admin", 9),
            ("峡窝村滑坡隐患点", .mes, ["M": 5, "E": 3, "S": 8], "expert", "officer", 8),
            ("峡窝镇中心小学", .ls, ["L": 2, "S": 3], "expert", "officer", 7),
            ("新安社区老旧小区（3号院）", .ls, ["L": 3, "S": 4], "gridworker2", "officer2", 14),
            ("新安路三合一门店（王记餐馆）", .lec, ["L": 3, "E": 6, "C": 15], "gridworker2", "officer2", 11),
            ("新安路加油站", .lec, ["L": 3, "E": 10, "C": 15], "expert", "officer2", 9),
            ("新安路商场", .ls, ["L": 2, "S": 4], "gridworker2", "officer2", 5),
            ("汝南社区燃气调压站", .mes, ["M": 3, "E": 6, "S": 8], "expert", "officer2", 13),
            ("汝南路夜市", .ls, ["L": 3, "S": 3], "officer2", "admin", 6),
            ("厚载社区宾馆", .lec, ["L": 1, "E": 6, "C": 7], "expert", "officer2", 4),
            ("厚载社区KTV", .ls, ["L": 4, "S": 4], "expert", "officer2", 3),
            ("厚载社区小学", .ls, ["L": 1, "S": 4], "expert", "officer2", 3),
            ("厚载社区仓储物流点", .lec, ["L": 3, "E": 3, "C": 15], "expert", nil, 1),
            ("峡窝村安置房工地", .mes, ["M": 3, "E": 6, "S": 4], "expert", nil, 1),
        ]
        for (name, method, inputs, assessor, approver, daysAgo) in plan {
            guard let place = places[name], let by = users[assessor] else { continue }
            let at = now - daysAgo * 86_400
            let draft = try await RiskService(app: app, now: at).assess(place, method: method, inputs: inputs,
                                                                       note: "\(name)：现场辨识，按\(method.rawValue.uppercased())法评价。", by: by)
            if let approver, let who = users[approver] {
                _ = try await RiskService(app: app, now: at + 3_600).approve(draft, by: who)
            }
        }
    }
}
