@testable import App
import Fluent
import Foundation
import SafeGridDomain
import Testing
import VaporTesting
import SQLKit

@Suite("Background jobs")
struct JobTests {
    typealias NewHazard = HazardLoopTests.NewHazard
    typealias Action = HazardLoopTests.Action

    func runner(_ name: String, threshold: Int = 3) -> JobRunner {
        JobRunner(jobs: [OverdueEscalationJob(threshold: threshold)],
                  periodSeconds: 3600, leaseSeconds: 600, instance: name)
    }

    @Test("a period is claimed by exactly one instance; a dead instance's claim is taken over after its lease")
    func exactlyOnce() async throws {
        try await withTestApp { app in
            let a = runner("a"), b = runner("b")
            let now = Date.t0
            let period = a.period(of: now)
            // Each claim in its own write transaction, as `tick` makes it.
            func claim(_ runner: JobRunner, _ period: String, _ now: Date) async throws -> Int? {
                try await app.writePath.transaction(on: app.db) { tx in try await runner.claim("job", period: period, now: now, db: tx) }
            }
            let first = try await claim(a, period, now)
            let second = try await claim(b, period, now)
            #expect(first != nil)
            #expect(second == nil, "the period is taken")
            // Instance a dies without finishing; b takes over once the lease has run out.
            let early = try await claim(b, period, now.addingTimeInterval(300))
            #expect(early == nil)
            let late = try await claim(b, period, now.addingTimeInterval(601))
            #expect(late == first, "the same row is taken over")
            let taken = try #require(late)
            try await app.writePath.transaction(on: app.db) { tx in try await b.finish(taken, result: "ok", db: tx, at: now.addingTimeInterval(602)) }
            let afterFinish = try await claim(a, period, now.addingTimeInterval(5000))
            #expect(afterFinish == nil, "a finished period never runs again")
            let next = try await claim(a, a.period(of: now.addingTimeInterval(3600)), now.addingTimeInterval(3600))
            #expect(next != nil, "the next period is free")
        }
    }

    @Test("a claim left unfinished by a dead instance is taken over in a later period, once, and finished")
    func deadClaimFromAnEarlierPeriod() async throws {
        try await withTestApp { app in
            // setup: a claims this hour's period and dies.
            let a = runner("a"), b = runner("b"), c = runner("c")
            let now = Date.t0
            // Each step in its own write transaction, as `tick` takes it.
            func takeOver(_ runner: JobRunner, at instant: Date) async throws -> Int? {
                try await app.writePath.transaction(on: app.db) { try await runner.takeOver("job", now: instant, db: $0) }
            }
            let dead = try #require(try await app.writePath.transaction(on: app.db) { try await a.claim("job", period: a.period(of: now), now: now, db: $0) })

            #expect(try await takeOver(b, at: now.addingTimeInterval(300)) == nil, "not before the lease has run out")

            // MUT: an hour later b (and c, racing) look for stale claims.
            let later = now.addingTimeInterval(3600)
            let taken = try await takeOver(b, at: later)
            let again = try await takeOver(c, at: later)

            // validate
            #expect(taken == dead, "the earlier period's row is taken over")
            #expect(again == nil, "only one instance takes it")
            try await app.writePath.transaction(on: app.db) { try await b.finish(dead, result: "ok", db: $0, at: later) }
            #expect(try await takeOver(c, at: later.addingTimeInterval(3600)) == nil, "a finished run is never taken")
        }
    }

    @Test("overdue rectification is escalated one level per three overdue working days, by the system account")
    func escalation() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let id = try decode(HazardDTO.self, try await api(app, .POST, "/api/v1/hazards", as: f.tokens["worker"], json: NewHazard(placeId: f.place.id))).id
            // t0 is Thursday 2026-11-26; deadline Friday 27th.
            _ = try await api(app, .POST, "/api/v1/hazards/\(id)/actions", as: f.tokens["officer"], json: Action(
                action: "assign", version: 1, deadline: "2026-11-27", responsibleName: "张三", requirement: "整改"))
            func tick(daysLater: Double) async throws -> HazardRow {
                app.clock = AppClock { Date.t0.addingTimeInterval(daysLater * 86_400) }
                await runner("a").tick(app: app)
                await runner("b").tick(app: app) // same period: does nothing
                return try #require(try await HazardStore.find(id, on: app.db))
            }
            // Tue 1 Dec: 30th and 1st are workdays after the deadline = 2: nothing yet.
            #expect(try await tick(daysLater: 5).escalation == 0)
            // Wed 2 Dec: 3 workdays overdue → supervised.
            #expect(try await tick(daysLater: 6).escalation == 1)
            // Same day, later hour: already at target, no second event.
            #expect(try await tick(daysLater: 6.1).escalation == 1)
            // Mon 7 Dec: 30, 1, 2, 3, 4, 7 = 6 workdays → placarded.
            #expect(try await tick(daysLater: 11).escalation == 2)
            let events = try await HazardStore.events(of: id, on: app.db).filter { $0.action == .escalate }
            let system = try #require(try await UserRecord.query(on: app.db).filter(\.$username == SystemAccount.username).first())
            #expect(events.count == 2)
            #expect(events.allSatisfy { $0.actorId == system.id })
            let runs = try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM job_runs").first(decoding: [String: Int].self)
            #expect(runs?["n"] == 4, "one run per period, whichever instance ticked")
            // The system account cannot sign in.
            let login = try await api(app, .POST, "/api/v1/auth/token", as: nil, json: ["username": "system", "password": "!"])
            #expect(login.status == .unauthorized)
        }
    }
}
