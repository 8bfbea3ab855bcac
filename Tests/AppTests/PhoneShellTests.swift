@testable import App
import Fluent
import Foundation
import SafeGridDomain
import Testing
import Vapor
import VaporTesting

@Suite("The phone's shell: bottom tabs, 我的, one-tap choices, confirmations, hazards on 我的任务")
struct PhoneShellTests {
    /// The `<nav class="tabbar">` of a page, or "" when it has none.
    static func tabBar(_ html: String) -> String {
        guard let start = html.range(of: #"<nav class="tabbar""#) else { return "" }
        return html[start.lowerBound...].components(separatedBy: "</nav>")[0]
    }

    @Test("a grid worker's tabs, 我的 with the whole menu, and a leader's tabs without 登记")
    func tabs() async throws {
        try await withTestApp { app in
            _ = try await Fixture.make(app)
            let worker = try await WebSession.login(app, "worker")
            let bar = Self.tabBar(try await worker.get("/my-tasks").body.string)
            let hrefs = bar.components(separatedBy: #"href=""#).dropFirst().map { String($0.prefix { $0 != "\"" }) }
            #expect(hrefs == ["/my-tasks", "/hazards/new", "/hazards", "/messages", "/me"], "\(bar)")
            #expect(bar.contains(#"class="active" aria-current="page">我的任务"#))
            let me = try await worker.get("/me")
            #expect(me.status == .ok)
            let page = me.body.string
            for item in ["隐患台账", "首页", "场所", "检查记录", "修改密码", "退出"] { #expect(page.contains(item), "我的 lists \(item)") }
            #expect(Self.tabBar(page).contains(#"class="active" aria-current="page">我的"#))

            let leader = try await WebSession.login(app, "leader")
            let leaderBar = Self.tabBar(try await leader.get("/").body.string)
            #expect(leaderBar.contains(#"href="/""#) && !leaderBar.contains("/hazards/new") && leaderBar.contains(#"href="/me""#))
            #expect(Self.tabBar(try await app.testing().sendRequest(.GET, "/login").body.string).isEmpty, "no tabs before signing in")
        }
    }

    @Test("the new-hazard form: categories are one-tap chips in a named group, and a one-grid worker's grid is chosen")
    func newHazardForm() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let worker = try await WebSession.login(app, "worker")
            let form = try await worker.get("/hazards/new").body.string
            #expect(form.contains(#"<fieldset class="field choice" id="new-category"><legend>类别"#))
            #expect(form.contains(#"<label class="chip"><input type="radio" name="category" value="fire" required>"#))
            #expect(!form.contains(#"<select id="new-category""#))
            let grids = try await HazardSteps.current(app, f, "worker").gridIds
            #expect(grids == [f.villageA.id!])
            #expect(form.contains(#"<option value="\#(f.villageA.id!)" selected>"#), "the worker's only grid is chosen")

            // Sent with a chip's value and no place, it is registered in that grid, and says so once.
            let response = try await worker.postMultipart("/hazards/new", [("title", "楼道堆放杂物"), ("category", "fire"), ("grade", "general"),
                                                                           ("source", "grid"), ("gridId", "\(f.villageA.id!)")])
            #expect(response.status == .seeOther, "\(response.body.string.prefix(300))")
            let location = response.headers.first(name: .location) ?? ""
            let hazard = try await HazardStore.find(Int(location.split(separator: "/").last ?? "") ?? 0, on: app.db)
            #expect(hazard?.category == .fire && hazard?.gridId == f.villageA.id)
            let shown = try await worker.get(location).body.string
            #expect(shown.contains(#"<p class="toast" role="status">隐患已登记，编号 \#(hazard?.number ?? "?")。</p>"#))
            #expect(!(try await worker.get(location).body.string.contains(#"class="toast""#)), "shown once")
        }
    }

    @Test("我的任务 lists what the worker found and must drive to rectification, and others' rectifications to re-inspect")
    func hazardDuties() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let found = try await HazardSteps.register(app, f, as: "worker", title: "配电箱门缺失")
            try await HazardSteps.assign(app, f, found, days: 5)
            let others = try await HazardSteps.register(app, f, as: "officer", title: "灭火器过期", source: "territorial")
            try await HazardSteps.assign(app, f, others, days: 8)
            let untouched = try await HazardSteps.register(app, f, as: "officer", title: "消防通道堵塞", source: "territorial")
            try await HazardSteps.assign(app, f, untouched, days: 3)
            let photo = try decode(AttachmentAPIController.AttachmentDTO.self,
                                   try await upload(app, "/api/v1/attachments", as: f.tokens["officer"]!, bytes: Bytes.png)).id
            let submit = try await apiJSON(app, .POST, "/api/v1/hazards/\(others)/actions", as: f.tokens["officer"],
                                           #"{"action":"submit","version":2,"note":"已更换","attachmentIds":[\#(photo)]}"#)
            #expect(submit.status == .ok, "\(submit.body.string)")

            let page = try await WebSession.login(app, "worker").get("/my-tasks").body.string
            #expect(page.contains("待办隐患"))
            #expect(page.contains(#"href="/hazards/\#(found)""#) && page.contains("待整改"), "found by the worker, rectifying")
            #expect(page.contains(#"href="/hazards/\#(others)""#) && page.contains("待复查"), "submitted by someone else")
            #expect(!page.contains(#"href="/hazards/\#(untouched)""#), "rectifying, neither found by nor assigned to the worker")
            // The officer submitted it, so the officer may not re-inspect it: not on their list.
            let officer = try await WebSession.login(app, "officer").get("/my-tasks").body.string
            #expect(!officer.contains(#"href="/hazards/\#(others)""#))
        }
    }

    @Test("the offline fallback page: both languages from the catalogue, no script, the same for everyone")
    func offlinePage() async throws {
        try await withTestApp { app in
            _ = try await Fixture.make(app)
            let anonymous = try await app.testing().sendRequest(.GET, "/offline.html")
            #expect(anonymous.status == .ok && anonymous.headers.contentType == .html)
            let page = anonymous.body.string
            #expect(page.contains("当前没有网络") && page.contains("You are offline"))
            #expect(page.contains(Catalogue.text("offline_page.not_saved", .en)) && page.contains(Catalogue.text("offline_page.not_saved", .zhHans)))
            #expect(!page.contains("<script"))
            let signedIn = try await WebSession.login(app, "worker").get("/offline.html").body.string
            #expect(signedIn == page, "no user's name or token in the one copy the phone keeps")
        }
    }
}
