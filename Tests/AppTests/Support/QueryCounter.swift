import Foundation
import Logging
import NIOConcurrencyHelpers

/// Counts the SQL statements run for a request. The drivers log each statement at debug level on
/// the request's logger, whose metadata carries the request id we send; this handler keeps a
/// tally per request id and prints nothing. Installed once per test process.
final class QueryCounter: Sendable {
    static let shared = QueryCounter()
    private let statements = NIOLockedValueBox<[String: [String]]>([:])
    private static let installed = NIOLockedValueBox(false)

    static func install() {
        installed.withLockedValue { done in
            guard !done else { return }
            LoggingSystem.bootstrap { label in Handler(label: label) }
            done = true
        }
    }

    func count(for requestId: String) -> Int { sql(for: requestId).count }

    /// The statements' texts, in the order they were sent.
    func sql(for requestId: String) -> [String] { statements.withLockedValue { $0[requestId] ?? [] } }

    fileprivate func record(_ requestId: String, _ sql: String) {
        statements.withLockedValue { $0[requestId, default: []].append(sql) }
    }

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
            // SQLiteKit and PostgresKit log every statement sent, Fluent's included, as "Executing
            // query". Fluent's own "Running query" line is not a statement, and matching SQL words in
            // its metadata counted some updates twice, depending on the order of a dictionary.
            if message.description == "Executing query" {
                let sql: String
                if case .string(let text)? = explicit?["sql"] { sql = text } else { sql = "" }
                QueryCounter.shared.record(id, sql)
            }
        }
    }
}
