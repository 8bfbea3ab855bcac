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
        var expired: [UUID] = []
        for session in try await SessionRecord.query(on: app.db).all() {
            let marks = WebSessionMarks(session.data)
            if session.data["uid"] == nil || !SessionPolicy.isValid(since: marks.since, seen: marks.seen, now: now, validAfter: nil) {
                if let id = session.id { expired.append(id) }
            }
        }
        for chunk in stride(from: 0, to: expired.count, by: 500) {
            let ids = Array(expired[chunk..<min(chunk + 500, expired.count)])
            try await SessionRecord.query(on: app.db).filter(\.$id ~~ ids).delete()
        }
        try await (app.db as! any SQLDatabase).raw("DELETE FROM login_throttles WHERE updated_at < \(bind: now.timeIntervalSince1970 - 86_400)").run()
        return "sessions=\(expired.count)"
    }
}
