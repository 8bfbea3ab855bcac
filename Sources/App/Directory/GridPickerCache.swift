import Foundation
import SafeGridDomain
import Vapor

/// The grids each scope may pick from, kept a few seconds. Every page with a grid filter or a
/// grid field lists the user's whole subtree (a hundred grids for a township, several hundred
/// for a district); reading them through the grid query was a twentieth of the ledger page's
/// CPU (bench/results/2026-11-30-render.md). Grids change a few times a year: this instance
/// forgets the entries at once when it changes one (`invalidate`, called by every grid write
/// through `DirectoryService`), other instances and command-line imports within `lifetime`.
final class GridPickerCache: Sendable {
    static let lifetime: TimeInterval = 15
    private let cache = ExpiringCache<[GridSummary]>(lifetime: GridPickerCache.lifetime, maxEntries: 1_000)

    /// Everything the grid query's scope depends on, and nothing else (not the user).
    static func key(_ actor: Actor) -> String {
        [actor.role.rawValue, actor.scopePaths.sorted().joined(separator: ","), actor.department?.rawValue ?? "",
         actor.placeIds.sorted().map(String.init).joined(separator: ",")].joined(separator: "|")
    }

    func grids(for actor: Actor, now: Date, load: () async throws -> [GridSummary]) async throws -> [GridSummary] {
        let key = Self.key(actor)
        if let kept = cache.value(for: key, now: now) { return kept }
        let grids = try await load()
        cache.store(grids, for: key, now: now)
        return grids
    }

    func invalidate() {
        cache.removeAll()
    }
}

extension Application {
    private struct GridPickerCacheKey: StorageKey { typealias Value = GridPickerCache }

    var gridPickerCache: GridPickerCache {
        if let cache = storage[GridPickerCacheKey.self] { return cache }
        let cache = GridPickerCache()
        storage[GridPickerCacheKey.self] = cache
        return cache
    }
}
