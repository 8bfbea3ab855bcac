@testable import App
import Foundation
import NIOConcurrencyHelpers
import SafeGridDomain
import Testing
import VaporTesting

/// The dashboard's per-instance cache must never show figures older than this instance's writes.
@Suite("Dashboard cache")
struct DashboardCacheTests {
    /// Counts how often the cache had to load.
    final class Loads: Sendable {
        let n = NIOLockedValueBox(0)
        func load(_ counts: LedgerCounts) -> DashboardData {
            n.withLockedValue { $0 += 1 }
            return DashboardData(counts: counts, majors: [], rows: .villages, units: [])
        }
    }

    @Test("one load per scope and day until a write; personal scopes are never cached")
    func keysAndInvalidation() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let officer = try await CurrentUser.load(f.users["officer"]!, on: app.db)
            let today = CivilDate(app.clock.now())
            let counts = try await LedgerCounts.load(for: officer, today: today, on: app.db)
            let cache = DashboardCache()
            let loads = Loads()
            let key = DashboardCache.key(for: officer.actor, today: today)
            #expect(key != nil)
            _ = try await cache.data(for: key) { loads.load(counts) }
            _ = try await cache.data(for: key) { loads.load(counts) }
            #expect(loads.n.withLockedValue { $0 } == 1, "the second read is served from the cache")
            _ = try await cache.data(for: DashboardCache.key(for: officer.actor, today: today.adding(days: 1))) { loads.load(counts) }
            #expect(loads.n.withLockedValue { $0 } == 2, "another day is another entry")
            cache.invalidate()
            _ = try await cache.data(for: key) { loads.load(counts) }
            #expect(loads.n.withLockedValue { $0 } == 3, "a write drops the entry")
            let expert = Actor(userId: 99, role: .expert, scopePaths: officer.actor.scopePaths)
            #expect(DashboardCache.key(for: expert, today: today) == nil)
            #expect(DashboardCache.key(for: Actor(userId: 1, role: .admin), today: today) == "admin|\(today)")
        }
    }

    @Test("readers who miss at the same moment wait for one load instead of each running it")
    func missesShareOneLoad() async throws {
        // setup: a load that takes long enough for every reader to arrive while it runs.
        let cache = DashboardCache()
        let loads = Loads()
        let counts = LedgerCounts(figures: LedgerFigures(tally: LedgerTally(open: 3), closedWithDeadline: 0, closedOnTime: 0),
                                  byState: [:], byVillage: [:], byTownship: [:], closedThisWeek: 0)

        // MUT
        let opens = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    try await cache.data(for: "admin|2026-11-26") {
                        try await Task.sleep(for: .milliseconds(200))
                        return loads.load(counts)
                    }.counts.figures.tally.open
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }

        // validate
        #expect(opens == Array(repeating: 3, count: 16), "every reader gets the figures")
        #expect(loads.n.withLockedValue { $0 } == 1, "sixteen simultaneous misses ran \(loads.n.withLockedValue { $0 }) loads")
    }

    @Test("an entry past its time is served at once while one reload runs behind it; a write still drops it")
    func staleWhileReloading() async throws {
        let clock = NIOLockedValueBox<UInt64>(1_000_000_000)
        let cache = DashboardCache(ttl: 2, uptime: { clock.withLockedValue { $0 } })
        let loads = Loads()
        @Sendable func counts(_ open: Int) -> LedgerCounts {
            LedgerCounts(figures: LedgerFigures(tally: LedgerTally(open: open), closedWithDeadline: 0, closedOnTime: 0),
                         byState: [:], byVillage: [:], byTownship: [:], closedThisWeek: 0)
        }
        func open(_ load: @escaping @Sendable () async throws -> DashboardData) async throws -> Int {
            try await cache.data(for: "admin|2026-11-26", load: load).counts.figures.tally.open
        }
        #expect(try await open { loads.load(counts(3)) } == 3)
        clock.withLockedValue { $0 += 2_100_000_000 }
        // The reload waits until the test lets it finish, so "served at once" needs no timing.
        let gate = AsyncGate()
        #expect(try await open { await gate.wait(); return loads.load(counts(4)) } == 3,
                "the old figures, without waiting for the reload")
        #expect(try await open { loads.load(counts(5)) } == 3, "no second reload while one runs")
        await gate.open()
        var reloaded = 3
        for _ in 0..<200 where reloaded == 3 {
            reloaded = try await open { loads.load(counts(6)) }
            if reloaded == 3 { try await Task.sleep(for: .milliseconds(5)) }
        }
        #expect(reloaded == 4, "the reloaded figures")
        #expect(loads.n.withLockedValue { $0 } == 2)
        clock.withLockedValue { $0 += 1_900_000_000 }
        #expect(try await open { loads.load(counts(8)) } == 4, "good for the ttl from the reload")
        cache.invalidate()
        #expect(try await open { loads.load(counts(7)) } == 7, "after a write of this instance the reader waits for fresh figures")
    }

    @Test("a hazard registered or acted on through the service shows on the next dashboard at once")
    func writesShowAtOnce() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let officer = try await CurrentUser.load(f.users["officer"]!, on: app.db)
            let today = CivilDate(app.clock.now())
            let key = DashboardCache.key(for: officer.actor, today: today)
            func registered() async throws -> Int {
                try await app.dashboardCache.data(for: key) {
                    try await DashboardPage.load(for: officer, today: today, on: app.db)
                }.counts.byState[.registered] ?? 0
            }
            let before = try await registered()
            let id = try await HazardSteps.register(app, f, title: "配电箱未接地")
            #expect(try await registered() == before + 1)
            try await HazardSteps.assign(app, f, id)
            #expect(try await registered() == before)
        }
    }
}

/// A door a task waits at until the test opens it.
actor AsyncGate {
    private var isOpen = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiting.append($0) }
    }

    func open() {
        isOpen = true
        waiting.forEach { $0.resume() }
        waiting.removeAll()
    }
}
