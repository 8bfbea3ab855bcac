import Fluent
import Foundation
import SQLKit
import Vapor

/// Deletes uploads that were never linked to anything (a hazard, an inspection item, a campaign
/// task) a day after they arrived: photos of forms abandoned on a phone, or sent by a client that
/// never named them. A file goes once no other upload shares its bytes.
struct UploadSweepJob: BackgroundJob {
    let name = "upload-sweep"
    static let grace: TimeInterval = 86_400

    func run(app: Application, now: Date) async throws -> String {
        let sql = app.db as! any SQLDatabase
        let cutoff = now.addingTimeInterval(-Self.grace)
        let orphans = try await sql.raw("""
            SELECT id, sha256 FROM attachments a
            WHERE a.hazard_id IS NULL AND a.created_at < \(bind: cutoff)
              AND NOT EXISTS (SELECT 1 FROM inspection_photos p WHERE p.attachment_id = a.id)
              AND NOT EXISTS (SELECT 1 FROM campaign_task_evidence e WHERE e.attachment_id = a.id)
            ORDER BY id LIMIT 5000
            """).all()
        guard !orphans.isEmpty else { return "swept=0" }
        let ids = try orphans.map { try $0.decode(column: "id", as: Int.self) }
        let hashes = Set(try orphans.map { try $0.decode(column: "sha256", as: String.self) })
        try await app.db.writeTransaction(gate: app.writeGate, sqlite: app.isSQLite) { tx in
            try await (tx as! any SQLDatabase).delete(from: "attachments").where("id", .in, ids).run()
        }
        let store = AttachmentStore(app: app)
        var files = 0
        for hash in hashes {
            let still = try await sql.raw("SELECT count(*) AS n FROM attachments WHERE sha256 = \(bind: hash)").first()?
                .decode(column: "n", as: Int.self) ?? 1
            if still == 0, (try? FileManager.default.removeItem(atPath: store.path(for: hash))) != nil { files += 1 }
        }
        return "swept=\(ids.count) files=\(files)"
    }
}
