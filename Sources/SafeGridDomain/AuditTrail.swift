import Foundation

/// The responsibility trail (责任追溯) as a hash chain. Every event of a chain carries its
/// place in the chain (`seq`, 1, 2, 3… without gaps), the previous event's hash and its own
/// hash over both and its content. Changing an event changes its hash; deleting one leaves a
/// gap; reordering breaks the links; deleting the newest ones is seen against the chain head,
/// which every weekly bulletin prints, so a paper copy anchors the trail. The database refuses
/// UPDATE and DELETE on the event tables besides; the chain is what shows a change made
/// around that refusal.
public enum AuditTrail {
    /// The chains: hazard events, and the history of the editable registers.
    public enum Chain: String, CaseIterable, Sendable {
        case hazardEvents = "hazard_events"
        case registerEvents = "register_events"
    }

    /// The hash before the first event.
    public static let genesis = String(repeating: "0", count: 64)

    /// One event's content as the chain sees it: its fields in a fixed order, each written
    /// canonically (see `field`), so a value read back from either database hashes the same.
    public static func hash(seq: Int, previous: String, fields: [String?]) -> String {
        var text = "\(seq)\u{1E}\(previous)"
        for field in fields { text += "\u{1E}" + (field.map { "v" + $0 } ?? "n") }
        return SHA256Digest.hex(Array(text.utf8))
    }

    /// Instants to the millisecond: PostgreSQL keeps microseconds and SQLite a double, and both
    /// give back the same milliseconds.
    public static func field(_ date: Date) -> String { String(Int64((date.timeIntervalSince1970 * 1000).rounded())) }
    public static func field(_ value: Double?) -> String? { value.map { String($0) } }
    public static func field(_ value: Int?) -> String? { value.map { String($0) } }

    /// A stored event as the verifier reads it.
    public struct Link: Sendable {
        public let id: Int
        public let seq: Int
        public let previous: String
        public let hash: String
        public let fields: [String?]

        public init(id: Int, seq: Int, previous: String, hash: String, fields: [String?]) {
            self.id = id; self.seq = seq; self.previous = previous; self.hash = hash; self.fields = fields
        }
    }

    /// The first thing wrong with a chain, in words an inquiry can use.
    public enum Break: Equatable, Sendable {
        /// The event's content or stored hash no longer matches.
        case altered(eventId: Int, seq: Int)
        /// Events are missing before `seq` (deleted, or the order changed).
        case gap(expectedSeq: Int, foundSeq: Int, eventId: Int)
        /// The event does not point at the hash of the one before it.
        case unlinked(eventId: Int, seq: Int)
        /// The newest events are missing, or the head was changed: the head names `headSeq`.
        case headMismatch(headSeq: Int, lastSeq: Int)
        /// Events were written without a link (outside the application).
        case unchained(count: Int)

        /// For the command line and `/readyz`, which speak English.
        public var description: String {
            switch self {
            case let .altered(id, seq): "event \(id) (#\(seq)) was changed after it was written"
            case let .gap(expected, found, id): "events #\(expected)–#\(found - 1) are missing before event \(id) (#\(found))"
            case let .unlinked(id, seq): "event \(id) (#\(seq)) does not follow the event before it"
            case let .headMismatch(head, last): "the chain head names #\(head) but the last event is #\(last)"
            case let .unchained(count): "\(count) events carry no link in the chain"
            }
        }

        /// The catalogue's sentence for it (`trail.break.*`) and its arguments, for pages in the
        /// reader's language.
        public var key: String {
            switch self {
            case .altered: "trail.break.altered"
            case .gap: "trail.break.gap"
            case .unlinked: "trail.break.unlinked"
            case .headMismatch: "trail.break.head"
            case .unchained: "trail.break.unchained"
            }
        }

        public var args: [String] {
            switch self {
            case let .altered(id, seq), let .unlinked(id, seq): ["\(id)", "\(seq)"]
            case let .gap(expected, found, id): ["\(expected)", "\(found - 1)", "\(id)", "\(found)"]
            case let .headMismatch(head, last): ["\(head)", "\(last)"]
            case let .unchained(count): ["\(count)"]
            }
        }
    }

    /// Walks links in `seq` order, continuing from `after` (seq and hash of the last link
    /// already checked, for batches); returns the state to continue from, or the break.
    public static func verify(_ links: [Link], after: (seq: Int, hash: String)) -> Result<(seq: Int, hash: String), BreakError> {
        var state = after
        for link in links {
            if link.seq != state.seq + 1 {
                return .failure(BreakError(.gap(expectedSeq: state.seq + 1, foundSeq: link.seq, eventId: link.id)))
            }
            if link.previous != state.hash { return .failure(BreakError(.unlinked(eventId: link.id, seq: link.seq))) }
            if hash(seq: link.seq, previous: link.previous, fields: link.fields) != link.hash {
                return .failure(BreakError(.altered(eventId: link.id, seq: link.seq)))
            }
            state = (link.seq, link.hash)
        }
        return .success(state)
    }

    public struct BreakError: Error, Equatable, Sendable {
        public let problem: Break
        public init(_ problem: Break) { self.problem = problem }
    }

    /// What a printed bulletin shows of a chain head: its length and the start of its hash.
    public static func anchor(seq: Int, hash: String) -> String { "#\(seq) · \(hash.prefix(16))" }
}

/// Who is told about the trail's verification: the administrators who keep the system.
public enum TrailPermissions {
    public static func maySeeVerification(_ actor: Actor) -> Bool { actor.role == .admin }
}
