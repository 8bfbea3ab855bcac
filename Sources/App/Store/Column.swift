import FluentKit
import SQLKit

/// One column of a table, declared once by the row type that holds it: its name, how a
/// selected value lands in the row, and the value an insert or update writes. A store derives
/// its column list, its row reader and its writes from the row type's table of these, so a
/// new field is one line there (and its migration), not a list to keep in step elsewhere.
///
/// Values are read column by column (`SQLRow.decode(column:as:)`), without a `Decoder`'s keyed
/// containers: a ledger page reads fifty rows per request and the generic path was a sixth of
/// its CPU (bench/results/2026-11-27-sqlite.md). Enumerations are stored as their raw text; a
/// value this version does not know is a decoding error.
struct Column<Row>: @unchecked Sendable {
    // Key paths are immutable values; `@unchecked` because the standard library does not
    // mark them Sendable.
    let name: String
    let read: (inout Row, any SQLRow) throws -> Void
    let value: (Row) -> any Encodable & Sendable
    /// The two rows hold the same value here (an update writes only the columns that differ).
    let same: (Row, Row) -> Bool

    static func value<T: Codable & Equatable & Sendable>(_ name: String, _ path: WritableKeyPath<Row, T>) -> Column {
        Column(name: name, read: { row, sql in row[keyPath: path] = try sql.decode(column: name, as: T.self) },
               value: { $0[keyPath: path] }, same: { $0[keyPath: path] == $1[keyPath: path] })
    }

    static func optional<T: Codable & Equatable & Sendable>(_ name: String, _ path: WritableKeyPath<Row, T?>) -> Column {
        Column(name: name, read: { row, sql in
            row[keyPath: path] = try sql.decodeNil(column: name) ? nil : sql.decode(column: name, as: T.self)
        }, value: { $0[keyPath: path] }, same: { $0[keyPath: path] == $1[keyPath: path] })
    }

    static func text<E: RawRepresentable & Equatable & Sendable>(_ name: String, _ path: WritableKeyPath<Row, E>) -> Column where E.RawValue == String {
        Column(name: name, read: { row, sql in
            row[keyPath: path] = try known(E.self, try sql.decode(column: name, as: String.self), column: name)
        }, value: { $0[keyPath: path].rawValue }, same: { $0[keyPath: path] == $1[keyPath: path] })
    }

    static func optionalText<E: RawRepresentable & Equatable & Sendable>(_ name: String, _ path: WritableKeyPath<Row, E?>) -> Column
    where E.RawValue == String {
        Column(name: name, read: { row, sql in
            row[keyPath: path] = try sql.decodeNil(column: name)
                ? nil : try known(E.self, try sql.decode(column: name, as: String.self), column: name)
        }, value: { $0[keyPath: path]?.rawValue }, same: { $0[keyPath: path] == $1[keyPath: path] })
    }

    private static func known<E: RawRepresentable>(_ type: E.Type, _ text: String, column: String) throws -> E where E.RawValue == String {
        guard let value = E(rawValue: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "unknown \(E.self) '\(text)' in \(column)"))
        }
        return value
    }
}

/// A row type with its table's columns declared once.
protocol TableRow: Sendable {
    static var table: String { get }
    static var columns: [Column<Self>] { get }
    /// A row every column read overwrites: the starting point of `init(row:)`.
    static var blank: Self { get }
    /// The select list; rows read on hot paths keep it prepared (`static let selection = columnList`).
    static var selection: String { get }
}

extension TableRow {
    /// Reads one selected row; the select must name every column (`columnList`).
    init(row: any SQLRow) throws {
        var value = Self.blank
        for column in Self.columns { try column.read(&value, row) }
        self = value
    }

    /// `table.a, table.b, ...`: qualified, since reads join other tables. The names are plain
    /// lower-case identifiers, valid unquoted on both engines.
    static var columnList: String { columns.map { "\(table).\($0.name)" }.joined(separator: ", ") }

    static var selection: String { columnList }

    /// The columns an insert writes: all but the generated `id`.
    static var insertColumns: [Column<Self>] { columns.filter { $0.name != "id" } }

    var insertValues: [any Encodable & Sendable] { Self.insertColumns.map { $0.value(self) } }
}

extension TableRow {
    /// Rows matching a condition, in id order (jobs, tools and tests; pages have their own queries).
    static func rows(where condition: SQLQueryString, on db: any Database) async throws -> [Self] {
        let query: SQLQueryString = "SELECT \(unsafeRaw: selection) FROM \(ident: table) WHERE \(condition) ORDER BY \(ident: table).id"
        return try await (db as! any SQLDatabase).raw(query).all().map(Self.init(row:))
    }

    static func count(where condition: SQLQueryString, on db: any Database) async throws -> Int {
        let query: SQLQueryString = "SELECT COUNT(*) AS n FROM \(ident: table) WHERE \(condition)"
        return try await (db as! any SQLDatabase).raw(query).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Every column's value, `id` included, in `columns` order (bulk loads that choose ids).
    var allValues: [any Encodable & Sendable] { Self.columns.map { $0.value(self) } }
    static var columnNames: [String] { columns.map(\.name) }
}

extension SQLRow {
    /// A text column a join may leave empty (a name beside a row).
    func optionalText(_ column: String) throws -> String? {
        try decodeNil(column: column) ? nil : decode(column: column, as: String.self)
    }
}
