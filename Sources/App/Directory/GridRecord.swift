import Fluent
import SQLKit
import Foundation
import SafeGridDomain

/// A grid (网格) of the tree. Enums are stored as their raw strings: plain text columns
/// behave the same on SQLite and PostgreSQL.
final class GridRecord: Model, @unchecked Sendable {
    static let schema = "grids"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "level") var level: GridLevel
    @Field(key: "kind") var kind: GridKind
    @OptionalField(key: "independent_type") var independentType: IndependentGridType?
    @OptionalParent(key: "parent_id") var parent: GridRecord?
    /// Materialised path of ids ("/1/4/17/"); subtree queries are prefix matches.
    @Field(key: "path") var path: String
    @OptionalField(key: "boundary") var boundary: String?
    /// When the grid was retired (migration 014); nil while in use.
    @OptionalField(key: "retired_at") var retiredAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

extension GridRecord {
    /// A grid's materialised path, nil for an unknown id: the one thing a list filter needs of
    /// a grid, read without building a Fluent model (its reflection was a twentieth of a
    /// ledger request's CPU).
    static func path(of id: Int, on db: any Database) async throws -> String? {
        try await (db as! any SQLDatabase).raw("SELECT path FROM grids WHERE id = \(bind: id)").first()?.decode(column: "path", as: String.self)
    }
}
