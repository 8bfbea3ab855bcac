import Foundation
import Logging
import NIOConcurrencyHelpers

/// Counts the SQL statements run for a request. Fluent logs each statement at debug level on
/// the request's logger, whose metadata carries the request id we send; this handler keeps a
/// tally per request id and prints nothing. Installed once per test process.
final class QueryCounter: Sendable {
    static let shared = QueryCounter()
    private let counts = NIOLockedValueBox<[String: Int]>([:])
    private static let installed = NIOLockedValueBox(false)

    static func install() {
        installed.withLockedValue { done in
            guard !done else { return }
            LoggingSystem.bootstrap { label in Handler(label: label) }
            done = true
        }
    }

    func count(for requestId: String) -> Int { counts.withLockedValue { $0[requestId] ?? 0 } }

    fileprivate func record(_ requestId: String) { counts.withLockedValue { $0[requestId, default: 0] += 1 } }

    struct Handler: LogHandler {
        let label: String
        var logLevel: Logger.Level = .trace
        var metadata: Logger.Metadata = [:]

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?, source: String,
                 file: String, function: String, line: UInt) {
            guard case .string(let id)? = metadata["request-id"] else { return }
            let text = message.description + " " + (explicit?.values.map(\.description).joined(separator: " ") ?? "")
            let upper = text.uppercased()
            if upper.contains("SELECT ") || upper.contains("INSERT INTO") || upper.contains("UPDATE ") || upper.contains("DELETE FROM") {
                QueryCounter.shared.record(id)
            }
        }
    }
}
