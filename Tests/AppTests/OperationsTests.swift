@testable import App
import Fluent
import Foundation
import SafeGridDomain
import SQLiteKit
import Testing
import Vapor
import VaporTesting

@Suite("Backup, restore and moving to PostgreSQL")
struct OperationsTests {
    struct NewHazard: Encodable, Sendable {
        var title: String
        var description = "仓库东侧配电箱有临时接线"
        var category = "electrical"
        var source = "grid"
        var placeId: Int?
        var gridId: Int?
    }

    @Test("a backup taken during concurrent registrations restores to a consistent prefix of the live data")
    func backupDuringWrites() async throws {
        let root = temporaryFolder()
        let live = root + "/data", backup = root + "/backup-2026-11-26", restored = root + "/restored"
        defer { try? FileManager.default.removeItem(atPath: root) }
        try await withSQLiteApp(live) { app in
            // setup: a photo in the uploads folder, then six writers registering hazards
            let f = try await Fixture.make(app)
            let photo = try decode(AttachmentAPIController.AttachmentDTO.self, try await upload(app, "/api/v1/attachments", as: f.tokens["worker"]!, bytes: Bytes.png))
            let progress = LoadProgress()
            var report: Backup.Report?
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<6 {
                    let token = f.tokens[writer % 2 == 0 ? "worker" : "worker2"]
                    group.addTask {
                        while await !progress.stopped {
                            let response = try await api(app, .POST, "/api/v1/hazards", as: token,
                                                         json: NewHazard(title: "配电箱私拉乱接 \(writer)", placeId: f.place.id))
                            guard response.status == .created else { throw TestFailure("registration failed: \(response.body.string)") }
                            await progress.add()
                        }
                    }
                }
                await progress.wait(for: 20)
                // MUT
                report = try await Backup.run(settings: AppSettings(dataDirectory: live), to: backup)
                await progress.wait(for: await progress.created + 20)
                await progress.stop()
                try await group.waitForAll()
            }
            try await Restore.run(from: backup, settings: AppSettings(dataDirectory: restored))

            // validate: the backup lies strictly inside the load
            let copied = try #require(report?.tables["hazards"])
            let total = try await HazardStore.count(where: "1 = 1", on: app.db)
            #expect(copied > 0 && copied < total, "the backup should fall in the middle of the load: \(copied) of \(total)")

            try await SQLiteFile.with(AppSettings(dataDirectory: live).sqlitePath) { source in
                try await SQLiteFile.with(AppSettings(dataDirectory: restored).sqlitePath) { copy in
                    try await expectPrefix(copy, of: source)
                }
            }
            try await SQLiteFile.with(AppSettings(dataDirectory: restored).sqlitePath) { copy in
                try await expectConsistent(copy, hazards: copied)
            }
            let sha = try #require(try await AttachmentRecord.find(photo.id, on: app.db)).sha256
            #expect(FileManager.default.fileExists(atPath: AttachmentStore(directory: restored + "/uploads").path(for: sha)),
                    "the uploaded photo is in the restored uploads folder")
        }
    }

    @Test("restore refuses a data folder a running app has open, and replaces it once the app has stopped")
    func restoreWaitsForTheServer() async throws {
        let root = temporaryFolder()
        let live = root + "/data", backup = root + "/backup"
        defer { try? FileManager.default.removeItem(atPath: root) }
        try await withSQLiteApp(live) { app in
            // setup: three hazards in the backup, two more after it
            let f = try await Fixture.make(app)
            for i in 0..<5 {
                if i == 3 { _ = try await Backup.run(settings: AppSettings(dataDirectory: live), to: backup) }
                let response = try await api(app, .POST, "/api/v1/hazards", as: f.tokens["worker"], json: NewHazard(title: "隐患 \(i)", placeId: f.place.id))
                #expect(response.status == .created)
            }
            // MUT
            let refusal = await #expect(throws: SafeGridError.self) {
                try await Restore.run(from: backup, settings: AppSettings(dataDirectory: live))
            }
            // validate
            #expect(refusal?.key == "error.ops.in_use", "\(String(describing: refusal))")
            #expect(try await HazardStore.count(where: "1 = 1", on: app.db) == 5, "the refused restore changed nothing")
        }
        // MUT: the app has shut down (its last connection folded the log away or left it)
        let report = try await Restore.run(from: backup, settings: AppSettings(dataDirectory: live))
        // validate
        #expect(report.tables["hazards"] == 3)
        #expect(!FileManager.default.fileExists(atPath: AppSettings(dataDirectory: live).sqlitePath + "-wal"))
        try await SQLiteFile.with(AppSettings(dataDirectory: live).sqlitePath, readOnly: true) { restored in
            try await restored.checkIntegrity()
            #expect(try await restored.count("hazards") == 3, "the restored database replaced the live one")
        }
    }

    @Test("backup refuses an existing target and a PostgreSQL deployment")
    func backupRefusals() async throws {
        let root = temporaryFolder()
        let live = root + "/data", existing = root + "/existing"
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: existing, withIntermediateDirectories: true)
        try await withSQLiteApp(live) { _ in
            let exists = await #expect(throws: SafeGridError.self) {
                try await Backup.run(settings: AppSettings(dataDirectory: live), to: existing)
            }
            #expect(exists?.key == "error.ops.target_exists")
            let postgres = await #expect(throws: SafeGridError.self) {
                try await Backup.run(settings: AppSettings(dataDirectory: live, databaseURL: "postgres://localhost/x"), to: existing + "/new")
            }
            #expect(postgres?.key == "error.ops.postgres_backup")
            #expect(SafeGridApp.describe(postgres!).contains("pg_dump"), "the message names pg_dump")
        }
    }

    @Test("migrate-data copies the demo deployment into PostgreSQL with its ids, and new rows follow on",
          .enabled(if: ProcessInfo.processInfo.environment["TEST_DATABASE_URL"] != nil))
    func migrateToPostgres() async throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // setup: the demo district on SQLite, plus a web session row (UUID id, JSON data)
        try await withSQLiteApp(folder) { app in
            try await DemoLoader.loadIfEmpty(app)
            _ = try await WebSession.login(app, "admin", password: DemoData.password)
        }
        let sqlitePath = AppSettings(dataDirectory: folder).sqlitePath
        let database = try #require(try await TestDatabase.create())
        let target = try await Application.make(.testing)
        target.clock = AppClock { .t0 }
        do {
            try await configure(target, settings: AppSettings(dataDirectory: folder, databaseURL: database.url, bcryptCost: 4))
            // MUT
            let report = try await DataMigration.run(from: sqlitePath, into: target)
            // validate
            try await expectSameData(sqlitePath, target, report)
            try await expectSequencesFollowOn(sqlitePath, target)
            let again = await #expect(throws: SafeGridError.self) { try await DataMigration.run(from: sqlitePath, into: target) }
            #expect(again?.key == "error.ops.target_not_empty", "a second run refuses the filled target")
        } catch {
            try? await target.asyncShutdown()
            try? await database.drop()
            throw TestFailure(String(reflecting: error))
        }
        try await target.asyncShutdown()
        try await database.drop()
    }
}

// MARK: - Checks

/// Every table of `copy` holds exactly the rows `source` had with the same ids, field by field
/// for the first and last five: for these append-only tables the source at backup time is
/// the source now, cut at the copy's largest id. Counters change in place; see `expectConsistent`.
private func expectPrefix(_ copy: SQLiteFile, of source: SQLiteFile) async throws {
    let tables = try await copy.tables()
    #expect(tables == (try await source.tables()), "same tables")
    for table in tables where table != "counters" {
        guard try await hasIntegerId(table, copy) else {
            #expect(try await copy.count(table) == (try await source.count(table)), "\(table): row count")
            continue
        }
        let ids = try await copy.sql.raw("SELECT id FROM \(ident: table) ORDER BY id").all().map { try $0.decode(column: "id", as: Int.self) }
        let cut = ids.last ?? 0
        let live = try await source.sql.raw("SELECT count(*) AS n FROM \(ident: table) WHERE id <= \(bind: cut)").first()!.decode(column: "n", as: Int.self)
        #expect(ids.count == live, "\(table): \(ids.count) rows in the backup, \(live) in the source up to id \(cut)")
        for id in Set(ids.prefix(5) + ids.suffix(5)) {
            let a = try await row(table, id, copy), b = try await row(table, id, source)
            #expect(a == b, "\(table) #\(id) differs:\n backup \(a)\n source \(b)")
        }
    }
}

/// Each hazard has its registration event and no event lacks its hazard; the township
/// counter equals the highest number handed out, and the numbers have no gaps.
private func expectConsistent(_ copy: SQLiteFile, hazards: Int) async throws {
    let unregistered = try await copy.sql.raw("""
        SELECT count(*) AS n FROM hazards h
        WHERE (SELECT count(*) FROM hazard_events e WHERE e.hazard_id = h.id AND e.action = 'register') != 1
        """).first()!.decode(column: "n", as: Int.self)
    #expect(unregistered == 0, "\(unregistered) hazards without exactly one registration event")
    let orphans = try await copy.sql.raw("""
        SELECT count(*) AS n FROM hazard_events e LEFT JOIN hazards h ON h.id = e.hazard_id WHERE h.id IS NULL
        """).first()!.decode(column: "n", as: Int.self)
    #expect(orphans == 0, "\(orphans) events without their hazard")
    #expect(try await copy.count("hazard_events") == hazards, "one event per registered hazard")

    let numbers = try await copy.sql.raw("SELECT number FROM hazards").all().map { try $0.decode(column: "number", as: String.self) }
    let sequence = numbers.compactMap { $0.split(separator: "-").last.flatMap { Int($0) } }.sorted()
    #expect(sequence == Array(1...max(1, hazards)), "hazard numbers run 1...\(hazards) without gaps")
    let counters = try await copy.sql.raw("SELECT value FROM counters WHERE name LIKE 'hazard:%'").all().map { try $0.decode(column: "value", as: Int.self) }
    #expect(counters == [hazards], "the hazard counter stands at the highest number: \(counters)")
}

private func hasIntegerId(_ table: String, _ file: SQLiteFile) async throws -> Bool {
    let type = try await file.sql.raw("SELECT type FROM pragma_table_info(\(bind: table)) WHERE name = 'id'").first()?.decode(column: "type", as: String.self)
    return type == "INTEGER"
}

private func row(_ table: String, _ id: Int, _ file: SQLiteFile) async throws -> [String] {
    let found = try await file.sql.raw("SELECT * FROM \(ident: table) WHERE id = \(bind: id)").first()
    return (found as? SQLiteRow)?.columns.map { "\($0.name)=\($0.data)" } ?? []
}

/// Row counts of every table and the first and last five rows of each main table agree
/// between the SQLite source and PostgreSQL.
private func expectSameData(_ sqlitePath: String, _ target: Application, _ report: DataMigration.Report) async throws {
    let pg = target.db as! any SQLDatabase
    try await SQLiteFile.with(sqlitePath, readOnly: true) { source in
        let tables = try await source.tables().filter { $0 != "_fluent_migrations" }
        #expect(report.tables.map(\.table) == tables, "the report lists every table")
        for table in tables {
            let expected = try await source.count(table)
            let actual = try await DataMigration.count(table, pg)
            #expect(expected == actual, "\(table): \(expected) rows in SQLite, \(actual) in PostgreSQL")
            #expect(report.tables.first { $0.table == table } == .init(table: table, source: expected, target: actual))
        }
        #expect(try await source.count("_fluent_sessions") > 0, "the source has a session to carry over")
    }
    let sqliteApp = try await Application.make(.testing)
    do {
        // Opened without migrating: the source must stay as it was.
        sqliteApp.databases.use(.sqlite(.file(sqlitePath)), as: .sqlite)
        try await expectSameRows(GridRecord.self, sqliteApp.db, target.db)
        try await expectSameRows(UserRecord.self, sqliteApp.db, target.db)
        try await expectSameRows(PlaceRecord.self, sqliteApp.db, target.db)
        try await expectSameRows(HazardRow.self, sqliteApp.db, target.db)
        try await expectSameRows(HazardEventRow.self, sqliteApp.db, target.db)
        try await expectSameRows(AttachmentRecord.self, sqliteApp.db, target.db)
        try await expectSameRows(NoticeRow.self, sqliteApp.db, target.db)
        try await expectSameRows(SessionRecord.self, sqliteApp.db, target.db)
    } catch {
        try? await sqliteApp.asyncShutdown()
        throw error
    }
    try await sqliteApp.asyncShutdown()
}

/// Models as sorted-key JSON, times to the millisecond (PostgreSQL keeps microseconds,
/// SQLite a double), compared for the first and last five rows by id (sessions: by UUID,
/// which both engines order the same way).
/// As below, for the stores' row types (every declared column, dates to the millisecond).
private func expectSameRows<R: TableRow>(_ type: R.Type, _ a: any Database, _ b: any Database) async throws {
    func sample(_ db: any Database) async throws -> [String] {
        let rows = try await R.rows(where: "1 = 1", on: db).map { row in
            row.allValues.map { value in
                if let date = value as? Date { return "\((date.timeIntervalSince1970 * 1000).rounded())" }
                if let date = value as? Date? { return date.map { "\(($0.timeIntervalSince1970 * 1000).rounded())" } ?? "nil" }
                return "\(value)"
            }.joined(separator: "|")
        }
        return rows.count <= 10 ? rows : Array(rows.prefix(5) + rows.suffix(5))
    }
    let left = try await sample(a), right = try await sample(b)
    #expect(!left.isEmpty, "\(R.table) has rows to compare")
    #expect(left == right, "\(R.table) rows differ between SQLite and PostgreSQL")
}

private func expectSameRows<M: Model>(_ type: M.Type, _ a: any Database, _ b: any Database) async throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    encoder.dateEncodingStrategy = .custom { date, encoder in
        var container = encoder.singleValueContainer()
        try container.encode((date.timeIntervalSince1970 * 1000).rounded())
    }
    func sample(_ db: any Database) async throws -> [String] {
        let rows = try await M.query(on: db).sort(.id).all().map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        return rows.count <= 10 ? rows : Array(rows.prefix(5) + rows.suffix(5))
    }
    let left = try await sample(a), right = try await sample(b)
    #expect(!left.isEmpty, "\(M.schema) has rows to compare")
    #expect(left == right, "\(M.schema) rows differ between SQLite and PostgreSQL")
}

/// After the copy the sequences start past the copied ids: a new hazard (and its event)
/// gets the next id, and its number continues the township's count.
private func expectSequencesFollowOn(_ sqlitePath: String, _ target: Application) async throws {
    let (maxHazard, maxEvent) = try await SQLiteFile.with(sqlitePath, readOnly: true) { source in
        (try await source.sql.raw("SELECT max(id) AS n FROM hazards").first()!.decode(column: "n", as: Int.self),
         try await source.sql.raw("SELECT max(id) AS n FROM hazard_events").first()!.decode(column: "n", as: Int.self))
    }
    let login = try await target.testing().sendRequest(.POST, "/api/v1/auth/token") { req in
        try req.content.encode(["username": "officer", "password": DemoData.password])
    }
    let session = try decode(AuthAPIController.TokenResponse.self, login)
    let response = try await api(target, .POST, "/api/v1/hazards", as: session.token,
                                 json: OperationsTests.NewHazard(title: "迁移后新登记的隐患", gridId: session.user.gridIds.first))
    #expect(response.status == .created, "a new hazard on PostgreSQL: \(response.body.string)")
    let hazard = try decode(HazardDTO.self, response)
    #expect(hazard.id == maxHazard + 1, "the hazard id follows the copied ones")
    let events = try await HazardStore.events(of: maxHazard + 1, on: target.db)
    #expect(events.map(\.id) == [maxEvent + 1], "its event id follows the copied ones")
    let number = hazard.number
    let sameTownship = try await HazardStore.count(where: "township_id = \(bind: hazard.townshipId)", on: target.db)
    #expect(number.hasSuffix(String(format: "-%06d", sameTownship)), "\(number) continues the township's count of \(sameTownship)")
}

// MARK: - Support

/// A migrated application on a SQLite file in `folder`, whatever TEST_DATABASE_URL says:
/// backup and restore are about that file.
private func withSQLiteApp(_ folder: String, _ body: (Application) async throws -> Void) async throws {
    let app = try await Application.make(.testing)
    app.clock = AppClock { .t0 }
    do {
        try await configure(app, settings: AppSettings(dataDirectory: folder, bcryptCost: 4))
        try await body(app)
    } catch {
        try? await app.asyncShutdown()
        throw TestFailure(String(reflecting: error))
    }
    try await app.asyncShutdown()
}

private func temporaryFolder() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("safegrid-ops-\(UUID().uuidString)").path
}

/// Counts acknowledged registrations and tells the writers when to stop.
private actor LoadProgress {
    private(set) var created = 0
    private(set) var stopped = false

    func add() { created += 1 }
    func stop() { stopped = true }

    /// Waits until `count` registrations were acknowledged, or gives up after 30 s so a
    /// writer that failed ends the test instead of hanging it.
    func wait(for count: Int) async {
        let deadline = ContinuousClock.now + .seconds(30)
        while created < count, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(5)) }
    }
}
