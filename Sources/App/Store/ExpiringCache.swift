import Foundation
import NIOConcurrencyHelpers

/// Values kept per key for a short time, shared by the requests of one instance: signed-in
/// users (`AuthCache`) and grid pickers (`GridPickerCache`). An entry past `lifetime` reads as
/// missing; when the table reaches `maxEntries` it starts again empty rather than growing.
final class ExpiringCache<Value: Sendable>: Sendable {
    let lifetime: TimeInterval
    private let maxEntries: Int
    private let entries = NIOLockedValueBox<[String: (value: Value, until: Date)]>([:])

    init(lifetime: TimeInterval, maxEntries: Int) {
        self.lifetime = lifetime
        self.maxEntries = maxEntries
    }

    func value(for key: String, now: Date) -> Value? {
        entries.withLockedValue { $0[key].flatMap { $0.until > now ? $0.value : nil } }
    }

    func store(_ value: Value, for key: String, now: Date) {
        entries.withLockedValue { entries in
            if entries.count >= maxEntries { entries.removeAll(keepingCapacity: true) }
            entries[key] = (value, now.addingTimeInterval(lifetime))
        }
    }

    /// Forgets the entries whose value matches (all of them by default).
    func removeAll(where matches: (Value) -> Bool = { _ in true }) {
        entries.withLockedValue { entries in
            for (key, entry) in entries where matches(entry.value) { entries.removeValue(forKey: key) }
        }
    }
}
