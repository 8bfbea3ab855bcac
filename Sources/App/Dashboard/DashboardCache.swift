import Foundation
import NIOConcurrencyHelpers
import SafeGridDomain
import Vapor

/// What the dashboard shows for one scope and day, before texts: counts, open major hazards,
/// and the townships or villages it breaks the figures into, with their names.
struct DashboardData: Sendable {
    var counts: LedgerCounts
    var majors: [HazardListItem]
    var rows: DashboardRows
    var units: [UnitGrid]

    struct UnitGrid: Sendable {
        let id: Int
        let code: String
        let name: String
        let level: GridLevel
        let kind: GridKind
    }
}

/// A per-instance cache of `DashboardData` for the users who see whole subtrees (admins,
/// officers, leaders, grid workers), keyed by their subtrees and the day: everyone with the
/// same reach sees the same figures, and a district's dashboard then costs its rendering only.
///
/// Staleness: every committed hazard write of this instance (`HazardService`) bumps the
/// generation and so drops every entry; a single instance therefore always shows exact figures.
/// Writes made by another instance sharing a PostgreSQL database (or by another process, such as
/// an import) are picked up by a reload once an entry is `ttl` seconds old. That reload runs in
/// the background while readers keep getting the entry they had (a district's load takes longer
/// than a dashboard may), so such writes show after `ttl` plus one load. The day is part of the
/// key, so lateness moves on at midnight China time without waiting.
final class DashboardCache: Sendable {
    let ttl: Double
    /// Monotonic nanoseconds; tests pass their own so that expiry needs no sleeping.
    private let uptime: @Sendable () -> UInt64

    init(ttl: Double = 5, uptime: @escaping @Sendable () -> UInt64 = { DispatchTime.now().uptimeNanoseconds }) {
        self.ttl = ttl
        self.uptime = uptime
    }

    private struct Entry {
        let generation: UInt64
        let expires: UInt64
        let data: DashboardData
    }

    private struct State {
        var generation: UInt64 = 0
        var entries: [String: Entry] = [:]
        /// Loads under way, so that the readers who miss together wait for one load instead of
        /// each running it: under load, a district's misses would otherwise pile up on the cores.
        var loading: [String: Flight] = [:]
    }

    private struct Flight {
        let generation: UInt64
        let task: Task<DashboardData, any Error>
    }

    private enum Lookup {
        case hit(DashboardData)
        case wait(Task<DashboardData, any Error>)
        case load(Task<DashboardData, any Error>, generation: UInt64)
        /// An entry past its time: served as it is while `task` reloads it.
        case stale(DashboardData, refresh: Task<DashboardData, any Error>?, generation: UInt64)
    }

    private let state = NIOLockedValueBox(State())

    /// Scopes that may share an entry; nil for readers whose reach is personal (departments,
    /// enterprises, experts), who are counted directly.
    static func key(for actor: Actor, today: CivilDate) -> String? {
        let scope = Permissions.hazardScope(actor)
        if scope.isEverything { return "admin|\(today)" }
        return scope.subtreesOnly.map { "paths|\($0.sorted().joined(separator: ","))|\(today)" }
    }

    /// Entries older than this instance's last write are never served; loads under way are
    /// not stored when they finish.
    func invalidate() {
        state.withLockedValue {
            $0.generation &+= 1
            $0.entries.removeAll(keepingCapacity: true)
            $0.loading.removeAll(keepingCapacity: true)
        }
    }

    func data(for key: String?, load: @escaping @Sendable () async throws -> DashboardData) async throws -> DashboardData {
        guard let key else { return try await load() }
        let now = uptime()
        let lookup = state.withLockedValue { s -> Lookup in
            if let entry = s.entries[key], entry.generation == s.generation {
                if entry.expires > now { return .hit(entry.data) }
                // Old, but not dropped by a write of ours: serve it and reload once behind it.
                if s.loading[key]?.generation == s.generation { return .stale(entry.data, refresh: nil, generation: s.generation) }
                let task = Task { try await load() }
                s.loading[key] = Flight(generation: s.generation, task: task)
                return .stale(entry.data, refresh: task, generation: s.generation)
            }
            if let flight = s.loading[key], flight.generation == s.generation { return .wait(flight.task) }
            let task = Task { try await load() }
            s.loading[key] = Flight(generation: s.generation, task: task)
            return .load(task, generation: s.generation)
        }
        switch lookup {
        case .hit(let data):
            return data
        case .wait(let task):
            return try await task.value
        case .stale(let data, let refresh, let generation):
            if let refresh {
                Task { _ = await finish(refresh, key: key, generation: generation) }
            }
            return data
        case .load(let task, let generation):
            return try await finish(task, key: key, generation: generation).get()
        }
    }

    /// Stores what a load gave, unless a write of this instance came in meanwhile.
    private func finish(_ task: Task<DashboardData, any Error>, key: String, generation: UInt64) async -> Result<DashboardData, any Error> {
        let result = await task.result
        let expires = uptime() + UInt64(ttl * 1_000_000_000)
        state.withLockedValue { s in
            if s.loading[key]?.generation == generation { s.loading[key] = nil }
            // A write that committed while this was loading has bumped the generation: keep nothing.
            guard s.generation == generation, case .success(let data) = result else { return }
            if s.entries.count > 1_000 { s.entries.removeAll(keepingCapacity: true) }
            s.entries[key] = Entry(generation: generation, expires: expires, data: data)
        }
        return result
    }
}

extension Application {
    private struct DashboardCacheKey: StorageKey { typealias Value = DashboardCache }

    var dashboardCache: DashboardCache {
        if let cache = storage[DashboardCacheKey.self] { return cache }
        let cache = DashboardCache()
        storage[DashboardCacheKey.self] = cache
        return cache
    }
}
