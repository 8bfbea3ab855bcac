import Foundation
import Vapor

/// Everything an operator can set, from flags or environment variables (docs/operations.md).
public struct AppSettings: Sendable {
    /// Folder for the SQLite database and uploads; created when missing.
    public var dataDirectory: String
    /// `postgres://...` switches to PostgreSQL; nil means SQLite in the data folder.
    public var databaseURL: String?
    /// Load the demo data set once into an empty database.
    public var demo: Bool
    public var postgresPoolSize: Int
    /// Bcrypt cost; 12 in production, lower only in tests.
    public var bcryptCost: Int
    /// Mark the session cookie Secure (behind HTTPS).
    public var secureCookies: Bool

    public init(dataDirectory: String = "./data", databaseURL: String? = nil, demo: Bool = false,
                postgresPoolSize: Int = 8, bcryptCost: Int = 12, secureCookies: Bool = false) {
        self.dataDirectory = dataDirectory; self.databaseURL = databaseURL; self.demo = demo
        self.postgresPoolSize = postgresPoolSize; self.bcryptCost = bcryptCost; self.secureCookies = secureCookies
    }

    /// Settings from the environment, for what flags did not set.
    public static func fromEnvironment(dataDirectory: String? = nil, demo: Bool = false) -> AppSettings {
        let env = ProcessInfo.processInfo.environment
        return AppSettings(
            dataDirectory: dataDirectory ?? env["SAFEGRID_DATA_DIR"] ?? "./data",
            databaseURL: env["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 },
            demo: demo,
            postgresPoolSize: env["SAFEGRID_DB_POOL"].flatMap(Int.init) ?? 8,
            bcryptCost: env["SAFEGRID_BCRYPT_COST"].flatMap(Int.init).map { max(4, min(31, $0)) } ?? 12,
            secureCookies: env["SAFEGRID_SECURE_COOKIES"] == "1")
    }

    public var sqlitePath: String { (dataDirectory as NSString).appendingPathComponent("safegrid.sqlite") }
    public var uploadsDirectory: String { (dataDirectory as NSString).appendingPathComponent("uploads") }

    /// Largest accepted upload, in megabytes (`SAFEGRID_UPLOAD_LIMIT_MB`, default 10).
    static let uploadLimitMB: Int = ProcessInfo.processInfo.environment["SAFEGRID_UPLOAD_LIMIT_MB"].flatMap(Int.init) ?? 10
}

/// The time source. Rules take the date as an argument; tests replace this to fix the clock.
struct AppClock: Sendable {
    var now: @Sendable () -> Date
    static let system = AppClock { Date() }
}

extension Application {
    private struct SettingsKey: StorageKey { typealias Value = AppSettings }
    private struct ClockKey: StorageKey { typealias Value = AppClock }

    public var settings: AppSettings {
        get { storage[SettingsKey.self] ?? AppSettings() }
        set { storage[SettingsKey.self] = newValue }
    }

    var clock: AppClock {
        get { storage[ClockKey.self] ?? .system }
        set { storage[ClockKey.self] = newValue }
    }

    public var isSQLite: Bool { settings.databaseURL == nil }
}

extension Request {
    var now: Date { application.clock.now() }
}
