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
    static func decode<Fields: Decodable>(_ type: Fields.Type, _ req: Request) throws -> (fields: Fields, files: [File]) {
        guard req.headers.contentType?.type == "multipart" else { return (try req.content.decode(Fields.self), []) }
        let both = try req.content.decode(WithFiles<Fields>.self)
        return (both.fields, both.files.filter { $0.data.readableBytes > 0 || !$0.filename.isEmpty })
    }

    private struct WithFiles<Fields: Decodable>: Decodable {
        let fields: Fields
        let files: [File]

        init(from decoder: any Decoder) throws {
            fields = try Fields(from: decoder)
            files = try Form(from: decoder).files
        }
    }

    /// Stores each file as the user's upload; PDFs are documents, photos get `kind`.
    static func save(_ files: [File], kind: AttachmentKind, by user: CurrentUser, on req: Request) async throws -> [Int] {
        guard files.count <= maxFiles else {
            throw SafeGridError.invalid(field: "attachmentIds", "upload.too_many", args: ["\(maxFiles)"])
        }
        let store = AttachmentStore(app: req.application)
        var ids: [Int] = []
        for file in files {
            let bytes = Array(file.data.readableBytesView)
            let fileKind = AttachmentStore.sniff(bytes) == "application/pdf" ? AttachmentKind.document : kind
            let record = try await store.save(bytes: bytes, filename: file.filename, kind: fileKind, by: user.id, on: req.db)
            ids.append(try record.requireID())
        }
        return ids
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

    init(_ a: AttachmentRecord) {
        href = SiteURL.attachment(.id(a.id ?? 0)).path
        image = a.contentType.hasPrefix("image/")
        name = a.originalName.isEmpty ? "\(a.id ?? 0)" : a.originalName
    }

    init(_ a: AttachmentLinkRow) {
        href = SiteURL.attachment(.id(a.id)).path
        image = a.content_type.hasPrefix("image/")
        name = a.original_name.isEmpty ? "\(a.id)" : a.original_name
    }
}
