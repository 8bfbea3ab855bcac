import Fluent
import Foundation
import SafeGridDomain
import Vapor

/// Demo registers of issue 6: eight weeks of activities in every village and community, a
/// handful of public reports, two accidents (one a liability accident, so 西宋村 shows the
/// one-vote veto), and each township's weekly bulletins for the last four weeks.
extension DemoLoader {
    static func loadReports(_ app: Application, users: [String: CurrentUser]) async throws {
        let now = app.clock.now()
        let today = CivilDate(now)
        let grids = try await GridRecord.query(on: app.db).all()
        func grid(_ code: String) -> GridRecord? { grids.first { $0.code == code } }
        let villages = grids.filter { $0.level == .village && $0.kind == .territorial }.sorted { $0.code < $1.code }
        let officers = ["410106100": users["officer"]!, "410106003": users["officer2"]!]
        func officer(for village: GridRecord) -> CurrentUser { officers[String(village.code.prefix(9))] ?? users["admin"]! }
        let service = RegisterService(db: app.db, today: today)

        let plans: [(ActivityKind, String, String, Int)] = [
            (.lecture, "安全大讲堂：电动车安全充电", "社区广场", 180),
            (.publicity, "安全生产月宣传咨询日", "村委会门前", 260),
            (.drill, "消防安全实操演练", "村委会院内", 45),
            (.training, "网格员隐患排查培训", "镇会议室", 30),
            (.lecture, "安全大讲堂：燃气使用常识", "老年活动中心", 150),
            (.drill, "防汛转移避险演练", "村东头广场", 60),
        ]
        for (v, village) in villages.enumerated() {
            for week in 0..<8 where (week + v) % 3 != 2 {
                let (kind, title, venue, people) = plans[(week + v) % plans.count]
                let day = today.adding(days: -(week * 7 + v % 5))
                _ = try await service.saveActivity(ActivityRequest(kind: kind.rawValue, title: title, heldOn: day.description, venue: "\(village.name)\(venue)",
                                                                   gridId: village.id, people: people + 10 * v), existing: nil, by: officer(for: village).actor)
            }
        }

        let reports: [(String, String, ReportChannel, Int, Int?)] = [
            ("410106003001", "新安路某火锅店夜间有人留宿", .hotline12345, 9, 7),
            ("410106003002", "小区楼道电动车充电，飞线严重", .phone, 6, 5),
            ("410106003003", "沿街门店私接燃气管道", .visit, 4, nil),
            ("410106100202", "峡窝村废品站堆放杂物堵塞消防通道", .hotline12345, 12, 10),
            ("410106100201", "马固村在建工程夜间违规施工", .online, 2, nil),
        ]
        for (code, content, channel, daysAgo, handledAgo) in reports {
            guard let g = grid(code) else { continue }
            _ = try await service.saveReport(PublicReportRequest(
                receivedOn: today.adding(days: -daysAgo).description, channel: channel.rawValue, gridId: g.id, content: content,
                handledOn: handledAgo.map { today.adding(days: -$0).description }, reply: handledAgo == nil ? nil : "已到现场核实并督促整改，整改完成后回访举报人。"),
                existing: nil, by: officer(for: g).actor)
        }

        if let g = grid("410106100203") {
            _ = try await service.saveAccident(AccidentRequest(
                occurredOn: today.adding(days: -15).description, venue: "西宋村某加工作坊", gridId: g.id, type: AccidentType.fall.rawValue,
                deaths: 0, injuries: 1, liability: AccidentLiability.liability.rawValue, description: "工人登高作业未系安全带坠落受伤，作坊未落实安全培训。"),
                by: officer(for: g).actor)
        }
        if let g = grid("410106003002") {
            _ = try await service.saveAccident(AccidentRequest(
                occurredOn: today.adding(days: -30).description, venue: "汝南社区某小区", gridId: g.id, type: AccidentType.fire.rawValue,
                deaths: 0, injuries: 0, liability: AccidentLiability.undetermined.rawValue, description: "电动车停放处起火，已及时扑灭，无人员伤亡。"),
                by: officer(for: g).actor)
        }

        let bulletins = BulletinService(db: app.db, now: now)
        let thisWeek = ReportPeriod.containing(today, kind: .week)
        for township in grids.filter({ $0.level == .township }) {
            var week = thisWeek.previous
            for _ in 0..<4 {
                _ = try await bulletins.generate(grid: township, period: week, by: nil)
                week = week.previous
            }
            _ = try await bulletins.generate(grid: township, period: ReportPeriod.containing(today, kind: .month), by: officers[township.code]?.id)
        }
    }
}
