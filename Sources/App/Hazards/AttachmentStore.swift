import Fluent
import Foundation
import SafeGridDomain
import Vapor

/// Stores uploads under the uploads folder by content hash. The type is decided by the
/// file's first bytes, never by its name or the client's Content-Type.
struct AttachmentStore {
    let directory: String
    let writes: WritePath

    init(app: Application) {
        directory = app.settings.uploadsDirectory
        writes = app.writePath
    }

    static let limitBytes = AppSettings.uploadLimitMB * 1024 * 1024

    /// JPEG, PNG, WebP or PDF by magic number; nil for anything else.
    static func sniff(_ bytes: [UInt8]) -> String? {
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + prefix.count && Array(bytes[offset..<offset + prefix.count]) == prefix
        }
        if starts([0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) { return "image/webp" }
        if starts(Array("%PDF-".utf8)) { return "application/pdf" }
        return nil
    }

    func path(for sha256: String) -> String {
        let a = sha256.prefix(2), b = sha256.dropFirst(2).prefix(2)
        return "\(directory)/\(a)/\(b)/\(sha256)"
    }

    /// The file's name in the store: its SHA-256 in hex (a thumbnail names its photo so too).
    static func hash(_ bytes: [UInt8]) -> String {
        TokenHash.hex(SHA256.hash(data: bytes))
    }

    /// The phone's small copy of the file with this hash, beside it.
    func thumbnailPath(for sha256: String) -> String {
        path(for: sha256) + ".thumb.jpg"
    }

    /// A thumbnail is a small JPEG (the phone makes them 320 px on the longest edge).
    static let thumbnailLimitBytes = 200 * 1024

    static func isThumbnail(_ bytes: [UInt8]) -> Bool {
        !bytes.isEmpty && bytes.count <= thumbnailLimitBytes && sniff(bytes) == "image/jpeg"
    }

    /// Checks and saves an upload, then records it (not yet linked to a hazard).
    func save(bytes: [UInt8], filename: String, kind: AttachmentKind, by userId: Int, on db: any Database,
              extras: PhoneExtras = PhoneExtras()) async throws -> AttachmentRecord {
        guard !bytes.isEmpty else { throw SafeGridError.invalid(field: "file", "error.upload.empty") }
        guard bytes.count <= Self.limitBytes else {
            throw SafeGridError(.tooLarge, "error.too_large", args: ["\(AppSettings.uploadLimitMB) MB"])
        }
        guard let type = Self.sniff(bytes) else { throw SafeGridError.invalid(field: "file", "error.upload.type") }
        let sha = Self.hash(bytes)
        let target = path(for: sha)
        if !FileManager.default.fileExists(atPath: target) {
            // Write to a temporary name and rename, so a crash never leaves half a file under the hash.
            let folder = (target as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let temp = "\(folder)/.\(sha).\(UUID().uuidString).tmp"
            try Data(bytes).write(to: URL(fileURLWithPath: temp))
            // Synced before the rename and the folder after it, so a power cut cannot leave a
            // short file under the hash (the database row naming it commits afterwards).
            try UploadsCopy.sync(temp)
            if rename(temp, target) != 0 {
                try? FileManager.default.removeItem(atPath: temp)
                throw SafeGridError(.unavailable, "error.internal")
            }
            try UploadsCopy.sync(folder)
        }
        let thumbnailTarget = thumbnailPath(for: sha)
        if type.hasPrefix("image/"), let thumbnail = extras.thumbnails[sha], Self.isThumbnail(thumbnail),
           !FileManager.default.fileExists(atPath: thumbnailTarget) {
            try writeAtomically(thumbnail, to: thumbnailTarget)
        }
        let record = AttachmentRecord()
        record.thumbnail = type.hasPrefix("image/") && FileManager.default.fileExists(atPath: thumbnailTarget)
        if type.hasPrefix("image/"), let taken = extras.taken[sha] {
            record.takenAt = taken.takenAt
            record.takenLatitude = taken.latitude
            record.takenLongitude = taken.longitude
        }
        record.sha256 = sha
        record.contentType = type
        record.size = bytes.count
        record.originalName = String(filename.suffix(200))
        record.kind = kind.rawValue
        record.$uploadedBy.id = userId
        try await writes.transaction(on: db) { tx in try await record.create(on: tx) }
        return record
    }

    /// A thumbnail is not evidence: written whole or not at all, without the photo's syncs.
    private func writeAtomically(_ bytes: [UInt8], to target: String) throws {
        let temp = target + ".\(UUID().uuidString).tmp"
        try Data(bytes).write(to: URL(fileURLWithPath: temp))
        if rename(temp, target) != 0 { try? FileManager.default.removeItem(atPath: temp) }
    }

    /// Whether the user may fetch the attachment: through the hazard it belongs to, or as
    /// its uploader while it is not yet linked.
    static func mayView(_ attachment: AttachmentRecord, hazard: HazardRow?, user: CurrentUser) -> Bool {
        if let hazard { return Permissions.canView(user.actor, hazard.facts) }
        return attachment.$uploadedBy.id == user.id
    }
}
