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
    /// Where uploads live; several instances must share one folder (e.g. an NFS mount).
    public var uploadsOverride: String?
    /// Background jobs (overdue escalation) on this instance.
    public var jobsEnabled: Bool
    /// Length of a job period; each job runs once per period across all instances.
    public var jobPeriodSeconds: Int
    /// How long a claimed job run may go unfinished before another instance takes it over.
    public var jobLeaseSeconds: Int
    /// Overdue working days per automatic escalation step; 0 switches it off.
    public var escalateAfterWorkdays: Int
    /// Holiday calendar file; nil means the shipped Resources/calendar/cn-holidays.json.
    public var calendarFile: String?
    /// Name of this instance in job records and logs.
    public var instanceName: String
    /// A connection that sends and receives nothing for this long is closed, so a phone that
    /// lost its signal mid-request (or a client that stalls on purpose) does not hold it.
    public var idleTimeoutSeconds: Int = 60

    public init(dataDirectory: String = "./data", databaseURL: String? = nil, demo: Bool = false,
                postgresPoolSize: Int = 8, bcryptCost: Int = 12, secureCookies: Bool = false,
                uploadsOverride: String? = nil, jobsEnabled: Bool = false, jobPeriodSeconds: Int = 3600, jobLeaseSeconds: Int? = nil,
                escalateAfterWorkdays: Int = 3, calendarFile: String? = nil, instanceName: String = AppSettings.defaultInstanceName) {
        self.dataDirectory = dataDirectory; self.databaseURL = databaseURL; self.demo = demo
        self.postgresPoolSize = postgresPoolSize; self.bcryptCost = bcryptCost; self.secureCookies = secureCookies
        self.uploadsOverride = uploadsOverride; self.jobsEnabled = jobsEnabled; self.jobPeriodSeconds = jobPeriodSeconds
        self.jobLeaseSeconds = jobLeaseSeconds ?? max(60, jobPeriodSeconds)
        self.escalateAfterWorkdays = escalateAfterWorkdays; self.calendarFile = calendarFile; self.instanceName = instanceName
    }

    public static let defaultInstanceName = "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)"

    /// Settings from the environment, for what flags did not set.
    public static func fromEnvironment(dataDirectory: String? = nil, demo: Bool = false) -> AppSettings {
        let env = ProcessInfo.processInfo.environment
        var settings = AppSettings(
            dataDirectory: dataDirectory ?? env["SAFEGRID_DATA_DIR"] ?? "./data",
            databaseURL: env["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 },
            demo: demo,
            postgresPoolSize: env["SAFEGRID_DB_POOL"].flatMap(Int.init) ?? 8,
            bcryptCost: env["SAFEGRID_BCRYPT_COST"].flatMap(Int.init).map { max(4, min(31, $0)) } ?? 12,
            secureCookies: env["SAFEGRID_SECURE_COOKIES"] == "1",
            uploadsOverride: env["SAFEGRID_UPLOADS_DIR"].flatMap { $0.isEmpty ? nil : $0 },
            jobsEnabled: env["SAFEGRID_JOBS"] != "0",
            jobPeriodSeconds: env["SAFEGRID_JOB_PERIOD_SECONDS"].flatMap(Int.init).map { max(1, $0) } ?? 3600,
            jobLeaseSeconds: env["SAFEGRID_JOB_LEASE_SECONDS"].flatMap(Int.init).map { max(1, $0) },
            escalateAfterWorkdays: env["SAFEGRID_ESCALATE_AFTER_WORKDAYS"].flatMap(Int.init).map { max(0, $0) } ?? 3,
            calendarFile: env["SAFEGRID_CALENDAR_FILE"].flatMap { $0.isEmpty ? nil : $0 },
            instanceName: env["SAFEGRID_INSTANCE"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultInstanceName)
        if let seconds = env["SAFEGRID_IDLE_TIMEOUT_SECONDS"].flatMap(Int.init) { settings.idleTimeoutSeconds = max(5, min(3600, seconds)) }
        return settings
    }

    public var sqlitePath: String { (dataDirectory as NSString).appendingPathComponent("safegrid.sqlite") }
    public var uploadsDirectory: String { uploadsOverride ?? (dataDirectory as NSString).appendingPathComponent("uploads") }

    /// Largest accepted upload, in megabytes (`SAFEGRID_UPLOAD_LIMIT_MB`, default 10).
    static let uploadLimitMB: Int = ProcessInfo.processInfo.environment["SAFEGRID_UPLOAD_LIMIT_MB"].flatMap(Int.init).map { max(1, min(100, $0)) } ?? 10
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
