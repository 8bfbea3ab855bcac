import Foundation
import SafeGridDomain
import SQLiteKit

/// `safegrid restore`: puts a backup back into a data folder that no server is using.
///
/// The database is copied into a staging folder inside the data folder, checked, and then
/// renamed over `safegrid.sqlite` in one step: a crash before that step leaves the old
/// database, after it the new one. Uploads are merged in before the swap rather than
/// swapped: they are content-addressed, so the merged folder serves both the old and the
/// new database, and no moment exists without an uploads folder. Files uploaded after the
/// backup stay in place, unreferenced.
public enum Restore {
    public struct Report: Sendable {
        public var folder: String
        public var tables: [String: Int]
        /// Nil when the backup was a single database file.
        public var uploadsCopied: Int?
        public var uploadsAlreadyPresent: Int

        public var summary: String {
            let files = uploadsCopied.map { "\($0) upload files copied, \(uploadsAlreadyPresent) already present" }
                ?? "uploads folder left as it was (the backup is a database file only)"
            return "restored into \(folder): integrity ok, \(tables["hazards"] ?? 0) hazards, "
                + "\(tables["hazard_events"] ?? 0) events; \(files)"
        }
    }

    /// `source` is a backup folder (`safegrid.sqlite` and `uploads/`) or a database file.
    public static func run(from source: String, settings: AppSettings) async throws -> Report {
        guard settings.databaseURL == nil else { throw SafeGridError(.conflict, "error.ops.postgres_restore") }
        let fm = FileManager.default
        var isFolder: ObjCBool = false
        guard fm.fileExists(atPath: source, isDirectory: &isFolder) else {
            throw SafeGridError(.notFound, "error.ops.no_database", args: [source])
        }
        let database = isFolder.boolValue ? source + "/safegrid.sqlite" : source
        let uploads = isFolder.boolValue ? source + "/uploads" : nil
        try await check(database)

        try fm.createDirectory(atPath: settings.dataDirectory, withIntermediateDirectories: true)
        let live = settings.sqlitePath
        // Checked once before the slow copying, to fail fast, and again right before the swap.
        if fm.fileExists(atPath: live) { try await quiesce(live) }

        let staging = settings.dataDirectory + "/.restore-" + UUID().uuidString.prefix(8)
        try fm.createDirectory(atPath: staging, withIntermediateDirectories: false)
        defer { try? fm.removeItem(atPath: staging) }
        let staged = staging + "/safegrid.sqlite"
        // VACUUM INTO rather than a file copy: it also carries what a log next to a
        // database file holds, should the operator point at one.
        try await SQLiteFile.with(database, readOnly: true) { try await $0.sql.raw("VACUUM INTO \(bind: staged)").run() }
        try UploadsCopy.sync(staged)
        let tables = try await SQLiteFile.with(staged, readOnly: true) { copy in
            try await copy.checkIntegrity()
            return Dictionary(try await copy.counts().map { ($0.table, $0.rows) }, uniquingKeysWith: { a, _ in a })
        }

        var merged: UploadsCopy.Result?
        if let uploads, fm.fileExists(atPath: uploads) {
            try fm.createDirectory(atPath: settings.uploadsDirectory, withIntermediateDirectories: true)
            merged = try UploadsCopy.merge(from: uploads, into: settings.uploadsDirectory)
            try UploadsCopy.sync(settings.uploadsDirectory)
        }

        if fm.fileExists(atPath: live) { try await quiesce(live) }
        // The old log and index must go before the new file lands: SQLite would replay a
        // leftover log onto whatever database file bears its name. quiesce folded it in.
        for suffix in ["-wal", "-shm"] where fm.fileExists(atPath: live + suffix) {
            try fm.removeItem(atPath: live + suffix)
        }
        guard rename(staged, live) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: live])
        }
        try UploadsCopy.sync(settings.dataDirectory)
        return Report(folder: settings.dataDirectory, tables: tables, uploadsCopied: merged?.copied,
                      uploadsAlreadyPresent: merged?.present ?? 0)
    }

    /// The backup is readable, intact and a SafeGrid database.
    static func check(_ database: String) async throws {
        try await SQLiteFile.with(database, readOnly: true) { backup in
            try await backup.checkIntegrity()
            guard try await backup.isSafeGrid() else {
                throw SafeGridError(.invalid, "error.ops.not_safegrid", args: [database])
            }
        }
    }

    /// Refuses when another connection has the database open, then folds the write-ahead
    /// log into the main file (a server killed with SIGKILL leaves one behind).
    ///
    /// In WAL mode every open connection holds a shared lock on the file for as long as it
    /// stays open, so an exclusive lock is obtainable only when no server (in this process
    /// or another) has it open. The busy timeout is short: a running server never lets go.
    static func quiesce(_ live: String) async throws {
        try await SQLiteFile.with(live) { file in
            try await file.sql.raw("PRAGMA busy_timeout = 500").run()
            try await file.sql.raw("PRAGMA locking_mode = EXCLUSIVE").run()
            do {
                try await file.sql.raw("BEGIN EXCLUSIVE").run()
            } catch let error as SQLiteError where [.busy, .locked, .busyTimeout].contains(error.reason) {
                throw SafeGridError(.conflict, "error.ops.in_use", args: [(live as NSString).deletingLastPathComponent])
            }
            try await file.sql.raw("COMMIT").run()
            let busy = try await file.sql.raw("PRAGMA wal_checkpoint(TRUNCATE)").first()?.decode(column: "busy", as: Int.self) ?? 0
            guard busy == 0 else { throw SafeGridError(.conflict, "error.ops.wal_not_folded", args: [live]) }
        }
        if let size = UploadsCopy.fileSize(live + "-wal"), size > 0 {
            throw SafeGridError(.conflict, "error.ops.wal_not_folded", args: [live])
        }
    }
}
