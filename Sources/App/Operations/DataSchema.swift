import Foundation
import SafeGridDomain
import SQLKit

/// The tables and columns a migration run created, read from the databases themselves so
/// that a table added by a later migration is copied without anyone listing it here.
struct DataSchema: Sendable {
    enum Kind: Sendable {
        case integer, double, boolean, timestamp, uuid, json, bytes, text
    }

    struct Column: Sendable, Equatable {
        var name: String
        /// PostgreSQL's `data_type`, used as the cast target where a bind needs one.
        var type: String
        var kind: Kind
        var serial: Bool
    }

    struct ForeignKey: Sendable {
        var child: String
        var column: String
        var parent: String
        var parentColumn: String
    }

    /// Fluent's own record of which migrations ran: the target has its own from migrating.
    static let bookkeeping: Set<String> = ["_fluent_migrations"]

    /// Reference rows that migrations themselves insert (the shipped checklists and patrol
    /// frequencies): the target already has them from migrating, and the source has the same
    /// rows, same ids, plus any edits. They are replaced by the source's, not counted as data.
    static let seededByMigrations: [String] = ["checklist_template_items", "checklist_templates", "patrol_frequencies", "trail_heads"]

    var columns: [String: [Column]]
    var tables: [String] { columns.keys.sorted() }

    static func postgres(_ sql: any SQLDatabase) async throws -> DataSchema {
        struct Row: Decodable { let table_name: String; let column_name: String; let data_type: String; let serial: Bool }
        let rows = try await sql.raw("""
            SELECT c.table_name::text AS table_name, c.column_name::text AS column_name, c.data_type::text AS data_type,
                   (c.is_identity = 'YES' OR coalesce(c.column_default, '') LIKE 'nextval(%') AS serial
            FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
            ORDER BY c.table_name, c.ordinal_position
            """).all(decoding: Row.self)
        var columns: [String: [Column]] = [:]
        for row in rows where !bookkeeping.contains(row.table_name) {
            columns[row.table_name, default: []].append(
                Column(name: row.column_name, type: row.data_type, kind: kind(of: row.data_type), serial: row.serial))
        }
        return DataSchema(columns: columns)
    }

    static func kind(of type: String) -> Kind {
        switch type {
        case "bigint", "integer", "smallint": .integer
        case "double precision", "real", "numeric": .double
        case "boolean": .boolean
        case "timestamp with time zone", "timestamp without time zone": .timestamp
        case "uuid": .uuid
        case "json", "jsonb": .json
        case "bytea": .bytes
        default: .text
        }
    }

    /// Column names per table of a SQLite database.
    static func sqliteColumns(_ sql: any SQLDatabase) async throws -> [String: [String]] {
        struct Row: Decodable { let table_name: String; let column_name: String }
        let rows = try await sql.raw("""
            SELECT m.name AS table_name, p.name AS column_name
            FROM sqlite_master m JOIN pragma_table_info(m.name) p
            WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
            ORDER BY m.name, p.cid
            """).all(decoding: Row.self)
        var columns: [String: [String]] = [:]
        for row in rows where !bookkeeping.contains(row.table_name) {
            columns[row.table_name, default: []].append(row.column_name)
        }
        return columns
    }

    static func sqliteForeignKeys(_ sql: any SQLDatabase) async throws -> [ForeignKey] {
        struct Row: Decodable { let child: String; let column: String; let parent: String; let parent_column: String? }
        return try await sql.raw("""
            SELECT m.name AS child, f."from" AS "column", f."table" AS parent, f."to" AS parent_column
            FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f
            WHERE m.type = 'table'
            """).all(decoding: Row.self)
            .map { ForeignKey(child: $0.child, column: $0.column, parent: $0.parent, parentColumn: $0.parent_column ?? "id") }
    }

    /// Throws unless both sides have the same tables with the same columns.
    func requireSame(asSQLite other: [String: [String]]) throws {
        var problems: [String] = []
        let mine = Set(columns.keys), theirs = Set(other.keys)
        if !mine.subtracting(theirs).isEmpty { problems.append("missing in source: " + mine.subtracting(theirs).sorted().joined(separator: ", ")) }
        if !theirs.subtracting(mine).isEmpty { problems.append("missing in target: " + theirs.subtracting(mine).sorted().joined(separator: ", ")) }
        for table in mine.intersection(theirs).sorted() {
            let a = Set(columns[table]!.map(\.name)), b = Set(other[table]!)
            if a != b { problems.append("\(table): " + a.symmetricDifference(b).sorted().joined(separator: ", ")) }
        }
        guard problems.isEmpty else {
            throw SafeGridError(.conflict, "error.ops.schema_mismatch", args: [problems.joined(separator: "; ")])
        }
    }

    /// Tables ordered so that every table comes after those its foreign keys point to;
    /// ties by name, so runs are repeatable. References to a table itself are left to the
    /// row order (`DataMigration` sorts such rows parents first).
    func insertionOrder(_ keys: [ForeignKey]) -> [String] {
        var waiting = Dictionary(uniqueKeysWithValues: tables.map { table in
            (table, Set(keys.filter { $0.child == table && $0.parent != table && columns[$0.parent] != nil }.map(\.parent)))
        })
        var order: [String] = []
        while !waiting.isEmpty {
            let ready = waiting.filter { $0.value.isSubset(of: Set(order)) }.keys.sorted()
            // A cycle cannot come from Fluent's schema builder; should one appear, the
            // remaining tables go in by name and PostgreSQL reports the offending row.
            let next = ready.isEmpty ? waiting.keys.sorted() : ready
            order.append(contentsOf: next)
            next.forEach { waiting[$0] = nil }
        }
        return order
    }
}
