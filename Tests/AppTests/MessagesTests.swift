@testable import App
import Fluent
import Foundation
import SafeGridDomain
import Testing
import Vapor
import VaporTesting

@Suite("消息: messages written with the change, read on the page and through the API")
struct MessagesTests {
    static func inbox(_ app: Application, _ f: Fixture, _ user: String, unread: Bool = false) async throws -> MessageListDTO {
        let response = try await api(app, .GET, "/api/v1/messages" + (unread ? "?unread=true" : ""), as: f.tokens[user])
        #expect(response.status == .ok, "\(response.body.string)")
        return try decode(MessageListDTO.self, response)
    }

    /// An action through the API; `members` are the JSON members besides the version.
    static func act(_ app: Application, _ f: Fixture, _ id: Int, as user: String, _ members: String) async throws {
        let version = try await HazardStore.find(id, on: app.db)?.version ?? 0
        let response = try await apiJSON(app, .POST, "/api/v1/hazards/\(id)/actions", as: f.tokens[user], #"{"version":\#(version),\#(members)}"#)
        #expect(response.status == .ok, "\(members) by \(user): \(response.body.string)")
    }

    @Test("the loop tells the finder, the township's re-inspectors and the submitter, never the one who acted")
    func hazardLoop() async throws {
        try await withTestApp { app in
            // setup
            let f = try await Fixture.make(app)
            let id = try await HazardSteps.register(app, f, as: "worker", title: "配电箱门缺失")
            #expect(try await Self.inbox(app, f, "officer").total == 0, "recording a hazard tells nobody")

            // MUT: assign, submit, reject
            try await HazardSteps.assign(app, f, id)
            let evidence = try decode(AttachmentAPIController.AttachmentDTO.self, try await upload(app, "/api/v1/attachments", as: f.tokens["worker"]!,
                                                                        bytes: Bytes.jpeg, kind: "after")).id
            try await Self.act(app, f, id, as: "worker", #""action":"submit","note":"已装门","attachmentIds":[\#(evidence)]"#)
            try await Self.act(app, f, id, as: "officer", #""action":"reject","note":"门锁未装""#)

            // validate
            let worker = try await Self.inbox(app, f, "worker")
            #expect(worker.items.map(\.kind) == [.rejected, .assigned], "newest first: sent back, then assigned")
            #expect(worker.unread == 2 && worker.items.allSatisfy { $0.hazardId == id && $0.subject.hasSuffix("配电箱门缺失") })
            #expect(worker.items[1].deadline == CivilDate(Date.t0).adding(days: 10).description && worker.items[1].actorName == "用户officer")
            #expect(worker.items[0].detail == "门锁未装" && worker.items[0].text.contains("退回整改"))
            let officer = try await Self.inbox(app, f, "officer")
            #expect(officer.items.map(\.kind) == [.toReinspect], "the township officer may re-inspect the submission")
            #expect(try await Self.inbox(app, f, "worker2").items.map(\.kind) == [.toReinspect], "so may the village's other worker")
            for user in ["admin", "workerB", "officer2", "leader"] {
                #expect(try await Self.inbox(app, f, user).total == 0, "\(user) is not told")
            }
        }
    }

    @Test("the page lists them, the tab counts the unread, opening one leads to its hazard, and all can be marked read")
    func pages() async throws {
        try await withTestApp { app in
            // setup
            let f = try await Fixture.make(app)
            let id = try await HazardSteps.register(app, f, as: "worker", title: "楼道堆放杂物")
            try await HazardSteps.assign(app, f, id)
            try await Self.act(app, f, id, as: "officer", #""action":"comment","note":"请周五前完成""#)
            let web = try await WebSession.login(app, "worker")

            // MUT
            let tasks = try await web.get("/my-tasks").body.string
            let list = try await web.get("/messages").body.string

            // validate
            #expect(tasks.contains(#"<span class="count" aria-label="2 条未读消息">2</span>"#), "the 消息 tab counts two unread")
            #expect(list.contains("用户officer 交办了隐患") && list.contains("用户officer 添加了备注") && list.contains("请周五前完成"))
            let first = try #require(try await Self.inbox(app, f, "worker").items.first)
            let opened = try await web.get("/messages/\(first.id)")
            #expect(opened.status == .seeOther && opened.headers.first(name: .location) == "/hazards/\(id)")
            #expect(try await Self.inbox(app, f, "worker", unread: true).items.count == 1, "opening marks it read")
            #expect(try await WebSession.login(app, "worker2").get("/messages/\(first.id)").status == .notFound, "another's message is 404")
            let read = try await web.post("/messages/read", [])
            #expect(read.status == .seeOther)
            #expect(try await Self.inbox(app, f, "worker").unread == 0)
            let after = try await web.get("/messages").body.string
            #expect(after.contains("已将 1 条消息标为已读。") && !after.contains(#"class="count""#))
        }
    }

    @Test("the API marks one or all read, refuses a bad filter and another's message")
    func throughTheAPI() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let id = try await HazardSteps.register(app, f, as: "worker", title: "灭火器过期")
            try await HazardSteps.assign(app, f, id)
            try await Self.act(app, f, id, as: "officer", #""action":"extend","deadline":"\#(CivilDate(Date.t0).adding(days: 20))","note":"材料未到""#)
            let inbox = try await Self.inbox(app, f, "worker")
            #expect(inbox.items.map(\.kind) == [.extended, .assigned] && inbox.items[0].deadline == CivilDate(Date.t0).adding(days: 20).description)
            #expect(try await api(app, .GET, "/api/v1/messages?unread=maybe", as: f.tokens["worker"]).status == .badRequest)
            #expect(try await api(app, .POST, "/api/v1/messages/\(inbox.items[0].id)/read", as: f.tokens["worker2"]).status == .notFound)
            let read = try decode(MessageDTO.self, try await api(app, .POST, "/api/v1/messages/\(inbox.items[0].id)/read", as: f.tokens["worker"]))
            #expect(read.readAt != nil)
            let all = try decode(MessagesReadDTO.self, try await api(app, .POST, "/api/v1/messages/read-all", as: f.tokens["worker"]))
            #expect(all.marked == 1)
            #expect(try await Self.inbox(app, f, "worker", unread: true).items.isEmpty)
        }
    }

    @Test("a campaign task given to someone tells them once; giving it again or to oneself tells nobody")
    func campaignTask() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let campaign = try await CampaignTests.campaign(app, f)
            let worker = f.users["worker"]!.id
            let created = try await CampaignTests.task(app, f, campaign, CampaignTaskRequest(
                title: "燃气用户安全检查", ownerName: "马固村", ownerUserId: worker, deadline: "2026-12-05", targetCount: 40))
            #expect(created.status == .created, "\(created.body.string)")
            let task = try decode(CampaignTaskDTO.self, created)
            let response = try await api(app, .PUT, "/api/v1/campaigns/\(campaign)/tasks/\(task.id)", as: f.tokens["officer"],
                                         json: CampaignTaskRequest(title: "燃气用户安全检查（复查）", ownerName: "马固村", ownerUserId: worker,
                                                                   deadline: "2026-12-05", targetCount: 40))
            #expect(response.status == .ok, "\(response.body.string)")
            let inbox = try await Self.inbox(app, f, "worker")
            #expect(inbox.items.map(\.kind) == [.campaignTask], "told once, when it became theirs")
            #expect(inbox.items.first?.href == "/campaigns/\(campaign)#task-\(task.id)" && inbox.items.first?.deadline == "2026-12-05")
            #expect(try await Self.inbox(app, f, "officer").total == 0)

            // A task list imported on the web tells each owner too, naming the importer; from the command line, the system.
            let csv = Data("title,ownerName,deadline,targetCount,ownerUsername\n出租房消防排查,马固村,2026-12-05,20,worker\n".utf8)
            let officer = try await HazardSteps.current(app, f, "officer")
            #expect(try await CSVImport.run(.tasks, data: csv, on: app, campaignId: campaign, actor: officer.actor) == 1)
            #expect(try await CSVImport.run(.tasks, data: csv, on: app, campaignId: campaign) == 1)
            let imported = try await Self.inbox(app, f, "worker").items.prefix(2)
            #expect(imported.map(\.kind) == [.campaignTask, .campaignTask] && imported.allSatisfy { $0.subject.hasSuffix("出租房消防排查") })
            #expect(imported.map(\.text) == ["系统 分给你一项专项行动任务，限期 2026-12-05", "用户officer 分给你一项专项行动任务，限期 2026-12-05"])
        }
    }

    @Test("the sweep deletes messages read half a year ago and any a year old, and keeps the rest")
    func sweep() async throws {
        try await withTestApp { app in
            // setup: two messages at the test day, one of them read then
            let f = try await Fixture.make(app)
            let id = try await HazardSteps.register(app, f, as: "worker", title: "消防通道堵塞")
            try await HazardSteps.assign(app, f, id)
            try await Self.act(app, f, id, as: "officer", #""action":"comment","note":"请拍照上传""#)
            let first = try #require(try await Self.inbox(app, f, "worker").items.last)
            #expect(try await api(app, .POST, "/api/v1/messages/\(first.id)/read", as: f.tokens["worker"]).status == .ok)

            // MUT and validate
            let day = 86_400.0
            #expect(try await MessageSweepJob().run(app: app, now: Date.t0.addingTimeInterval(100 * day)) == "swept=0")
            #expect(try await MessageSweepJob().run(app: app, now: Date.t0.addingTimeInterval(200 * day)) == "swept=1", "the read one")
            #expect(try await Self.inbox(app, f, "worker").items.map(\.kind) == [.commented], "the unread one stays")
            #expect(try await MessageSweepJob().run(app: app, now: Date.t0.addingTimeInterval(400 * day)) == "swept=1", "a year on, it goes too")
            #expect(try await Self.inbox(app, f, "worker").total == 0)
        }
    }
}
