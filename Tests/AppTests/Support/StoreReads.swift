@testable import App
import Fluent
import Foundation
import SQLKit

/// Reads of a store's rows for assertions: every column as the row type declares it.
enum StoreReads {
    static func all<R: TableRow>(_ type: R.Type, where condition: SQLQueryString = "1 = 1", on db: any Database) async throws -> [R] {
        let query: SQLQueryString = "SELECT \(unsafeRaw: R.columnList) FROM \(ident: R.table) WHERE \(condition) ORDER BY \(ident: R.table).id"
        return try await (db as! any SQLDatabase).raw(query).all().map(R.init(row:))
    }

    static func count<R: TableRow>(_ type: R.Type, where condition: SQLQueryString = "1 = 1", on db: any Database) async throws -> Int {
        try await all(type, where: condition, on: db).count
    }
}
