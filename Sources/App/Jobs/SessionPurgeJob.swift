import Fluent
import Foundation
import SafeGridDomain
import SQLKit
import Vapor

/// Deletes web sessions past their limits (`SessionPolicy`) or without a signed-in user, and
/// sign-in counters untouched for a day, so neither table only ever grows.
struct SessionPurgeJob: BackgroundJob {
    let name = "session-purge"

    func run(app: Application, now: Date) async throws -> String {
        var found: [UUID] = []
        for session in try await SessionRecord.query(on: app.db).all() {
            let marks = WebSessionMarks(session.data)
            if session.data["uid"] == nil || !SessionPolicy.isValid(since: marks.since, seen: marks.seen, now: now, validAfter: nil) {
                if let id = session.id { found.append(id) }
            }
        }
        let (expired, staleThrottles) = (found, now.timeIntervalSince1970 - 86_400)
        try await app.writePath.transaction(on: app.db) { tx in
            for chunk in stride(from: 0, to: expired.count, by: 500) {
                let ids = Array(expired[chunk..<min(chunk + 500, expired.count)])
                try await SessionRecord.query(on: tx).filter(\.$id ~~ ids).delete()
            }
            try await tx.raw("DELETE FROM login_throttles WHERE updated_at < \(bind: staleThrottles)").run()
        }
        return "sessions=\(expired.count)"
    }
}
