@testable import App
import Fluent
import Foundation
import SafeGridDomain
import Testing
import Vapor
import VaporTesting

/// The SQL scopes of the lists are a second statement of the domain's rule: for each role, what
/// the hazard list and the single-hazard read return must be exactly what `Permissions.canView`
/// allows, over hazards placed to tell the roles apart (another township, transferred to a
/// department, at an enterprise's place, with an enterprise user responsible).
@Suite("Scope: the SQL lists agree with the domain's rule, role by role")
struct ScopeTests {
    @Test("hazard list and reads match Permissions.canView", arguments: ["admin", "officer", "officer2", "leader", "worker", "workerB", "fire", "owner", "expert"])
    func hazardsMatchTheRule(user: String) async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            _ = try await HazardSteps.register(app, f, title: "马固建材厂配电箱")                                   // at the owner's place
            _ = try await HazardSteps.register(app, f, as: "workerB", title: "峡窝村楼道堆物", grid: f.villageB)
            _ = try await HazardSteps.register(app, f, as: "admin", title: "新安社区电动车充电", grid: f.otherVillage)
            let transferred = try await HazardSteps.register(app, f, as: "admin", title: "新安社区消防通道", grid: f.otherVillage)
            let moved = try await api(app, .POST, "/api/v1/hazards/\(transferred)/actions", as: f.tokens["admin"], json: JSONBody([
                "action": "transfer", "version": "1", "department": "fire", "note": "移交消防"]))
            #expect(moved.status == .ok, "\(moved.body.string)")
            let owned = try await HazardSteps.register(app, f, as: "admin", title: "新安社区商铺招牌", grid: f.otherVillage)
            let assigned = try await apiJSON(app, .POST, "/api/v1/hazards/\(owned)/actions", as: f.tokens["admin"], """
                {"action":"assign","version":1,"responsibleUserId":\(f.users["owner"]!.id!),"requirement":"加固招牌",
                 "deadline":"\(CivilDate(Date.t0).adding(days: 5))"}
                """)
            #expect(assigned.status == .ok, "\(assigned.body.string)")
            _ = try await HazardSteps.register(app, f, as: "expert", title: "专家发现的隐患", source: "expert", grid: f.villageA)

            let actor = try await HazardSteps.current(app, f, user).actor
            let all = try await HazardStore.select(where: "1 = 1", on: app.db)
            let allowed = Set(all.filter { Permissions.canView(actor, $0.facts) }.compactMap(\.id))
            let listed = try decode(ListResponse<HazardDTO>.self, try await api(app, .GET, "/api/v1/hazards?limit=500", as: f.tokens[user])).items
            #expect(Set(listed.map(\.id)) == allowed, "\(user): the list and the rule disagree")
            for hazard in all {
                let status = try await api(app, .GET, "/api/v1/hazards/\(hazard.id)", as: f.tokens[user]).status
                #expect(status == (allowed.contains(hazard.id) ? .ok : .notFound), "\(user) reading \(hazard.title): \(status)")
            }
            #expect(!allowed.isEmpty || user == "officer2" || user == "fire" || user == "owner", "the fixture leaves \(user) something to see")
        }
    }

    @Test("inspection list and reads match InspectionRules.canView", arguments: ["admin", "officer", "officer2", "leader", "worker", "workerB", "fire", "owner", "expert"])
    func inspectionsMatchTheRule(user: String) async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            typealias S = InspectionSteps
            let placeB = try await S.place(app, "峡窝村小卖部", grid: f.villageB, risk: .yellow, registered: "2026-09-01")
            _ = try await S.start(app, f, as: "worker", place: f.place.id!)                       // a grid visit in village A
            _ = try await S.start(app, f, as: "workerB", place: placeB)                            // village B
            _ = try await S.start(app, f, as: "owner", place: f.place.id!)                        // the enterprise checks itself
            _ = try await S.start(app, f, as: "expert", place: f.place.id!)                       // an expert visit
            _ = try await S.start(app, f, as: "officer2", place: f.otherPlace.id!)                // another township

            let actor = try await HazardSteps.current(app, f, user).actor
            let all = try await InspectionRecord.query(on: app.db).all()
            var allowed: Set<Int> = []
            for inspection in all {
                let inspectors = try await InspectionInspectorRecord.query(on: app.db).filter(\.$inspection.$id == inspection.id!).all().map(\.$user.id)
                if InspectionRules.canView(actor, inspection.facts(inspectorIds: inspectors)) { allowed.insert(inspection.id!) }
            }
            let response = try await api(app, .GET, "/api/v1/inspections?limit=500", as: f.tokens[user])
            if response.status == .forbidden {
                #expect(allowed.isEmpty, "\(user) is refused the list but the rule lets them see \(allowed)")
            } else {
                let listed = try decode(ListResponse<InspectionDTO>.self, response).items
                #expect(Set(listed.map(\.id)) == allowed, "\(user): the list and the rule disagree")
            }
            for inspection in all {
                let status = try await api(app, .GET, "/api/v1/inspections/\(inspection.id!)", as: f.tokens[user]).status
                #expect(status == (allowed.contains(inspection.id!) ? .ok : .notFound), "\(user) reading inspection \(inspection.id!): \(status)")
            }
        }
    }

    @Test("place list and reads match Permissions.placeScope", arguments: ["admin", "officer", "officer2", "leader", "worker", "workerB", "fire", "owner", "expert"])
    func placesMatchTheRule(user: String) async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            _ = try await InspectionSteps.place(app, "峡窝村小卖部", grid: f.villageB, risk: .yellow, registered: "2026-09-01")
            _ = try await InspectionSteps.place(app, "新安社区出租屋", grid: f.otherVillage, risk: .blue, registered: "2026-09-01")

            let actor = try await HazardSteps.current(app, f, user).actor
            let all = try await PlaceRecord.query(on: app.db).all()
            let allowed = Set(all.filter { Permissions.canViewPlace(actor, gridPath: $0.gridPath, placeId: $0.id!) }.compactMap(\.id))
            let response = try await api(app, .GET, "/api/v1/places?limit=500", as: f.tokens[user])
            #expect(response.status == .ok)
            let listed = try decode(ListResponse<PlaceDTO>.self, response).items
            #expect(Set(listed.map(\.id)) == allowed, "\(user): the list and the rule disagree")
            for place in all {
                let status = try await api(app, .GET, "/api/v1/places/\(place.id!)", as: f.tokens[user]).status
                #expect(status == (allowed.contains(place.id!) ? .ok : .notFound), "\(user) reading \(place.name): \(status)")
            }
            #expect(all.count >= 4 && allowed.count < all.count || user == "admin", "the fixture tells \(user) apart from an administrator")
        }
    }
}
