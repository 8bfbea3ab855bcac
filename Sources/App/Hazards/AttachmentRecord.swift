import Fluent
import Foundation

/// An uploaded photo or document. The bytes live in the uploads folder under their SHA-256,
/// so the same photo uploaded twice is stored once.
final class AttachmentRecord: Model, @unchecked Sendable {
    static let schema = "attachments"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "sha256") var sha256: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int
    @Field(key: "original_name") var originalName: String
    @Field(key: "kind") var kind: String
    @OptionalField(key: "hazard_id") var hazardId: Int?
    /// A small copy sent by the phone is stored beside the file (migration 018).
    @Field(key: "thumbnail") var thumbnail: Bool
    /// When and where the photo was taken, from its EXIF (`PhotoTaken`; migration 018).
    @OptionalField(key: "taken_at") var takenAt: Date?
    @OptionalField(key: "taken_latitude") var takenLatitude: Double?
    @OptionalField(key: "taken_longitude") var takenLongitude: Double?
    @Parent(key: "uploaded_by_id") var uploadedBy: UserRecord
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

enum AttachmentKind: String, Codable, CaseIterable, Sendable {
    case before, after, document
}
