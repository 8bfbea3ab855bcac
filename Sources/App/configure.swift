import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
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
        // The same file again, for writes only (see WriteGate) and for background reads.
        app.databases.use(.sqlite(.file(settings.sqlitePath)), as: .sqliteWriter, isDefault: false)
        app.databases.use(.sqlite(.file(settings.sqlitePath)), as: .sqliteBackground, isDefault: false)
        app.writeGate = WriteGate(writers: app.databases)
    }

    AppMigrations.add(to: app.migrations)
    app.sessions.use { app in QuietSessionDriver(base: app.fluent.sessions.driver()) }
    app.sessions.configuration.cookieName = "safegrid_session"
    // Twelve hours from the last page, as Max-Age: the cookie is sent again with every answer,
    // and formatting an Expires date each time was a fourteenth of a page's CPU.
    app.sessions.configuration.cookieFactory = { id in
        HTTPCookies.Value(string: id.string, expires: nil, maxAge: 60 * 60 * 12,
                          domain: nil, path: "/", isSecure: settings.secureCookies, isHTTPOnly: true, sameSite: .lax)
    }
    app.passwords.use(.bcrypt(cost: settings.bcryptCost))

    if app.isSQLite {
        try await SQLiteTuning.apply(app)
    }
    try await migrateExclusively(app)

    StrictBodyDecoder.install()
    app.http.server.configuration.idleTimeout = .seconds(Int64(settings.idleTimeoutSeconds))
    app.routes.defaultMaxBodySize = ByteCount(integerLiteral: (AppSettings.uploadLimitMB + 1) * 1024 * 1024)

    app.middleware = Middlewares()
    app.middleware.use(RequestIdMiddleware())
    app.middleware.use(MetricsMiddleware())
    // Outside the error middleware, so error pages carry the headers too.
    app.middleware.use(SecurityHeadersMiddleware(https: settings.secureCookies))
    app.middleware.use(SafeGridErrorMiddleware())
    app.middleware.use(PublicFileMiddleware(publicDirectory: app.directory.publicDirectory))
    app.middleware.use(app.sessions.middleware)

    // Created before requests share it (hazard writes drop its entries).
    _ = app.dashboardCache
    _ = app.gridPickerCache
    try routes(app)

    if settings.jobsEnabled {
        // A missing or broken calendar file stops the start, as before: escalation by working
        // days must not silently fall back to weekends only.
        _ = try CalendarFile.load(path: settings.calendarFile ?? app.directory.resourcesDirectory + "calendar/cn-holidays.json")
        let runner = JobRunner(
            jobs: [OverdueEscalationJob(threshold: settings.escalateAfterWorkdays), WeeklyBulletinJob(), TrailVerifyJob(), SessionPurgeJob(), UploadSweepJob(),
                   IdempotencySweepJob(), MessageSweepJob()],
            periodSeconds: settings.jobPeriodSeconds, leaseSeconds: settings.jobLeaseSeconds,
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
    static func apply(_ app: Application) async throws {
        // WAL lets readers work while one writer commits; it is a property of the file.
        try await (app.db as! any SQLDatabase).raw("PRAGMA journal_mode=WAL").run()
        // The rest are per connection. Each pool (reads, writes, background reads) holds one
        // long-lived connection per event loop, so each of those is set up here once.
        for loop in app.eventLoopGroup.makeIterator() {
            for id in [DatabaseID.sqlite, .sqliteWriter, .sqliteBackground] {
                guard let db = app.databases.database(id, logger: app.logger, on: loop) else { continue }
                try await db.withConnection { conn in
                    let sql = conn as! any SQLDatabase
                    // FULL syncs the WAL on every commit, so an acknowledged write survives power loss.
                    try await sql.raw("PRAGMA synchronous=FULL").run()
                    try await sql.raw("PRAGMA foreign_keys=ON").run()
                    // Another process (backup, import) may hold the write lock for a moment.
                    try await sql.raw("PRAGMA busy_timeout=5000").run()
                    // 32 MB of page cache per reading connection instead of 2 MB: ledger and
                    // timeline pages of a large district stay in memory. Writes touch few pages.
                    try await sql.raw(id == .sqliteWriter ? "PRAGMA cache_size=-8000" : "PRAGMA cache_size=-32000").run()
                }
            }
        }
    }
}
