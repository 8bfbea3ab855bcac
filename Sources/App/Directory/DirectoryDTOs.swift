import Foundation
import SafeGridDomain
import Vapor

struct GridCreateRequest: Content {
    var name: String?
    var code: String?
    var level: String?
    var kind: String?
    var independentType: String?
    var parentId: Int?
    var boundary: String?
}

struct GridDTO: Content {
    var id: Int
    var name: String
    var code: String
    var level: GridLevel
    var kind: GridKind
    var independentType: IndependentGridType?
    var parentId: Int?
    var path: String
    var hasBoundary: Bool
    var retired: Bool

    init(_ g: GridRecord) {
        id = g.id ?? 0; name = g.name; code = g.code; level = g.level; kind = g.kind
        independentType = g.independentType; parentId = g.$parent.id; path = g.path; hasBoundary = g.boundary != nil
        retired = g.retiredAt != nil
    }
}

struct PlaceRequest: Content {
    var name: String?
    var category: String?
    var gridId: Int?
    var address: String?
    var latitude: Double?
    var longitude: Double?
    var contactName: String?
    var contactPhone: String?
    var responsibleCadreId: Int?
    var aboveScale: Bool?
    var tags: [String]?
}

struct PlaceDTO: Content {
    var id: Int
    var name: String
    var category: PlaceCategory
    var gridId: Int
    var address: String
    var latitude: Double?
    var longitude: Double?
    var contactName: String?
    var contactPhone: String?
    var responsibleCadreId: Int?
    var aboveScale: Bool
    var tags: [String]
    var createdAt: Date?
    var updatedAt: Date?

    init(_ p: PlaceRecord) {
        id = p.id ?? 0; name = p.name; category = p.category; gridId = p.$grid.id; address = p.address
        latitude = p.latitude; longitude = p.longitude; contactName = p.contactName; contactPhone = p.contactPhone
        responsibleCadreId = p.$responsibleCadre.id; aboveScale = p.aboveScale; tags = p.tagList
        createdAt = p.createdAt; updatedAt = p.updatedAt
    }
}

struct UserCreateRequest: Content {
    var username: String?
    var password: String?
    var displayName: String?
    var role: String?
    var gridIds: [Int]?
    var level: Int?
    var department: String?
    var placeIds: [Int]?
    var phone: String?
}

struct UserDTO: Content {
    var id: Int
    var username: String
    var displayName: String
    var role: Role
    var gridIds: [Int]
    var level: Int?
    var department: Department?
    var placeIds: [Int]
    var phone: String?
    var active: Bool
}
