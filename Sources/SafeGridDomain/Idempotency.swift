import Foundation

/// A client's promise that a request is one operation however often it arrives: a double tap
/// on submit, a retry after a timeout on a village's weak signal, a phone's offline queue sent
/// again. The client names the operation with a key (`Idempotency-Key`, or `_idem` in a web
/// form); the first request with a key runs, and a repeat within `retention` gets the first
/// answer back instead of doing the work twice.
public enum Idempotency {
    /// How long an answer is kept for repeats: a phone may be offline for days.
    public static let retention: TimeInterval = 7 * 86_400
    /// A request still running after this long is taken to have died with its process (a
    /// restart mid-request); a repeat then runs it again instead of waiting forever.
    public static let abandonedAfter: TimeInterval = 300
    public static let keyLengths = 8...128
    /// A repeat that finds the first still running is asked to come back after this long:
    /// long enough for most writes to finish, short enough for a waiting phone.
    public static let retryAfterSeconds = 2

    /// Keys are opaque to the server but bounded and plain: letters, digits and `-_.:`, so a
    /// UUID, a ULID or a client's own scheme all fit and nothing else reaches storage.
    public static func isValidKey(_ key: String) -> Bool {
        keyLengths.contains(key.utf8.count)
            && key.utf8.allSatisfy { c in
                (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
                    || c == 0x2D || c == 0x5F || c == 0x2E || c == 0x3A
            }
    }

    /// What was recorded for a key by the same user.
    public struct Record: Equatable, Sendable {
        public var method: String
        public var path: String
        /// The answer is stored; false while the first request is still running.
        public var completed: Bool
        public var createdAt: Date

        public init(method: String, path: String, completed: Bool, createdAt: Date) {
            self.method = method; self.path = path; self.completed = completed; self.createdAt = createdAt
        }
    }

    public enum Decision: Equatable, Sendable {
        /// Do the work (no record, an expired one, or one abandoned by a dead process).
        case run
        /// Send the stored answer again.
        case replay
        /// The first request with this key is still running: answer 409, try again shortly.
        case inProgress
        /// The key was used for another operation: answer 409 and do nothing.
        case reused
    }

    /// A key names one operation: the same method on the same path. The body is not compared:
    /// a browser sends a form again with a new multipart boundary, and a queue may re-encode.
    public static func decide(_ record: Record?, method: String, path: String, now: Date) -> Decision {
        guard let record, now.timeIntervalSince(record.createdAt) < retention else { return .run }
        guard record.method == method, record.path == path else { return .reused }
        if record.completed { return .replay }
        return now.timeIntervalSince(record.createdAt) >= abandonedAfter ? .run : .inProgress
    }

    /// Only answers of work that was done are kept. A refusal (400 and above) changed nothing,
    /// so the same key may be sent again after the user corrects the input or the server
    /// recovers; the second attempt then runs.
    public static func keeps(status: Int) -> Bool {
        (200..<400).contains(status)
    }
}
