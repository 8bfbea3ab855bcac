import Foundation
import Vapor

/// Verifies the event chains once a day (whatever the job period), so that a change made
/// directly in the database shows on `/readyz`, in `/metrics` and on the administrators'
/// dashboard by the next day at the latest.
struct TrailVerifyJob: BackgroundJob {
    let name = "trail-verify"
    static let interval: TimeInterval = 24 * 3600

    func run(app: Application, now: Date) async throws -> String {
        if let last = try await TrailVerifier.latest(on: app.db), now.timeIntervalSince(last.at) < Self.interval {
            return "skipped: verified \(Int(now.timeIntervalSince(last.at))) s ago"
        }
        let report = try await TrailVerifier.check(on: app.db, at: now)
        if !report.ok { app.logger.critical("the event trail is broken: \(report.summary)") }
        return report.ok ? "ok events=\(report.events)" : "BROKEN"
    }
}
