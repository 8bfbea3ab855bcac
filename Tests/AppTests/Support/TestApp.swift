@testable import App
import Fluent
import Foundation
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

    static func create() async throws -> TestDatabase? {
        guard let admin = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"], !admin.isEmpty else { return nil }
        let db = TestDatabase(name: "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20), adminURL: admin)
        try psql(admin, "CREATE DATABASE \(db.name)")
        return db
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
