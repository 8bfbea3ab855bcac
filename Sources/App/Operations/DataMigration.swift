import Fluent
import Foundation
import SafeGridDomain
import SQLiteKit
import Vapor

/// `safegrid migrate-data`: copies a whole SQLite deployment into an empty, migrated
/// PostgreSQL database, keeping every id.
///
/// Tables and columns come from the two schemas, not from the models, so a table a later
/// migration adds is carried over too. The source is read in one read transaction (one
/// consistent state even if a server still writes) and the target written in one
/// transaction, checked row count by row count before it commits: the target ends up
/// either a full copy or still empty. Upload files are not copied: attachments name them
/// by content hash, so the PostgreSQL deployment uses the same uploads folder, or a copy.
public enum DataMigration {
    public struct TableCount: Sendable, Equatable {
        public var table: String
        public var source: Int
        public var target: Int
    }

    public struct Report: Sendable {
        public var tables: [TableCount]
        public var sequencesReset: Int

        /// The per-table counts as an aligned text table.
        public var summary: String {
            let width = max(5, tables.map(\.table.count).max() ?? 0)
            func line(_ a: String, _ b: String, _ c: String) -> String {
                a.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + String(repeating: " ", count: max(0, 8 - b.count)) + b
                    + "  " + String(repeating: " ", count: max(0, 8 - c.count)) + c
            }
            var lines = [line("table", "sqlite", "postgres")]
            lines += tables.map { line($0.table, String($0.source), String($0.target)) }
            lines.append("copied \(tables.reduce(0) { $0 + $1.target }) rows in \(tables.count) tables; \(sequencesReset) id sequences reset")
            return lines.joined(separator: "\n")
        }
    }

    /// The database file named by `sqlite:PATH`, where PATH is the file or its data folder.
    /// Checked here, before an application for the target creates folders next to it.
    public static func sqlitePath(from spec: String) throws -> String {
        guard spec.hasPrefix("sqlite:"), spec.count > "sqlite:".count else {
            throw SafeGridError(.invalid, "error.ops.source_spec", args: [spec])
        }
        let path = String(spec.dropFirst("sqlite:".count))
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            return try existing(AppSettings(dataDirectory: path).sqlitePath)
        }
        return try existing(path)
    }

    private static func existing(_ path: String) throws -> String {
        guard FileManager.default.fileExists(atPath: path) else { throw SafeGridError(.notFound, "error.ops.no_database", args: [path]) }
        return path
    }

    /// The target URL, checked to be PostgreSQL's before anything connects to it.
    public static func postgresURL(_ url: String) throws -> String {
        guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else {
            throw SafeGridError(.invalid, "error.ops.target_spec")
        }
        return url
    }

    /// Rows read and written per statement; PostgreSQL allows 65,535 binds per statement.
    static let rowsPerBatch = 500

    /// Copies the database at `sqlitePath` into the (migrated, empty) PostgreSQL database of `app`.
    public static func run(from sqlitePath: String, into app: Application) async throws -> Report {
        guard !app.isSQLite else { throw SafeGridError(.invalid, "error.ops.target_spec") }
        return try await SQLiteFile.with(sqlitePath, readOnly: true) { source in
            let schema = try await DataSchema.postgres(app.db as! any SQLDatabase)
            try schema.requireSame(asSQLite: try await DataSchema.sqliteColumns(source.sql))
            try await requireEmpty(schema, app.db as! any SQLDatabase)
            let keys = try await DataSchema.sqliteForeignKeys(source.sql)
            let order = schema.insertionOrder(keys)

            // Closing the connection ends the read transaction, whichever way this returns.
            try await source.sql.raw("BEGIN").run()
            return try await app.db.transaction { tx in
                let sql = tx as! any SQLDatabase
                // Children first: template items point at templates.
                for table in DataSchema.seededByMigrations where schema.columns[table] != nil {
                    try await sql.raw("DELETE FROM \(ident: table)").run()
                }
                var counts: [TableCount] = []
                for table in order {
                    let selfKeys = keys.filter { $0.child == table && $0.parent == table }
                    let copied = try await copy(table, columns: schema.columns[table]!, selfKeys: selfKeys, from: source.sql, to: sql)
                    let expected = try await source.count(table)
                    let written = try await count(table, sql)
                    counts.append(TableCount(table: table, source: expected, target: written))
                    guard copied == expected, written == expected else {
                        throw SafeGridError(.conflict, "error.ops.count_mismatch", args: ["\(table): \(expected) → \(written)"])
                    }
                }
                let sequences = try await resetSequences(schema, sql)
                return Report(tables: counts.sorted { $0.table < $1.table }, sequencesReset: sequences)
            }
        }
    }

    static func requireEmpty(_ schema: DataSchema, _ sql: any SQLDatabase) async throws {
        var filled: [String] = []
        for table in schema.tables where !DataSchema.seededByMigrations.contains(table) {
            let rows = try await count(table, sql)
            if rows > 0 { filled.append("\(table): \(rows)") }
        }
        guard filled.isEmpty else { throw SafeGridError(.conflict, "error.ops.target_not_empty", args: [filled.joined(separator: ", ")]) }
    }

    static func count(_ table: String, _ sql: any SQLDatabase) async throws -> Int {
        try await sql.raw("SELECT count(*) AS n FROM \(ident: table)").first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Copies one table in rowid order, in batches; returns the number of rows written.
    static func copy(_ table: String, columns: [DataSchema.Column], selfKeys: [DataSchema.ForeignKey],
                     from source: any SQLDatabase, to target: any SQLDatabase) async throws -> Int {
        var written = 0
        var after = Int.min
        var held: [any SQLRow] = []
        while true {
            let rows = try await source.raw("""
                SELECT rowid AS "_sg_rowid", \(idents: columns.map(\.name), joinedBy: ", ") FROM \(ident: table)
                WHERE rowid > \(bind: after) ORDER BY rowid LIMIT \(literal: rowsPerBatch)
                """).all()
            guard let last = rows.last else { break }
            after = try last.decode(column: "_sg_rowid", as: Int.self)
            if selfKeys.isEmpty {
                try await insert(rows, into: table, columns: columns, target)
                written += rows.count
            } else {
                held += rows
            }
        }
        if !held.isEmpty {
            for batch in try parentsFirst(held, selfKeys).chunked(rowsPerBatch) {
                try await insert(Array(batch), into: table, columns: columns, target)
            }
            written += held.count
        }
        return written
    }

    static func insert(_ rows: [any SQLRow], into table: String, columns: [DataSchema.Column], _ target: any SQLDatabase) async throws {
        guard !rows.isEmpty else { return }
        let insert = target.insert(into: SQLIdentifier(table)).columns(columns.map(\.name))
        for row in rows {
            _ = insert.values(try columns.map { try value(row, $0) })
        }
        try await insert.run()
    }

    /// One column value of a SQLite row, as PostgreSQL expects it for the column's type:
    /// SQLite keeps times as seconds (REAL), booleans as 0/1 and UUIDs and JSON as text.
    static func value(_ row: any SQLRow, _ column: DataSchema.Column) throws -> any SQLExpression {
        let name = column.name
        if try row.decodeNil(column: name) { return SQLLiteral.null }
        switch column.kind {
        case .integer: return SQLBind(try row.decode(column: name, as: Int.self))
        case .double: return SQLBind(try row.decode(column: name, as: Double.self))
        case .boolean: return SQLBind(try row.decode(column: name, as: Bool.self))
        case .timestamp: return SQLBind(try row.decode(column: name, as: Date.self))
        case .uuid:
            if let text = try? row.decode(column: name, as: String.self), let uuid = UUID(uuidString: text) { return SQLBind(uuid) }
            return SQLBind(try row.decode(column: name, as: UUID.self))
        case .json:
            let text = try (try? row.decode(column: name, as: String.self))
                ?? String(decoding: row.decode(column: name, as: Data.self), as: UTF8.self)
            return SQLQueryString("CAST(\(bind: text) AS \(unsafeRaw: column.type))")
        case .bytes: return SQLBind(try row.decode(column: name, as: Data.self))
        case .text: return SQLBind(try row.decode(column: name, as: String.self))
        }
    }

    /// Rows of a table that refers to itself (grids to their parent), each after the row it
    /// refers to, since PostgreSQL checks the reference at every insert.
    static func parentsFirst(_ rows: [any SQLRow], _ keys: [DataSchema.ForeignKey]) throws -> [any SQLRow] {
        func text(_ row: any SQLRow, _ column: String) throws -> String? {
            guard let value = (row as? SQLiteRow)?.column(column), value != .null else { return nil }
            return value.description
        }
        let present = Set(try rows.flatMap { row in try keys.compactMap { try text(row, $0.parentColumn) } })
        var placed: Set<String> = [], result: [any SQLRow] = [], pending = rows
        while !pending.isEmpty {
            var next: [any SQLRow] = []
            for row in pending {
                let ready = try keys.allSatisfy { key in
                    guard let parent = try text(row, key.column) else { return true }
                    return placed.contains(parent) || !present.contains(parent)
                }
                if ready {
                    result.append(row)
                    for key in keys { if let own = try text(row, key.parentColumn) { placed.insert(own) } }
                } else {
                    next.append(row)
                }
            }
            // A loop of rows naming each other: insert them as they are and let PostgreSQL say which.
            if next.count == pending.count { return result + next }
            pending = next
        }
        return result
    }

    /// Moves every id sequence past the copied ids, so the next insert gets max(id) + 1.
    static func resetSequences(_ schema: DataSchema, _ sql: any SQLDatabase) async throws -> Int {
        var reset = 0
        for table in schema.tables {
            for column in schema.columns[table]! where column.serial {
                try await sql.raw("""
                    SELECT setval(pg_get_serial_sequence(quote_ident(\(bind: table)), \(bind: column.name)),
                                  coalesce((SELECT max(\(ident: column.name)) FROM \(ident: table)), 0) + 1, false)
                    """).run()
                reset += 1
            }
        }
        return reset
    }
}

extension Array {
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
