import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Leaf
import NIOSSL
import SQLKit
import Vapor

/// Sets up the database, migrations, sessions, views and routes.
public func configure(_ app: Application, settings: AppSettings) async throws {
    app.settings = settings
    try FileManager.default.createDirectory(atPath: settings.uploadsDirectory, withIntermediateDirectories: true)

    if let url = settings.databaseURL {
        var config = try SQLPostgresConfiguration(url: url)
        // TLS only when the URL asks for it (sslmode=require); loopback and intranet servers rarely have certificates.
        if !url.contains("sslmode=require") && !url.contains("sslmode=verify") { config.coreConfiguration.tls = .disable }
        // The pool is per event loop (one per core); spread the configured total over them.
        let perLoop = max(1, settings.postgresPoolSize / max(1, System.coreCount))
        app.databases.use(.postgres(configuration: config, maxConnectionsPerEventLoop: perLoop), as: .psql)
    } else {
        app.databases.use(.sqlite(.file(settings.sqlitePath)), as: .sqlite)
    }

    Migrations001.add(to: app.migrations)
    app.sessions.use(.fluent)
    app.sessions.configuration.cookieName = "safegrid_session"
    app.sessions.configuration.cookieFactory = { id in
        HTTPCookies.Value(string: id.string, expires: Date(timeIntervalSinceNow: 60 * 60 * 12), maxAge: nil,
                          domain: nil, path: "/", isSecure: settings.secureCookies, isHTTPOnly: true, sameSite: .lax)
    }
    app.passwords.use(.bcrypt(cost: settings.bcryptCost))

    if app.isSQLite {
        try await SQLiteTuning.apply(on: app.db)
    }
    try await migrateExclusively(app)

    app.views.use(.leaf)
    app.routes.defaultMaxBodySize = ByteCount(integerLiteral: (AppSettings.uploadLimitMB + 1) * 1024 * 1024)

    app.middleware = Middlewares()
    app.middleware.use(RequestIdMiddleware())
    app.middleware.use(MetricsMiddleware())
    app.middleware.use(SafeGridErrorMiddleware())
    app.middleware.use(FileMiddleware(publicDirectory: app.directory.publicDirectory, defaultFile: nil))
    app.middleware.use(app.sessions.middleware)

    try routes(app)

    if settings.jobsEnabled {
        let calendar = try CalendarFile.load(path: settings.calendarFile ?? app.directory.resourcesDirectory + "calendar/cn-holidays.json")
        let runner = JobRunner(
            jobs: [OverdueEscalationJob(threshold: settings.escalateAfterWorkdays, calendar: calendar)],
            periodSeconds: settings.jobPeriodSeconds, leaseSeconds: max(60, settings.jobPeriodSeconds),
            instance: settings.instanceName)
        app.lifecycle.use(JobLifecycle(runner: runner, interval: min(30, Double(settings.jobPeriodSeconds) / 4)))
    }
}

/// Runs pending migrations. On PostgreSQL several instances may start at once; a session
/// advisory lock, held on one connection while the migrations run on others, lets one of
/// them migrate and the rest find nothing left to do.
func migrateExclusively(_ app: Application) async throws {
    guard !app.isSQLite else { return try await app.autoMigrate() }
    try await app.db.withConnection { conn in
        let sql = conn as! any SQLDatabase
        try await sql.raw("SELECT pg_advisory_lock(\(literal: migrationLockKey))").run()
        do {
            try await app.autoMigrate()
        } catch {
            try? await sql.raw("SELECT pg_advisory_unlock(\(literal: migrationLockKey))").run()
            throw error
        }
        try await sql.raw("SELECT pg_advisory_unlock(\(literal: migrationLockKey))").run()
    }
}

/// Any fixed number shared by all instances ("SG" in ASCII, twice).
private let migrationLockKey = 0x5347_5347

/// The SQLite settings that make a single file safe under load and crashes.
enum SQLiteTuning {
    static func apply(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        // WAL lets readers work while one writer commits; FULL syncs the WAL on every commit,
        // so an acknowledged write survives power loss, at some cost in commit rate.
        try await sql.raw("PRAGMA journal_mode=WAL").run()
        try await sql.raw("PRAGMA synchronous=FULL").run()
        try await sql.raw("PRAGMA foreign_keys=ON").run()
    }
}
