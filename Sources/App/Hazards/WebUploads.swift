import Fluent
import SafeGridDomain
import Vapor

/// Photos sent with a web form. Saved before the form's action runs, so that the action can
/// name them as evidence; when the action then fails, their ids go back into the form and
/// the user does not have to take the photos again.
enum WebUploads {
    /// Phones send a few photos at a time; more in one go is probably a mistake.
    static let maxFiles = 9

    /// Route body limit for forms with photos: a few full-size photos plus the fields.
    static let maxBody = ByteCount(integerLiteral: (AppSettings.uploadLimitMB * 3 + 1) * 1024 * 1024)

    private struct Form: Decodable {
        var files: [File] = []

        enum CodingKeys: String, CodingKey { case photos }

        // `photos[]` arrives as an array, a lone `photos` as one file.
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            if let many = try? c.decodeIfPresent([File].self, forKey: .photos) { files = many }
            else if let one = try? c.decodeIfPresent(File.self, forKey: .photos) { files = [one] }
        }
    }

    /// A form's fields and the files chosen, from one parse of the body: decoding the fields and
    /// then the files with two `req.content.decode` calls parsed a body of several full-size
    /// photos twice. An untouched file input sends an empty part, which is no file.
    /// The phone's thumbnails and photo metadata come from the same parse and wait in the
    /// request for `save`.
    static func decode<Fields: Decodable>(_ type: Fields.Type, _ req: Request) throws -> (fields: Fields, files: [File]) {
        guard req.headers.contentType?.type == "multipart" else { return (try req.content.decode(Fields.self), []) }
        let both = try req.content.decode(WithFiles<Fields>.self)
        req.storage[ExtrasKey.self] = extras(from: both.sent, now: req.now)
        return (both.fields, both.files.filter { $0.data.readableBytes > 0 || !$0.filename.isEmpty })
    }

    private struct WithFiles<Fields: Decodable>: Decodable {
        let fields: Fields
        let files: [File]
        let sent: Sent

        init(from decoder: any Decoder) throws {
            fields = try Fields(from: decoder)
            files = try Form(from: decoder).files
            sent = try Sent(from: decoder)
        }
    }

    /// `_thumbs[]` files and `_photo_meta[]` texts; malformed ones read as none.
    private struct Sent: Decodable {
        var files: [File] = []
        var meta: [String] = []
        enum CodingKeys: String, CodingKey { case files = "_thumbs", meta = "_photo_meta" }
        init() {}
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            files = (try? c.decodeIfPresent([File].self, forKey: .files)) ?? []
            meta = (try? c.decodeIfPresent([String].self, forKey: .meta)) ?? []
        }
    }

    private struct ExtrasKey: StorageKey { typealias Value = PhoneExtras }

    /// Stores each file as the user's upload; PDFs are documents, photos get `kind`.
    static func save(_ files: [File], kind: AttachmentKind, by user: CurrentUser, on req: Request) async throws -> [Int] {
        guard files.count <= maxFiles else {
            throw SafeGridError.invalid(field: "attachmentIds", "upload.too_many", args: ["\(maxFiles)"])
        }
        let store = AttachmentStore(app: req.application)
        let sentBeside = files.isEmpty ? PhoneExtras() : extras(req)
        var ids: [Int] = []
        for file in files {
            let bytes = Array(file.data.readableBytesView)
            let fileKind = AttachmentStore.sniff(bytes) == "application/pdf" ? AttachmentKind.document : kind
            let record = try await store.save(bytes: bytes, filename: file.filename, kind: fileKind, by: user.id, on: req.db,
                                              extras: sentBeside)
            ids.append(try record.requireID())
        }
        return ids
    }

    /// What the phone sent beside its photos (Public/js/offline.js), read from the same body:
    /// `_thumbs[]` files and `_photo_meta[]` JSON texts, each naming the SHA-256 of the photo it
    /// belongs to, so they find their photo whichever field it came in. Anything malformed in
    /// them is ignored, never refused: they are a courtesy, the photo is the evidence.
    /// A form decoded otherwise than by `decode` (the checklist's nested items) has its body
    /// parsed for them once, on the first photo saved.
    static func extras(_ req: Request) -> PhoneExtras {
        if let known = req.storage[ExtrasKey.self] { return known }
        var found = PhoneExtras()
        if req.headers.contentType?.type == "multipart", let body = req.body.data,
           body.readableBytesView.firstRange(of: Array("name=\"_thumbs[]\"".utf8)) != nil
            || body.readableBytesView.firstRange(of: Array("name=\"_photo_meta[]\"".utf8)) != nil,
           let sent = try? req.content.decode(Sent.self) {
            found = extras(from: sent, now: req.now)
        }
        req.storage[ExtrasKey.self] = found
        return found
    }

    private static func extras(from sent: Sent, now: Date) -> PhoneExtras {
        var extras = PhoneExtras()
        for file in sent.files.prefix(maxFiles * 4) {
            let name = file.filename.lowercased()
            let hash = name.hasSuffix(".jpg") ? String(name.dropLast(4)) : ""
            let bytes = Array(file.data.readableBytesView)
            guard PhoneExtras.isHash(hash), AttachmentStore.isThumbnail(bytes) else { continue }
            extras.thumbnails[hash] = bytes
        }
        struct Meta: Decodable { var sha: String; var takenAt: String?; var offset: String?; var latitude: Double?; var longitude: Double? }
        for text in sent.meta.prefix(maxFiles * 4) where text.utf8.count <= 1_000 {
            guard let meta = try? JSONDecoder().decode(Meta.self, from: Data(text.utf8)), PhoneExtras.isHash(meta.sha),
                  let taken = PhotoTaken.parse(dateTime: meta.takenAt, offset: meta.offset, latitude: meta.latitude,
                                               longitude: meta.longitude, now: now) else { continue }
            extras.taken[meta.sha] = taken
        }
        return extras
    }

    /// Uploads kept from a failed submit that still belong to the user and to no hazard yet.
    static func kept(_ ids: [Int], by user: CurrentUser, on req: Request) async throws -> [AttachmentRecord] {
        guard !ids.isEmpty else { return [] }
        return try await AttachmentRecord.query(on: req.db).filter(\.$id ~~ ids)
            .filter(\.$uploadedBy.$id == user.id).filter(\.$hazardId == nil).sort(\.$id).all()
    }
}

/// An attachment as a thumbnail or a document link; the API serves both to the session.
struct PhotoLink: Encodable {
    let href: String
    let image: Bool
    let name: String
    /// The small copy to show in a list or timeline; nil when there is none, and then no
    /// image is loaded at all (the link opens the photo).
    let thumbnail: String?
    /// When and where it was taken ("2026-11-30 14:05 · 34.75000, 113.62000"), from its EXIF.
    let taken: String?

    init(_ a: AttachmentRecord) {
        href = SiteURL.attachment(.id(a.id ?? 0)).path
        image = a.contentType.hasPrefix("image/")
        name = a.originalName.isEmpty ? "\(a.id ?? 0)" : a.originalName
        thumbnail = image && a.thumbnail ? SiteURL.attachment(.id(a.id ?? 0)).with(query: "size=thumb") : nil
        taken = Self.taken(a.takenAt, a.takenLatitude, a.takenLongitude)
    }

    init(_ a: AttachmentLinkRow) {
        href = SiteURL.attachment(.id(a.id)).path
        image = a.content_type.hasPrefix("image/")
        name = a.original_name.isEmpty ? "\(a.id)" : a.original_name
        thumbnail = image && a.thumbnail ? SiteURL.attachment(.id(a.id)).with(query: "size=thumb") : nil
        taken = Self.taken(a.taken_at, a.taken_latitude, a.taken_longitude)
    }

    static func taken(_ at: Date?, _ latitude: Double?, _ longitude: Double?) -> String? {
        let parts = [at.map(WebFormat.dateTime), latitude.flatMap { lat in longitude.map { String(format: "%.5f, %.5f", lat, $0) } }]
            .compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }
}

/// Thumbnails and when and where each photo was taken, by the photo's SHA-256 (hex).
struct PhoneExtras: Sendable {
    var thumbnails: [String: [UInt8]] = [:]
    var taken: [String: PhotoTaken] = [:]

    static func isHash(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }
}
