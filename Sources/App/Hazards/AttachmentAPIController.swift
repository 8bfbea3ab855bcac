import Fluent
import SafeGridDomain
import Vapor

/// `POST /api/v1/hazards/{id}/attachments`, `POST /api/v1/attachments`, `GET /api/v1/attachments/{id}`.
struct AttachmentAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let uploads = routes.grouped(BodyLimitMiddleware())
        uploads.post("hazards", ":hazardID", "attachments", use: uploadToHazard)
        uploads.post("attachments", use: upload)
        routes.get("attachments", ":attachmentID", use: download)
    }

    struct UploadForm: Content {
        var file: File?
        var kind: String?
        /// Optional: the phone's small copy of the photo (`AttachmentStore.isThumbnail`).
        var thumbnail: File?
    }

    struct AttachmentDTO: Content {
        var id: Int
        var contentType: String
        var size: Int
        var kind: String
        var originalName: String
        var hazardId: Int?
        var url: String
        var thumbnailUrl: String?
        /// From the photo's EXIF, read on the phone (`PhotoTaken`).
        var takenAt: Date?
        var takenLatitude: Double?
        var takenLongitude: Double?

        init(_ record: AttachmentRecord) {
            id = record.id ?? 0
            contentType = record.contentType
            size = record.size
            kind = record.kind
            originalName = record.originalName
            hazardId = record.hazardId
            url = "/api/v1/attachments/\(record.id ?? 0)"
            thumbnailUrl = record.thumbnail ? url + "?size=thumb" : nil
            takenAt = record.takenAt
            takenLatitude = record.takenLatitude
            takenLongitude = record.takenLongitude
        }
    }

    /// Uploads evidence before an action; the action then names it in `attachmentIds`.
    func upload(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let record = try await store(req: req, user: user)
        return try await AttachmentDTO(record).encodeResponse(status: .created, for: req)
    }

    /// Uploads a photo straight onto a visible hazard (e.g. an extra photo of the site). It
    /// is recorded as a comment event carrying the attachment, so the timeline shows who
    /// added what and when; whoever may comment may do this, on any state.
    func uploadToHazard(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let service = HazardService(req: req)
        let hazard = try await HazardReads.visible(try req.id("hazardID"), to: user, on: req.db)
        let record = try await store(req: req, user: user)
        let note = try? req.content.get(String.self, at: "note")
        _ = try await service.act(on: hazard, .comment, version: hazard.version,
                                  input: ActionInput(note: note, attachmentIds: [try record.requireID()]), at: nil, by: user)
        record.hazardId = hazard.id
        return try await AttachmentDTO(record).encodeResponse(status: .created, for: req)
    }

    func download(req: Request) async throws -> Response {
        let user = try req.currentUser()
        guard let id = req.parameters.get("attachmentID", as: Int.self),
              let attachment = try await AttachmentRecord.find(id, on: req.db) else { throw SafeGridError.notFound }
        var hazard: HazardRow?
        if let hazardId = attachment.hazardId { hazard = try await HazardStore.find(hazardId, on: req.db) }
        let viaInspection = hazard == nil && attachment.$uploadedBy.id != user.id
            ? try await InspectionPhotos.mayView(attachmentId: id, user: user, on: req.db) : false
        guard AttachmentStore.mayView(attachment, hazard: hazard, user: user) || viaInspection else { throw SafeGridError.notFound }
        let store = AttachmentStore(app: req.application)
        let thumbnail: Bool
        switch req.query[String.self, at: "size"] {
        case nil: thumbnail = false
        case "thumb"?:
            guard attachment.thumbnail else { throw SafeGridError.notFound }
            thumbnail = true
        default: throw SafeGridError.invalid(field: "size", "error.field.invalid")
        }
        let path = thumbnail ? store.thumbnailPath(for: attachment.sha256) : store.path(for: attachment.sha256)
        let response = try await req.fileio.asyncStreamFile(at: path)
        response.headers.replaceOrAdd(name: .contentType, value: thumbnail ? "image/jpeg" : attachment.contentType)
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, max-age=86400")
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return response
    }

    private func store(req: Request, user: CurrentUser) async throws -> AttachmentRecord {
        guard req.headers.contentType?.type == "multipart" else {
            throw SafeGridError.invalid(field: "file", "error.field.required")
        }
        let form = try req.content.decode(UploadForm.self)
        guard let file = form.file else { throw SafeGridError.invalid(field: "file", "error.field.required") }
        var errors = FieldErrors()
        let kind = Choice.parse(AttachmentKind.self, form.kind ?? "before", "kind", &errors)
        try errors.throwIfAny()
        let bytes = Array(file.data.readableBytesView)
        // The thumbnail is matched to the photo by its hash, as the web forms' are.
        let small = form.thumbnail.map { Array($0.data.readableBytesView) }
            .map { [AttachmentStore.hash(bytes): $0] } ?? [:]
        return try await AttachmentStore(app: req.application)
            .save(bytes: bytes, filename: file.filename, kind: kind!, by: user.id, on: req.db, extras: PhoneExtras(thumbnails: small))
    }
}

/// Uploads may be up to the configured limit plus room for the multipart framing; a larger
/// declared body is refused with 413 before it is read.
struct BodyLimitMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let length = req.headers.first(name: .contentLength).flatMap(Int.init),
           length > AttachmentStore.limitBytes + 64 * 1024 {
            throw SafeGridError(.tooLarge, "error.too_large", args: ["\(AppSettings.uploadLimitMB) MB"])
        }
        return try await next.respond(to: req)
    }
}
