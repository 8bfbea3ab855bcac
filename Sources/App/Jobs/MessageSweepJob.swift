import Foundation
import SafeGridDomain
import Vapor

/// Deletes messages read half a year ago and any a year old (`MessageRules.readRetention`,
/// `retention`), so an inbox never only grows; the hazards' timelines keep the history.
struct MessageSweepJob: BackgroundJob {
    let name = "message-sweep"

    func run(app: Application, now: Date) async throws -> String {
        let swept = try await app.writePath.transaction(on: app.db) { tx in
            try await MessageStore.sweep(readBefore: now.addingTimeInterval(-MessageRules.readRetention),
                                         sentBefore: now.addingTimeInterval(-MessageRules.retention), in: tx)
        }
        return "swept=\(swept)"
    }
}
