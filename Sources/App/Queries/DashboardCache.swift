import Foundation
import NIOConcurrencyHelpers
import SafeGridDomain
import Vapor

/// What the dashboard shows for one scope and day, before texts: counts, open major hazards,
/// and the villages with their names.
struct DashboardData: Sendable {
    var counts: LedgerCounts
    var majors: [HazardListItem]
    var villages: [VillageGrid]

    struct VillageGrid: Sendable {
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
/// an import) show after at most `ttl` seconds. The day is part of the key, so lateness moves on
/// at midnight China time without waiting.
final class DashboardCache: Sendable {
    static let ttl: Double = 5

    private struct Entry {
        let generation: UInt64
        let expires: UInt64
        let data: DashboardData
    }

    private struct State {
        var generation: UInt64 = 0
        var entries: [String: Entry] = [:]
    }

    private let state = NIOLockedValueBox(State())

    /// Scopes that may share an entry; nil for readers whose reach is personal (departments,
    /// enterprises, experts), who are counted directly.
    static func key(for actor: Actor, today: CivilDate) -> String? {
        switch actor.role {
        case .admin: "admin|\(today)"
        case .officer, .leader, .gridWorker: "paths|\(actor.scopePaths.sorted().joined(separator: ","))|\(today)"
        case .department, .enterprise, .expert: nil
        }
    }

    /// Entries older than this instance's last write are never served.
    func invalidate() {
        state.withLockedValue { $0.generation &+= 1; $0.entries.removeAll(keepingCapacity: true) }
    }

    func data(for key: String?, load: () async throws -> DashboardData) async throws -> DashboardData {
        guard let key else { return try await load() }
        let now = DispatchTime.now().uptimeNanoseconds
        let (generation, hit) = state.withLockedValue { s -> (UInt64, DashboardData?) in
            guard let entry = s.entries[key], entry.generation == s.generation, entry.expires > now else { return (s.generation, nil) }
            return (s.generation, entry.data)
        }
        if let hit { return hit }
        let data = try await load()
        let expires = now + UInt64(Self.ttl * 1_000_000_000)
        state.withLockedValue { s in
            // A write that committed while this was loading has bumped the generation: keep nothing.
            guard s.generation == generation else { return }
            if s.entries.count > 1_000 { s.entries.removeAll(keepingCapacity: true) }
            s.entries[key] = Entry(generation: generation, expires: expires, data: data)
        }
        return data
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
