@testable import App
import Fluent
import Foundation
import SafeGridDomain
import Testing
import Vapor
import VaporTesting

@Suite("Web pages: dashboard figures, grids, places, users")
struct WebDirectoryTests {
    @Test("dashboard counts come from the user's scope: overdue, closed this week, closure and on-time rates, villages")
    func dashboardFigures() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let officer = try await HazardSteps.current(app, f, "officer")
            let worker = try await HazardSteps.current(app, f, "worker")
            let worker2 = try await HazardSteps.current(app, f, "worker2")
            let day: TimeInterval = 86_400
            // Acts as `user` some days before the test day, so deadlines can lie in the past now.
            func act(_ id: Int, _ action: HazardAction, _ user: CurrentUser, daysAgo: Double, _ input: ActionInput) async throws {
                let version = try await HazardStore.find(id, on: app.db)!.version
                _ = try await HazardService(app: app, now: Date.t0 - daysAgo * day)
                    .act(on: id, action, version: version, input: input, at: nil, by: user)
            }
            let today = CivilDate(Date.t0)
            func assign(deadlineIn days: Int) -> ActionInput {
                ActionInput(deadline: today.adding(days: days), responsibleName: "张三", requirement: "整改")
            }
            let photo = { try await AttachmentStore(app: app).save(bytes: Bytes.png, filename: "a.png", kind: .after, by: worker.id, on: app.db).requireID() }

            let overdue = try await HazardSteps.register(app, f, title: "超期未改")          // rectifying, deadline passed
            try await act(overdue, .assign, officer, daysAgo: 10, assign(deadlineIn: -3))
            let onTime = try await HazardSteps.register(app, f, title: "按期销号")           // closed 2 days before its deadline
            try await act(onTime, .assign, officer, daysAgo: 10, assign(deadlineIn: 0))
            try await act(onTime, .submit, worker, daysAgo: 3, ActionInput(note: "好了", attachmentIds: [try await photo()]))
            try await act(onTime, .approve, worker2, daysAgo: 2, ActionInput(note: "合格"))
            let late = try await HazardSteps.register(app, f, title: "逾期销号")             // closed the day after its deadline
            try await act(late, .assign, officer, daysAgo: 20, assign(deadlineIn: -11))
            try await act(late, .submit, worker, daysAgo: 10, ActionInput(note: "好了", attachmentIds: [try await photo()]))
            try await act(late, .approve, worker2, daysAgo: 10, ActionInput(note: "合格"))
            _ = try await HazardSteps.register(app, f, as: "workerB", title: "新登记", grid: f.villageB) // registered, no deadline

            let counts = try await LedgerCounts.load(for: officer, today: today, on: app.db)
            #expect(counts.byState[.rectifying] == 1 && counts.byState[.registered] == 1 && counts.byState[.closed] == 2)
            #expect(counts.figures.tally == LedgerTally(open: 2, overdue: 1, openDue: 1, closed: 2))
            #expect(counts.figures.closureRate?.description == "66.7%")
            #expect(counts.figures.closedWithDeadline == 2 && counts.figures.closedOnTime == 1)
            #expect(counts.figures.onTimeRate?.description == "50%")
            #expect(counts.closedThisWeek == 1, "Monday 2026-11-23 starts the week; the late one closed before it")
            #expect(counts.byVillage[f.villageA.id ?? 0] == LedgerTally(open: 1, overdue: 1, openDue: 1, closed: 2))
            #expect(counts.byVillage[f.villageB.id ?? 0] == LedgerTally(open: 1))

            let elsewhere = try await LedgerCounts.load(for: try await HazardSteps.current(app, f, "officer2"), today: today, on: app.db)
            #expect(elsewhere.figures.tally == LedgerTally(), "another township's officer counts nothing of these")

            let page = try await WebSession.login(app, "officer").get("/").body.string
            #expect(page.contains("66.7%") && page.contains("50%"))
            #expect(page.contains(f.villageA.name) && page.contains(f.villageB.name) && !page.contains(f.otherVillage.name))

            // The administrator reads several townships: one row per township, villages a click further.
            let admin = try await HazardSteps.current(app, f, "admin")
            let whole = try await LedgerCounts.load(for: admin, today: today, on: app.db)
            #expect(whole.byTownship[f.township.id ?? 0] == LedgerTally(open: 2, overdue: 1, openDue: 1, closed: 2))
            #expect(whole.byTownship[f.otherTownship.id ?? 0] == nil)
            let district = try await WebSession.login(app, "admin").get("/").body.string
            #expect(district.contains(Catalogue.text("dashboard.townships", .zhHans)))
            #expect(district.contains(f.township.name) && district.contains(f.otherTownship.name))
            #expect(district.contains("/hazards?gridId=\(f.township.id ?? 0)"))
            #expect(!district.contains(f.villageA.name) && !district.contains(f.otherVillage.name), "no village rows on a district dashboard")
        }
    }

    @Test("officers add grids in their township through the form; others are refused; errors stay on the form")
    func grids() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let officer = try await WebSession.login(app, "officer")
            let tree = try await officer.get("/grids").body.string
            #expect(tree.contains(f.villageA.name) && tree.contains(f.township.name) && !tree.contains(f.otherVillage.name))
            #expect(tree.contains("action=\"/grids\""))

            let created = try await officer.post("/grids", [("parentId", "\(f.township.id ?? 0)"), ("name", "峡窝镇中学"),
                                                            ("code", "410106100901"), ("level", "village"), ("kind", "independent"),
                                                            ("independentType", "school")])
            #expect(created.status == .seeOther)
            #expect(try await GridRecord.query(on: app.db).filter(\.$code == "410106100901").first()?.independentType == .school)

            let bad = try await officer.post("/grids", [("parentId", "\(f.township.id ?? 0)"), ("name", "错编码"), ("code", "123"),
                                                        ("level", "village"), ("kind", "territorial")])
            #expect(bad.status == .badRequest)
            #expect(bad.body.string.contains(Catalogue.text("error.grid.code_format", .zhHans, ["12"])))
            #expect(bad.body.string.contains("value=\"错编码\""))

            let worker = try await WebSession.login(app, "worker")
            #expect(!(try await worker.get("/grids").body.string.contains("action=\"/grids\"")))
            let refused = try await worker.post("/grids", [("parentId", "\(f.villageA.id ?? 0)"), ("name", "一组"),
                                                           ("code", "410106100201001"), ("level", "group"), ("kind", "territorial")])
            #expect(refused.status == .forbidden)
        }
    }

    @Test("grid workers add and correct places in their grid; the list filters by grid and text")
    func places() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let worker = try await WebSession.login(app, "worker")
            let created = try await worker.post("/places/new", [
                ("name", "马固村小卖部"), ("category", "shop"), ("gridId", "\(f.villageA.id ?? 0)"), ("address", "马固村3号"),
                ("contactName", "王五"), ("contactPhone", "13800000009"), ("tags", "重点，夜间经营"), ("latitude", ""), ("longitude", ""),
            ])
            #expect(created.status == .seeOther)
            let place = try #require(try await PlaceRecord.query(on: app.db).filter(\.$name == "马固村小卖部").first())
            #expect(place.tagList == ["重点", "夜间经营"])

            let edited = try await worker.post("/places/\(place.id ?? 0)/edit", [
                ("name", "马固村小卖部"), ("category", "threeInOneShop"), ("gridId", "\(f.villageA.id ?? 0)"), ("address", "马固村3号"),
                ("aboveScale", "true"), ("contactPhone", "12"),
            ])
            #expect(edited.status == .badRequest, "a bad phone number is refused")
            #expect(edited.body.string.contains(Catalogue.text("error.field.phone", .zhHans)))
            let fixed = try await worker.post("/places/\(place.id ?? 0)/edit", [
                ("name", "马固村小卖部"), ("category", "threeInOneShop"), ("gridId", "\(f.villageA.id ?? 0)"), ("address", "马固村3号"),
                ("aboveScale", "true"),
            ])
            #expect(fixed.status == .seeOther)
            let saved = try #require(try await PlaceRecord.find(place.id, on: app.db))
            #expect(saved.category == .threeInOneShop && saved.aboveScale)

            let list = try await worker.get("/places?q=%E5%B0%8F%E5%8D%96%E9%83%A8").body.string // 小卖部
            #expect(list.contains("马固村小卖部") && !list.contains(f.place.name))
            #expect(try await WebSession.login(app, "workerB").get("/places/\(place.id ?? 0)/edit").status == .notFound)
            #expect(try await WebSession.login(app, "leader").get("/places/new").status == .forbidden)
        }
    }

    @Test("only administrators list and create users")
    func users() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            #expect(try await WebSession.login(app, "officer").get("/users").status == .forbidden)
            #expect(try await WebSession.login(app, "officer").get("/users/new").status == .forbidden)
            let admin = try await WebSession.login(app, "admin")
            let list = try await admin.get("/users").body.string
            #expect(list.contains("用户worker") && list.contains(f.villageA.name))

            let missing = try await admin.post("/users/new", [("username", "newworker"), ("password", "long-enough-1"), ("role", "gridWorker")])
            #expect(missing.status == .badRequest)
            #expect(missing.body.string.contains(Catalogue.text("error.field.grid_required_for_role", .zhHans)))
            let created = try await admin.post("/users/new", [
                ("username", "newworker"), ("password", "long-enough-1"), ("displayName", "新网格员"), ("role", "gridWorker"),
                ("gridIds[]", "\(f.villageA.id ?? 0)"), ("gridIds[]", "\(f.villageB.id ?? 0)"), ("level", "2"), ("department", ""),
            ])
            #expect(created.status == .seeOther)
            let user = try #require(try await UserRecord.query(on: app.db).filter(\.$username == "newworker").first())
            #expect(user.level == 2)
            #expect(try await UserGridRecord.query(on: app.db).filter(\.$user.$id == user.requireID()).count() == 2)
            _ = try await WebSession.login(app, "newworker", password: "long-enough-1")
        }
    }
}
