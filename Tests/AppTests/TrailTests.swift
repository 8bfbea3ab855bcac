@testable import App
import Fluent
import Foundation
import SafeGridDomain
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Issue 11: the trail proves itself. The database refuses changes to the event tables, and a
/// change made around that refusal (triggers dropped by someone with the database password) is
/// found by `safegrid verify`, named, and shown on /readyz and /metrics.
@Suite struct TrailTests {
    /// A hazard with a few events, a place edit and a deactivation, so both chains have links.
    static func history(_ app: Application) async throws -> (Fixture, Int) {
        let f = try await Fixture.make(app)
        let id = try await HazardSteps.register(app, f, title: "仓库消防通道堵塞")
        try await HazardSteps.assign(app, f, id)
        struct Access: Encodable, Sendable { let active: Bool }
        #expect(try await api(app, .PATCH, "/api/v1/users/\(f.users["workerB"]!.id!)", as: f.tokens["admin"], json: Access(active: false)).status == .ok)
        return (f, id)
    }

    static func withoutTriggers(_ app: Application, _ body: (any SQLDatabase) async throws -> Void) async throws {
        let sql = app.db as! any SQLDatabase
        try await AppendOnly.remove(on: sql)
        try await body(sql)
        try await AppendOnly.install(on: sql)
    }

    @Test("an untouched trail verifies, and every write of the registers is on it")
    func intact() async throws {
        try await withTestApp { app in
            _ = try await Self.history(app)
            let report = try await TrailVerifier.verify(on: app.db)
            #expect(report.ok, "\(report.summary)")
            let hazardChain = try #require(report.chains.first { $0.chain == .hazardEvents })
            #expect(hazardChain.events == 2)
            let registers = try #require(report.chains.first { $0.chain == .registerEvents })
            // Fixture: 2 places and 10 users created, then one deactivation.
            #expect(registers.events == 13, "\(registers.events)")
            let workerB = try #require(try await UserRecord.query(on: app.db).filter(\.$username == "workerB").first()?.id)
            let history = try await RegisterTrail.history(.user, recordId: workerB, on: app.db)
            #expect(history.map(\.action) == ["created", "deactivated"])
            #expect(!history.contains { $0.changes.contains("password") }, "no password hash on the trail")
        }
    }

    @Test("the database refuses UPDATE and DELETE on the event tables")
    func appendOnly() async throws {
        try await withTestApp { app in
            _ = try await Self.history(app)
            let sql = app.db as! any SQLDatabase
            for statement in ["UPDATE hazard_events SET note = 'x'", "DELETE FROM hazard_events", "UPDATE register_events SET action = 'x'",
                              "DELETE FROM register_events"] {
                await #expect(throws: (any Error).self, "\(statement)") { try await sql.raw(SQLQueryString(statement)).run() }
            }
            #expect(try await TrailVerifier.verify(on: app.db).ok)
        }
    }

    @Test("a changed event is named, and /readyz and /metrics report the break")
    func altered() async throws {
        try await withTestApp { app in
            let (f, id) = try await Self.history(app)
            let approval = try #require(try await HazardStore.events(of: id, on: app.db).last)
            try await Self.withoutTriggers(app) { sql in
                // Credit the step to someone else.
                try await sql.raw("UPDATE hazard_events SET actor_id = \(bind: f.users["worker2"]!.id!) WHERE id = \(bind: approval.id)").run()
            }
            let report = try await TrailVerifier.check(on: app.db, at: Date.t0)
            #expect(!report.ok)
            #expect(report.summary.contains("event \(approval.id)") && report.summary.contains("changed"), "\(report.summary)")
            let ready = try await app.testing().sendRequest(.GET, "/readyz")
            #expect(ready.status == .serviceUnavailable && ready.body.string.contains("trail broken"))
            let metrics = try await app.testing().sendRequest(.GET, "/metrics").body.string
            #expect(metrics.contains("safegrid_trail_intact 0"), "\(metrics.split(separator: "\n").filter { $0.contains("trail") })")
            let warning = Catalogue.text("dashboard.trail_broken", .zhHans).prefix(10)
            let admin = try await WebSession.login(app, "admin")
            let dashboard = try await admin.get("/").body.string
            #expect(dashboard.contains(warning), "administrators are told")
            #expect(dashboard.contains("隐患事件链：事件 \(approval.id)（第 ") && dashboard.contains("写入后被改动"), "in Chinese on a Chinese page")
            #expect(try await admin.get("/?lang=en").body.string.contains("hazard events: event \(approval.id) (#"), "and in English on an English one")
            #expect(!(try await WebSession.login(app, "officer").get("/").body.string.contains(warning)))
        }
    }

    @Test("a deleted event leaves a gap; deleting the newest is seen against the head")
    func deleted() async throws {
        try await withTestApp { app in
            let (f, id) = try await Self.history(app)
            let events = try await HazardStore.events(of: id, on: app.db)
            _ = try await HazardSteps.register(app, f, title: "第二个隐患")
            try await Self.withoutTriggers(app) { sql in
                try await sql.raw("DELETE FROM hazard_events WHERE id = \(bind: events[1].id)").run()
            }
            var report = try await TrailVerifier.verify(on: app.db)
            #expect(report.summary.contains("missing"), "\(report.summary)")
            try await Self.withoutTriggers(app) { sql in
                try await sql.raw("DELETE FROM hazard_events WHERE id >= \(bind: events[1].id)").run()
            }
            report = try await TrailVerifier.verify(on: app.db)
            #expect(report.summary.contains("chain head names #3 but the last event is #1"), "\(report.summary)")
        }
    }

    @Test("a weekly bulletin prints the chain heads")
    func bulletinAnchor() async throws {
        try await withTestApp { app in
            let (f, _) = try await Self.history(app)
            let week = ReportPeriod.containing(CivilDate(Date.t0), kind: .week).previous
            let bulletin = try await BulletinService(db: app.db, now: Date.t0).generate(grid: f.township, period: week, by: nil)
            let head = try #require(try await TrailHead.read(.hazardEvents, on: app.db))
            #expect(bulletin.trailAnchor?.contains(AuditTrail.anchor(seq: head.seq, hash: head.hash)) == true, "\(bulletin.trailAnchor ?? "nil")")
            let page = try await WebSession.login(app, "officer").get("/bulletins/\(bulletin.id!)").body.string
            #expect(page.contains(String(head.hash.prefix(16))))
        }
    }
}
