import Fluent
import Foundation
import SafeGridDomain

final class UserRecord: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "username") var username: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "display_name") var displayName: String
    @Field(key: "role") var role: Role
    @OptionalField(key: "level") var level: Int?
    @OptionalField(key: "department") var department: Department?
    @OptionalField(key: "phone") var phone: String?
    @Field(key: "active") var active: Bool
    /// Throttling of repeated failed logins lives in the database so that every instance agrees.
    @Field(key: "failed_logins") var failedLogins: Int
    @OptionalField(key: "locked_until") var lockedUntil: Date?
    /// Sessions and API tokens issued before this stop working (migration 011).
    @OptionalField(key: "sessions_valid_after") var sessionsValidAfter: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// A user's grids (grid workers may hold several; officers and leaders one township).
final class UserGridRecord: Model, @unchecked Sendable {
    static let schema = "user_grids"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "user_id") var user: UserRecord
    @Parent(key: "grid_id") var grid: GridRecord

    init() {}
    init(userId: Int, gridId: Int) {
        self.$user.id = userId
        self.$grid.id = gridId
    }
}

/// The places an enterprise user owns and acts for.
final class UserPlaceRecord: Model, @unchecked Sendable {
    static let schema = "user_places"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "user_id") var user: UserRecord
    @Parent(key: "place_id") var place: PlaceRecord

    init() {}
    init(userId: Int, placeId: Int) {
        self.$user.id = userId
        self.$place.id = placeId
    }
}

final class APITokenRecord: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    /// SHA-256 of the token; the token itself is shown once and never stored.
    @Field(key: "token_hash") var tokenHash: String
    @Parent(key: "user_id") var user: UserRecord
    @Field(key: "expires_at") var expiresAt: Date
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
