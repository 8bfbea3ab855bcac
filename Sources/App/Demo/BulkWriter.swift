import Fluent
import Foundation
import SQLKit

/// Multi-row INSERTs in batches that stay under the bind-parameter limits (SQLite 32,766,
/// PostgreSQL 65,535), for generating large data sets quickly on either engine.
struct BulkWriter {
    let sql: any SQLDatabase
    static let maxBinds = 30_000

    func insert(_ table: String, _ columns: [String], _ rows: [[any Encodable & Sendable]]) async throws {
        guard !rows.isEmpty else { return }
        let perStatement = max(1, Self.maxBinds / columns.count)
        var start = 0
        while start < rows.count {
            let end = min(rows.count, start + perStatement)
            var insert = sql.insert(into: table).columns(columns)
            for row in rows[start..<end] { insert = insert.values(row) }
            try await insert.run()
            start = end
        }
    }
}
