import Foundation
import Vapor

/// Signed-in users resolved from a token or a session, kept for a few seconds. Resolving
/// takes five queries (token, user, grids, places); under load they would dominate cheap
/// pages. A change to a user's grids or a deactivation takes effect within `lifetime` on
/// every instance.
final class AuthCache: Sendable {
    static let lifetime: TimeInterval = 30
    private let cache = ExpiringCache<CurrentUser>(lifetime: AuthCache.lifetime, maxEntries: 10_000)

    func user(for key: String, now: Date) -> CurrentUser? {
        cache.value(for: key, now: now)
    }

    /// Drops every entry of the user (a deactivation, a revoke or a password change), so this
    /// instance stops honouring the old sessions and tokens at once; other instances do within
    /// `lifetime`.
    func forget(userId: Int) {
        cache.removeAll { $0.id == userId }
    }

    func store(_ user: CurrentUser, for key: String, now: Date) {
        cache.store(user, for: key, now: now)
    }
}

extension Application {
    private struct AuthCacheKey: StorageKey { typealias Value = AuthCache }

    var authCache: AuthCache {
        if let cache = storage[AuthCacheKey.self] { return cache }
        let cache = AuthCache()
        storage[AuthCacheKey.self] = cache
        return cache
    }
}
