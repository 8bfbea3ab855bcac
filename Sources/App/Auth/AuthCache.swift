import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Signed-in users resolved from a token or a session, kept for a few seconds. Resolving
/// takes five queries (token, user, grids, places); under load they would dominate cheap
/// pages. A change to a user's grids or a deactivation takes effect within `lifetime` on
/// every instance.
final class AuthCache: Sendable {
    static let lifetime: TimeInterval = 30
    private static let maxEntries = 10_000
    private let entries = NIOLockedValueBox<[String: (user: CurrentUser, until: Date)]>([:])

    func user(for key: String, now: Date) -> CurrentUser? {
        entries.withLockedValue { $0[key].flatMap { $0.until > now ? $0.user : nil } }
    }

    /// Drops every entry of the user (a deactivation, a revoke or a password change), so this
    /// instance stops honouring the old sessions and tokens at once; other instances do within
    /// `lifetime`.
    func forget(userId: Int) {
        entries.withLockedValue { entries in
            for (key, entry) in entries where entry.user.id == userId { entries.removeValue(forKey: key) }
        }
    }

    func store(_ user: CurrentUser, for key: String, now: Date) {
        entries.withLockedValue { entries in
            if entries.count >= Self.maxEntries { entries.removeAll(keepingCapacity: true) }
            entries[key] = (user, now.addingTimeInterval(Self.lifetime))
        }
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
