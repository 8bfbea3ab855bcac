import Foundation
import SafeGridDomain
import Vapor

/// Deletes idempotency keys past their retention (`Idempotency.retention`), so the table holds
/// about a week of POSTs and never only grows.
struct IdempotencySweepJob: BackgroundJob {
    let name = "idempotency-sweep"

    func run(app: Application, now: Date) async throws -> String {
        let cutoff = now.addingTimeInterval(-Idempotency.retention)
        let swept = try await app.writePath.transaction(on: app.db) { tx in
            try await IdempotencyStore.sweep(before: cutoff, in: tx)
        }
        return "swept=\(swept)"
    }
}
