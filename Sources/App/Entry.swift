import Fluent
import Foundation
import SafeGridDomain
import Vapor

/// Entry points for the command-line tool: each builds a configured application.
public enum SafeGridApp {
    public static func make(settings: AppSettings, arguments: [String] = ["safegrid"]) async throws -> Application {
        var env = try Environment.detect(arguments: arguments)
        if env.name == "development" { env = Environment(name: "production", arguments: arguments) }
        try bootstrapLogging(&env)
        let app = try await Application.make(env)
        app.directory = DirectoryConfiguration(workingDirectory: installFolder())
        do {
            try await configure(app, settings: settings)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        return app
    }

    /// Plain text by default; `SAFEGRID_LOG_FORMAT=json` for one JSON object per line.
    /// `LOG_LEVEL` sets the level. Logging can be set up once per process.
    private static func bootstrapLogging(_ env: inout Environment) throws {
        guard ProcessInfo.processInfo.environment["SAFEGRID_LOG_FORMAT"] == "json" else {
            return try LoggingSystem.bootstrap(from: &env)
        }
        let level = Logger.Level(rawValue: ProcessInfo.processInfo.environment["LOG_LEVEL"] ?? "info") ?? .info
        LoggingSystem.bootstrap { JSONLogHandler(label: $0, level: level) }
    }

    /// Serves until interrupted. On an empty database: the demo with `--demo`, otherwise an
    /// `admin` account with a random password printed once.
    public static func serve(settings: AppSettings, hostname: String, port: Int, https: HTTPSOptions? = nil) async throws {
        var settings = settings
        // Cookies marked Secure, and HSTS, once the server itself speaks HTTPS.
        if https != nil { settings.secureCookies = true }
        let app = try await make(settings: settings, arguments: ["safegrid", "serve", "--hostname", hostname, "--port", String(port)])
        var redirect: Application?
        do {
            if let https {
                try https.apply(to: app)
                if let redirectPort = https.redirectPort {
                    redirect = try await redirectServer(for: app, hostname: hostname, port: redirectPort, httpsPort: port)
                }
            }
            if settings.demo {
                if try await DemoLoader.loadIfEmpty(app) {
                    app.logger.notice("demo data loaded; accounts are listed on the login page (password \(DemoData.password))")
                }
            } else if try await UserRecord.query(on: app.db).count() == 0 {
                let password = TokenHash.newToken().prefix(16)
                _ = try await DirectoryService(db: app.db, passwords: app.password.async)
                    .createUser(UserCreateRequest(username: "admin", password: String(password), displayName: "系统管理员", role: "admin"))
                print("Created the first administrator. Username: admin  Password: \(password)")
                print("已创建管理员账号。用户名：admin  密码：\(password)（只显示这一次，请妥善保存）")
            }
            try await app.execute()
            await redirect?.server.shutdown()
            try? await redirect?.asyncShutdown()
            try await app.asyncShutdown()
        } catch {
            await redirect?.server.shutdown()
            try? await redirect?.asyncShutdown()
            try? await app.asyncShutdown()
            throw error
        }
    }

    /// The folder holding Resources/ and Public/: SAFEGRID_HOME, else the working directory,
    /// else the nearest parent of the executable that has them (so `.build/debug/safegrid`
    /// works from anywhere).
    static func installFolder() -> String {
        let fm = FileManager.default
        func holdsResources(_ folder: String) -> Bool { fm.fileExists(atPath: folder + "/Resources/openapi.json") }
        if let home = ProcessInfo.processInfo.environment["SAFEGRID_HOME"], !home.isEmpty { return home.hasSuffix("/") ? home : home + "/" }
        let cwd = fm.currentDirectoryPath
        if holdsResources(cwd) { return cwd + "/" }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            if holdsResources(folder.path) { return folder.path + "/" }
            folder = folder.deletingLastPathComponent()
        }
        return cwd + "/"
    }

    /// `safegrid verify`: both chains checked and the result kept; one line per chain.
    public static func verifyTrail(_ app: Application) async throws -> String {
        try await TrailVerifier.check(on: app.db, at: app.clock.now()).lines.joined(separator: "\n")
    }

    /// Runs `body` against a configured (migrated) application, then shuts it down.
    /// Background jobs belong to `serve`; one-shot commands never start them.
    public static func withApp<T>(settings: AppSettings, _ body: (Application) async throws -> T) async throws -> T {
        var settings = settings
        settings.jobsEnabled = false
        let app = try await make(settings: settings)
        do {
            let result = try await body(app)
            try await app.asyncShutdown()
            return result
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    /// `safegrid user create`.
    public static func createUser(_ app: Application, username: String, password: String, role: String,
                                  gridCodes: [String], displayName: String?, department: String?, level: Int?) async throws -> String {
        var gridIds: [Int] = []
        for code in gridCodes {
            guard let grid = try await GridRecord.query(on: app.db).filter(\.$code == code).first() else {
                throw SafeGridError.invalid(field: "grid", "error.field.unknown_grid")
            }
            gridIds.append(try grid.requireID())
        }
        let user = try await DirectoryService(db: app.db, passwords: app.password.async).createUser(UserCreateRequest(
            username: username, password: password, displayName: displayName, role: role, gridIds: gridIds,
            level: level, department: department))
        return "created user \(user.username) (id \(user.id ?? 0), role \(user.role.rawValue))"
    }

    /// A command-line option refused, in both languages from the catalogue (`error.cli.*`), for
    /// the executable's `validate()`: it cannot name `SafeGridError`, which lives in the domain.
    public static func invalidOption(_ key: String, _ args: String...) -> String {
        describe(SafeGridError(.invalid, key, args: args))
    }

    /// Renders an error for the terminal in both languages.
    public static func describe(_ error: any Error) -> String {
        guard let e = SafeGridError.from(error) else { return String(describing: error) }
        var lines = [Catalogue.text(e.key, .zhHans, e.args) + " / " + Catalogue.text(e.key, .en, e.args)]
        for field in e.fields {
            lines.append("  \(field.field): \(Catalogue.text(field.key, .zhHans, field.args)) / \(Catalogue.text(field.key, .en, field.args))")
        }
        return lines.joined(separator: "\n")
    }
}
