import Fluent
import Foundation
import SafeGridDomain

/// A supervised place (监管对象).
final class PlaceRecord: Model, @unchecked Sendable {
    static let schema = "places"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "name") var name: String
    @Field(key: "category") var category: PlaceCategory
    @Parent(key: "grid_id") var grid: GridRecord
    /// Copy of the grid's path so that scoped lists need no join.
    @Field(key: "grid_path") var gridPath: String
    @Field(key: "address") var address: String
    @OptionalField(key: "latitude") var latitude: Double?
    @OptionalField(key: "longitude") var longitude: Double?
    @OptionalField(key: "contact_name") var contactName: String?
    @OptionalField(key: "contact_phone") var contactPhone: String?
    @OptionalParent(key: "responsible_cadre_id") var responsibleCadre: UserRecord?
    @Field(key: "above_scale") var aboveScale: Bool
    /// Free tags joined by commas.
    @Field(key: "tags") var tags: String
    /// Latest approved risk assessment's level; null until the place is assessed.
    @OptionalField(key: "risk_level") var riskLevel: RiskLevel?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var tagList: [String] { tags.split(separator: ",").map(String.init) }
}
