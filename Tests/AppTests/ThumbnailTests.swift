@testable import App
import Fluent
import Foundation
import SafeGridDomain
import Testing
import Vapor
import VaporTesting

@Suite("Thumbnails: made on the phone, matched by the photo's hash, shown in lists instead of the photo")
struct ThumbnailTests {
    /// A different small JPEG than the photo, so a test can tell which file it got.
    static let small: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01] + [UInt8](repeating: 7, count: 32) + [0xFF, 0xD9]

    @Test("a web form's photo with its `_thumbs[]` part: the hazard page shows the thumbnail, never the photo itself")
    func webForm() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let web = try await WebSession.login(app, "worker")
            let photo = Bytes.jpeg
            let hash = AttachmentStore.hash(photo)
            let meta = #"{"sha":"\#(hash)","takenAt":"2026:11:26 09:30:00","latitude":34.75,"longitude":113.62}"#
            let response = try await web.postMultipart("/hazards/new", [
                ("title", "配电箱未上锁"), ("category", "electrical"), ("grade", "general"), ("source", "grid"), ("gridId", "\(f.villageA.id!)"),
                ("_photo_meta[]", meta), ("_photo_meta[]", #"{"sha":"\#(AttachmentStore.hash(Bytes.png))","takenAt":"1970:01:01 00:00:00"}"#),
                ("_photo_meta[]", "not json"),
            ], files: [(name: "photos[]", filename: "现场.jpg", bytes: photo), (name: "photos[]", filename: "另一张.png", bytes: Bytes.png),
                       (name: "_thumbs[]", filename: "\(hash).jpg", bytes: Self.small),
                       (name: "_thumbs[]", filename: "\(String(repeating: "0", count: 64)).jpg", bytes: Self.small),
                       (name: "_thumbs[]", filename: "not-a-hash.jpg", bytes: Self.small)])
            #expect(response.status == .seeOther, "\(response.body.string.prefix(300))")
            let attachments = try await AttachmentRecord.query(on: app.db).sort(\.$id).all()
            #expect(attachments.count == 2)
            let withThumb = try #require(attachments.first { $0.contentType == "image/jpeg" })
            let without = try #require(attachments.first { $0.contentType == "image/png" })
            #expect(withThumb.thumbnail && !without.thumbnail, "only the photo whose hash a thumbnail names has one")
            // When and where, from the EXIF the phone read: China time, kept on the record; nonsense dropped.
            #expect(withThumb.takenAt == ISO8601DateFormatter().date(from: "2026-11-26T01:30:00Z"))
            #expect(withThumb.takenLatitude == 34.75 && withThumb.takenLongitude == 113.62)
            #expect(without.takenAt == nil && without.takenLatitude == nil)

            let page = try await web.get(response.headers.first(name: .location) ?? "").body.string
            #expect(page.contains(#"title="2026-11-26 09:30 · 34.75000, 113.62000"><img src="/api/v1/attachments/\#(withThumb.id!)?size=thumb""#),
                    "\(page.components(separatedBy: "photos").dropFirst().first?.prefix(400) ?? "")")
            #expect(!page.contains(#"<img src="/api/v1/attachments/\#(withThumb.id!)""#), "the photo itself is only linked")
            #expect(!page.contains(#"<img src="/api/v1/attachments/\#(without.id!)"#) && page.contains(#"class="doc photo-link""#),
                    "a photo without a thumbnail is a link, not an image")

            let thumb = try await web.get("/api/v1/attachments/\(withThumb.id!)?size=thumb")
            #expect(thumb.status == .ok && thumb.headers.contentType == .jpeg && Array(thumb.body.readableBytesView) == Self.small)
            #expect(try await web.get("/api/v1/attachments/\(without.id!)?size=thumb").status == .notFound)
            #expect(try await web.get("/api/v1/attachments/\(withThumb.id!)?size=huge").status == .badRequest)
            #expect(Array(try await web.get("/api/v1/attachments/\(withThumb.id!)").body.readableBytesView) == photo)
        }
    }

    @Test("the API takes a thumbnail beside the file; something that is not a small JPEG is ignored, the photo kept")
    func api() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            func send(_ thumbnail: [UInt8]?, photo: [UInt8]) async throws -> Int {
                let boundary = "----thumb\(UUID().uuidString)"
                var body = ByteBuffer()
                body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n")
                body.writeBytes(photo)
                if let thumbnail {
                    body.writeString("\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"thumbnail\"; filename=\"t.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n")
                    body.writeBytes(thumbnail)
                }
                body.writeString("\r\n--\(boundary)--\r\n")
                let response = try await app.testing().sendRequest(.POST, "/api/v1/attachments") { req in
                    req.headers.bearerAuthorization = BearerAuthorization(token: f.tokens["worker"]!)
                    req.headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
                    req.body = body
                }
                #expect(response.status == .created, "\(response.body.string)")
                return try decode(AttachmentAPIController.AttachmentDTO.self, response).id
            }
            let good = try await send(Self.small, photo: Bytes.jpeg)
            #expect(try await AttachmentRecord.find(good, on: app.db)?.thumbnail == true)
            let png = Bytes.jpeg + [1]
            let refused = try await send(Bytes.png, photo: png)
            #expect(try await AttachmentRecord.find(refused, on: app.db)?.thumbnail == false, "a PNG is not taken as a thumbnail")
            let tooBig = try await send(Self.small + [UInt8](repeating: 0, count: AttachmentStore.thumbnailLimitBytes), photo: Bytes.jpeg + [2])
            #expect(try await AttachmentRecord.find(tooBig, on: app.db)?.thumbnail == false)
        }
    }
}
