@testable import App
import Fluent
import Foundation
import SQLKit
import SafeGridDomain
import Testing
import Vapor
import VaporTesting

/// The fixed instant of every test: 2026-11-26 10:00 China time.
extension Date {
    static let t0 = Date(timeIntervalSince1970: 1_795_658_400)
}

/// Runs `body` against a fresh, migrated application with its own database and data folder.
/// SQLite by default; with `TEST_DATABASE_URL` (postgres://...) each test gets its own
/// PostgreSQL database, created here and dropped afterwards.
func withTestApp(clock: Date = .t0, _ body: (Application) async throws -> Void) async throws {
    // Swift Testing starts every test at once; on PostgreSQL each holds a pool of connections,
    // so only a bounded number run together, or the server's connection limit is reached.
    guard TestDatabase.isPostgres else { return try await runTestApp(clock: clock, body) }
    await TestDatabase.slots.acquire()
    do {
        try await runTestApp(clock: clock, body)
        await TestDatabase.slots.release()
    } catch {
        await TestDatabase.slots.release()
        throw error
    }
}

private func runTestApp(clock: Date, _ body: (Application) async throws -> Void) async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("safegrid-test-\(UUID().uuidString)").path
    let database = try await TestDatabase.create()
    if database == nil { try await TemplateDatabase.copySQLite(into: folder) }
    let app = try await Application.make(.testing)
    app.clock = AppClock { clock }
    do {
        try await configure(app, settings: AppSettings(dataDirectory: folder, databaseURL: database?.url, bcryptCost: 4))
        try await body(app)
    } catch {
        try? await app.asyncShutdown()
        try? await database?.drop()
        try? FileManager.default.removeItem(atPath: folder)
        // Database errors hide their detail from `description`; tests want it.
        throw TestFailure(String(reflecting: error))
    }
    try await app.asyncShutdown()
    try await database?.drop()
    try? FileManager.default.removeItem(atPath: folder)
}

/// A counting semaphore for async code.
actor AsyncSlots {
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(_ count: Int) { free = count }

    func acquire() async {
        if free > 0 { free -= 1; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
    }
}

/// One PostgreSQL database per test, made with psql against TEST_DATABASE_URL's server.
struct TestDatabase {
    /// 16 tests × a pool of 8 stay well under `max_connections` (scripts/pg-start sets 400).
    static let slots = AsyncSlots(16)
    static var isPostgres: Bool { !(ProcessInfo.processInfo.environment["TEST_DATABASE_URL"] ?? "").isEmpty }

    let name: String
    let adminURL: String
    /// The admin URL with its database (the last path segment) replaced.
    var url: String {
        guard let slash = adminURL.lastIndex(of: "/") else { return adminURL }
        let query = adminURL[slash...].firstIndex(of: "?").map { String(adminURL[$0...]) } ?? ""
        return String(adminURL[...slash]) + name + query
    }

    /// A copy of the migrated template (`TemplateDatabase`), or nil on SQLite.
    static func create() async throws -> TestDatabase? {
        guard let admin = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"], !admin.isEmpty else { return nil }
        let template = try await TemplateDatabase.postgres.value
        let db = TestDatabase(name: randomName("t_"), adminURL: admin)
        try psql(admin, "CREATE DATABASE \(db.name) TEMPLATE \(template)")
        return db
    }

    static func randomName(_ prefix: String) -> String {
        prefix + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
    }

    func drop() async throws {
        try Self.psql(adminURL, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    static func psql(_ url: String, _ command: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", url, "-q", "-v", "ON_ERROR_STOP=1", "-c", command]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestFailure("psql failed: \(command)") }
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Migrating costs more than most tests do, so the schema is built once per run in a template
/// that each test copies: a file copy on SQLite, `CREATE DATABASE … TEMPLATE` on PostgreSQL.
/// Each test still starts the application normally; its migrator finds nothing left to do.
enum TemplateDatabase {
    static let sqlite: Task<String, any Error> = Task { try await makeSQLite() }
    static let postgres: Task<String, any Error> = Task { try await makePostgres() }

    /// What to remove when the test process ends.
    nonisolated(unsafe) private static var leftovers: (folder: String?, database: (admin: String, name: String)?) = (nil, nil)
    private static let cleanupRegistered: Void = { atexit { TemplateDatabase.cleanUp() } }()

    static func copySQLite(into folder: String) async throws {
        let template = try await sqlite.value
        let fm = FileManager.default
        try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for name in try fm.contentsOfDirectory(atPath: template) where name.hasPrefix("safegrid.sqlite") {
            try fm.copyItem(atPath: template + "/" + name, toPath: folder + "/" + name)
        }
    }

    private static func makeSQLite() async throws -> String {
        _ = cleanupRegistered
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("safegrid-template-\(UUID().uuidString)").path
        leftovers.folder = folder
        try await migrate(AppSettings(dataDirectory: folder, bcryptCost: 4)) { app in
            // Everything in the main file, so that copying it alone is a whole database.
            try await (app.db as! any SQLDatabase).raw("PRAGMA wal_checkpoint(TRUNCATE)").run()
        }
        return folder
    }

    private static func makePostgres() async throws -> String {
        _ = cleanupRegistered
        let admin = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"] ?? ""
        let template = TestDatabase(name: TestDatabase.randomName("tmpl_"), adminURL: admin)
        try TestDatabase.psql(admin, "CREATE DATABASE \(template.name)")
        leftovers.database = (admin, template.name)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("safegrid-template-\(UUID().uuidString)").path
        try await migrate(AppSettings(dataDirectory: folder, databaseURL: template.url, bcryptCost: 4)) { _ in }
        try? FileManager.default.removeItem(atPath: folder)
        return template.name
    }

    /// Starts the application once (which migrates), then shuts it down so no connection stays.
    private static func migrate(_ settings: AppSettings, finish: (Application) async throws -> Void) async throws {
        let app = try await Application.make(.testing)
        do {
            try await configure(app, settings: settings)
            try await finish(app)
        } catch {
            try? await app.asyncShutdown()
            throw TestFailure("the template database could not be made: \(String(reflecting: error))")
        }
        try await app.asyncShutdown()
    }

    private static func cleanUp() {
        if let folder = leftovers.folder { try? FileManager.default.removeItem(atPath: folder) }
        if let (admin, name) = leftovers.database { try? TestDatabase.psql(admin, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
    }
}
