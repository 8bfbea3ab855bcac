import Foundation
import SafeGridDomain
import SQLiteKit

/// `safegrid backup`: a consistent copy of a SQLite deployment, taken while the server runs.
///
/// The backup is a folder, `<to>/safegrid.sqlite` plus `<to>/uploads/`, laid out like a data
/// folder so it can be inspected with `sqlite3`, archived with `tar`, or served directly
/// with `--data-dir`. It is built under a temporary name next to `<to>` and renamed only
/// once verified, so a folder named `<to>` is always a complete backup.
public enum Backup {
    public struct Report: Sendable {
        public var folder: String
        public var databaseBytes: Int
        public var tables: [String: Int]
        public var uploads: Int
        /// Attachments whose file was absent from the live uploads folder too.
        public var missingUploads: [String]

        public var summary: String {
            var lines = ["backup written to \(folder): database \(databaseBytes) bytes, integrity ok, "
                + "\(tables["hazards"] ?? 0) hazards, \(tables["hazard_events"] ?? 0) events, \(uploads) upload files"]
            if !missingUploads.isEmpty {
                lines.append("warning: \(missingUploads.count) attachment files were missing from the uploads folder, "
                    + "e.g. \(missingUploads.prefix(3).joined(separator: ", "))")
            }
            return lines.joined(separator: "\n")
        }
    }

    public static func run(settings: AppSettings, to target: String) async throws -> Report {
        guard settings.databaseURL == nil else { throw SafeGridError(.conflict, "error.ops.postgres_backup") }
        let fm = FileManager.default
        guard !exists(target) else { throw SafeGridError(.conflict, "error.ops.target_exists", args: [target]) }
        let parent = (URL(fileURLWithPath: target).standardizedFileURL.path as NSString).deletingLastPathComponent
        try fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
        let staging = parent + "/." + (target as NSString).lastPathComponent + ".partial-" + UUID().uuidString.prefix(8)
        try fm.createDirectory(atPath: staging, withIntermediateDirectories: false)
        do {
            let report = try await write(settings: settings, into: staging, named: target)
            guard !exists(target), rename(staging, target) == 0 else {
                throw SafeGridError(.conflict, "error.ops.target_exists", args: [target])
            }
            try UploadsCopy.sync(parent)
            return report
        } catch {
            try? fm.removeItem(atPath: staging)
            throw error
        }
    }

    private static func write(settings: AppSettings, into staging: String, named target: String) async throws -> Report {
        let database = staging + "/safegrid.sqlite"
        // VACUUM INTO reads inside one read transaction: under WAL it sees one committed
        // state however many writers continue, and it blocks none of them. Opened for
        // writing because only such a connection may recover a log a crash left behind.
        try await SQLiteFile.with(settings.sqlitePath) { live in
            try await live.sql.raw("VACUUM INTO \(bind: database)").run()
        }
        // After the snapshot, not before: a file is stored before the row that names it is
        // committed, so every attachment in the snapshot already has its file on disk.
        let uploads = staging + "/uploads"
        try FileManager.default.createDirectory(atPath: uploads, withIntermediateDirectories: true)
        let copied = try UploadsCopy.merge(from: settings.uploadsDirectory, into: uploads)
        try UploadsCopy.sync(database)
        try UploadsCopy.sync(staging)

        return try await SQLiteFile.with(database, readOnly: true) { copy in
            try await copy.checkIntegrity()
            var tables: [String: Int] = [:]
            for (table, rows) in try await copy.counts() { tables[table] = rows }
            let hashes = try await copy.sql.raw("SELECT DISTINCT sha256 FROM attachments ORDER BY sha256").all()
                .map { try $0.decode(column: "sha256", as: String.self) }
            let store = AttachmentStore(directory: uploads)
            let missing = hashes.filter { !FileManager.default.fileExists(atPath: store.path(for: $0)) }
            return Report(folder: target, databaseBytes: UploadsCopy.fileSize(database) ?? 0, tables: tables,
                          uploads: copied.copied, missingUploads: missing)
        }
    }

    /// Also true for a dangling symbolic link, which `fileExists` reports as absent.
    static func exists(_ path: String) -> Bool {
        (try? FileManager.default.attributesOfItem(atPath: path)) != nil
    }
}
