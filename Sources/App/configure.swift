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
        config.coreConfiguration.tls = .disable
        let perLoop = max(1, settings.postgresPoolSize / max(1, app.eventLoopGroup.makeIterator().underestimatedCount))
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
    try await app.autoMigrate()

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
