@testable import App
import Fluent
import Foundation
import SafeGridDomain
import SQLKit
import Testing
import VaporTesting

/// The running tallies behind the dashboard must always equal a count of the hazards.
@Suite("Hazard tallies")
struct TallyTests {
    typealias Action = HazardLoopTests.Action

    func act(_ app: Application, _ f: Fixture, _ id: Int, _ user: String, _ action: Action) async throws {
        let r = try await api(app, .POST, "/api/v1/hazards/\(id)/actions", as: f.tokens[user], json: action)
        #expect(r.status == .ok, "\(action.action): \(r.body.string)")
    }

    struct TallyRow: Decodable, Hashable { let grid_id: Int; let state: String; let on_time: Int; let n: Int }

    func tallies(_ app: Application) async throws -> Set<TallyRow> {
        Set(try await (app.db as! any SQLDatabase).raw("SELECT grid_id, state, on_time, n FROM hazard_tallies WHERE n <> 0")
            .all(decoding: TallyRow.self))
    }

    @Test("tallies follow every transition, late closures included, and match a recount and the slow path")
    func consistent() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            var ids: [Int] = []
            for place in [f.place.id, f.place.id, f.place.id, f.place.id, f.otherPlace.id] {
                let user = place == f.place.id ? "worker" : "officer2"
                let created = try await api(app, .POST, "/api/v1/hazards", as: f.tokens[user], json: HazardLoopTests.NewHazard(placeId: place))
                ids.append(try decode(HazardDTO.self, created).id)
            }
            let photo = {
                try decode(AttachmentAPIController.AttachmentDTO.self, try await upload(app, "/api/v1/attachments", as: f.tokens["worker"]!, bytes: Bytes.png)).id
            }
            // 0: fixed on site. 1: voided. 2: closed on time. 3: closed late. 4: rectifying and overdue later.
            try await act(app, f, ids[0], "worker", Action(action: "fix_on_site", version: 1, attachmentIds: [try await photo()]))
            try await act(app, f, ids[1], "officer", Action(action: "void", version: 1, note: "重复"))
            for id in [ids[2], ids[3]] {
                try await act(app, f, id, "officer", Action(action: "assign", version: 1, deadline: "2026-11-28", responsibleName: "张三", requirement: "整改"))
                try await act(app, f, id, "worker", Action(action: "submit", version: 2, note: "已整改", attachmentIds: [try await photo()]))
            }
            try await act(app, f, ids[2], "officer", Action(action: "approve", version: 3, note: "合格"))
            try await act(app, f, ids[4], "officer2", Action(action: "assign", version: 1, deadline: "2026-11-28", responsibleName: "李四", requirement: "整改"))
            app.clock = AppClock { Date.t0.addingTimeInterval(5 * 86_400) } // 1 December
            try await act(app, f, ids[3], "officer", Action(action: "approve", version: 3, note: "合格"))

            let kept = try await tallies(app)
            try await HazardTallies.rebuild(on: app.db)
            #expect(try await tallies(app) == kept, "running tallies differ from a recount")

            let onTime = kept.filter { $0.state == "closed" && $0.on_time == 1 }.map(\.n).reduce(0, +)
            let late = kept.filter { $0.state == "closed" && $0.on_time == 0 }.map(\.n).reduce(0, +)
            #expect(onTime == 1 && late == 1)

            let today = CivilDate(app.clock.now())
            for name in ["officer", "officer2", "worker", "leader", "admin"] {
                let user = try await CurrentUser.load(f.users[name]!, on: app.db)
                let fast = try await LedgerCounts.load(for: user, today: today, on: app.db)
                let slow = try await LedgerCounts.byCounting(for: user, today: today, on: app.db)
                #expect(fast.figures == slow.figures, "\(name): tallies \(fast.figures) vs count \(slow.figures)")
                #expect(fast.byState == slow.byState, "\(name)")
                #expect(fast.byVillage == slow.byVillage, "\(name)")
                #expect(fast.closedThisWeek == slow.closedThisWeek, "\(name)")
            }
            let officer2 = try await CurrentUser.load(f.users["officer2"]!, on: app.db)
            #expect(try await LedgerCounts.load(for: officer2, today: today, on: app.db).figures.tally.overdue == 1)
        }
    }
}
