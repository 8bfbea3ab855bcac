import Foundation
import SafeGridDomain
import SQLiteKit

/// One connection to a SQLite file, outside any application: the operational commands must
/// not run migrations or hold a connection pool on a database a server may be using.
struct SQLiteFile {
    let path: String
    private let connection: SQLiteConnection
    var sql: any SQLDatabase { connection.sql() }

    /// Opens an existing file. Opening never creates one: SQLite would make an empty database
    /// for a mistyped path, which a restore or migration would then treat as real.
    static func open(_ path: String, readOnly: Bool = false) async throws -> SQLiteFile {
        guard FileManager.default.fileExists(atPath: path) else {
            throw SafeGridError(.notFound, "error.ops.no_database", args: [path])
        }
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        // URI form, so read-only is guaranteed by SQLite rather than by our care.
        let encoded = absolute.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? absolute
        let uri = "file:\(encoded)" + (readOnly ? "?mode=ro" : "")
        let connection = try await SQLiteConnection.open(storage: .file(path: uri))
        let file = SQLiteFile(path: path, connection: connection)
        try await file.sql.raw("PRAGMA busy_timeout = 10000").run()
        return file
    }

    /// Runs `body` with the file open and always closes it.
    static func with<T>(_ path: String, readOnly: Bool = false, _ body: (SQLiteFile) async throws -> T) async throws -> T {
        let file = try await open(path, readOnly: readOnly)
        do {
            let result = try await body(file)
            try await file.close()
            return result
        } catch {
            try? await file.close()
            throw error
        }
    }

    func close() async throws { try await connection.close() }

    /// `PRAGMA integrity_check`; throws unless SQLite answers "ok".
    func checkIntegrity() async throws {
        let rows = try await sql.raw("PRAGMA integrity_check").all()
        let answers = try rows.map { try $0.decode(column: "integrity_check", as: String.self) }
        guard answers == ["ok"] else {
            throw SafeGridError(.conflict, "error.ops.integrity", args: [path, answers.prefix(3).joined(separator: "; ")])
        }
    }

    /// The tables the application made (SQLite's own excluded), sorted by name.
    func tables() async throws -> [String] {
        try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
            .all().map { try $0.decode(column: "name", as: String.self) }
    }

    /// Whether the file holds a SafeGrid (Fluent) database rather than some other SQLite file.
    func isSafeGrid() async throws -> Bool {
        try await tables().contains("_fluent_migrations")
    }

    func count(_ table: String) async throws -> Int {
        try await sql.raw("SELECT count(*) AS n FROM \(ident: table)").first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Row count of every table.
    func counts() async throws -> [(table: String, rows: Int)] {
        var result: [(String, Int)] = []
        for table in try await tables() { result.append((table, try await count(table))) }
        return result
    }
}
