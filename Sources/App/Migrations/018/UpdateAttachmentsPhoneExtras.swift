import Fluent
import SQLKit

/// Issue 14: what the phone sends beside a photo (Public/js/offline.js). Lists and timelines
/// show its small thumbnail instead of loading the whole photo (the file lives beside the
/// photo's, `AttachmentStore.thumbnailPath`; the row says whether there is one), and the record
/// keeps when and where the photo was taken (`PhotoTaken`, from the EXIF that shrinking drops).
struct UpdateAttachmentsPhoneExtras: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // A default, so the rows already there read as "no thumbnail" on both engines.
        try await (database as! any SQLDatabase).raw("ALTER TABLE attachments ADD COLUMN thumbnail BOOLEAN NOT NULL DEFAULT FALSE").run()
        // SQLite adds one column per ALTER TABLE.
        try await database.schema("attachments").field("taken_at", .datetime).update()
        try await database.schema("attachments").field("taken_latitude", .double).update()
        try await database.schema("attachments").field("taken_longitude", .double).update()
    }

    func revert(on database: any Database) async throws {
        for field in ["taken_longitude", "taken_latitude", "taken_at", "thumbnail"] {
            try await database.schema("attachments").deleteField(.string(field)).update()
        }
    }
}
