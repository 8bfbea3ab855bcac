import Foundation

/// How long a signed-in web session lasts, enforced by the server (the cookie's own age is
/// only a hint to the browser). Idle: a phone left in a village office overnight is signed
/// out by morning. Absolute: even a session in daily use signs in again each week.
public enum SessionPolicy {
    public static let idleSeconds: TimeInterval = 8 * 3600
    public static let absoluteSeconds: TimeInterval = 7 * 24 * 3600
    /// The last-seen mark is written at most this often, so reading pages does not write.
    public static let seenResolutionSeconds: TimeInterval = 300

    /// Whether a session signed in at `since` and last seen at `seen` is still good at `now`,
    /// given that its account's sessions before `validAfter` were revoked. The database may
    /// round the revocation instant; a session made in the same second as it (the one that
    /// changed its own password) counts as after.
    public static func isValid(since: Date, seen: Date, now: Date, validAfter: Date?) -> Bool {
        if let validAfter, since.addingTimeInterval(1) < validAfter { return false }
        return now.timeIntervalSince(since) <= absoluteSeconds && now.timeIntervalSince(seen) <= idleSeconds
    }

    /// Whether the last-seen mark is old enough to be written again.
    public static func shouldMarkSeen(seen: Date, now: Date) -> Bool {
        now.timeIntervalSince(seen) >= seenResolutionSeconds
    }
}
