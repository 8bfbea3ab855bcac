import App
import ArgumentParser
import Foundation

/// Options every command that opens the database shares.
struct StorageOptions: ParsableArguments {
    @Option(help: "Folder for the SQLite database and uploads (env SAFEGRID_DATA_DIR). Ignored for the database when DATABASE_URL is set.")
    var dataDir: String?

    func settings(demo: Bool = false) -> AppSettings {
        AppSettings.fromEnvironment(dataDirectory: dataDir, demo: demo)
    }
}

@main
struct SafeGrid: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "safegrid",
        abstract: "SafeGrid (平安网格): grassroots work-safety management server.",
        subcommands: [Serve.self, UserCommand.self, ImportCommand.self, Migrate.self, GenerateCommand.self,
                      BackupCommand.self, RestoreCommand.self, MigrateData.self, VerifyCommand.self, TLSCommand.self],
        defaultSubcommand: Serve.self)
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the web interface and the API; creates and migrates the database when needed.")

    @Option(help: "Address to listen on.") var hostname = "127.0.0.1"
    @Option(help: "Port to listen on (default 8080; 8443 with --tls-cert).") var port: Int?
    @Flag(help: "Load the demo district once into an empty database.") var demo = false
    @Option(help: ArgumentHelp("Serve HTTPS (HTTP/1.1 and HTTP/2) with this PEM certificate chain, e.g. server.pem from `safegrid tls init`.",
                               valueName: "file"))
    var tlsCert: String?
    @Option(help: ArgumentHelp("The certificate's PEM private key, e.g. server-key.pem.", valueName: "file"))
    var tlsKey: String?
    @Option(help: "With --tls-cert: a plain-HTTP port that only redirects to HTTPS (default 8080; 0 for none).")
    var redirectPort: Int?
    @OptionGroup var storage: StorageOptions

    func validate() throws {
        if (tlsCert == nil) != (tlsKey == nil) { throw ValidationError(SafeGridApp.invalidOption("error.cli.tls_pair")) }
        if tlsCert == nil && redirectPort != nil { throw ValidationError(SafeGridApp.invalidOption("error.cli.redirect_needs_tls")) }
        for p in [port, redirectPort].compactMap({ $0 }) where !(0...65_535).contains(p) {
            throw ValidationError(SafeGridApp.invalidOption("error.cli.port"))
        }
    }

    func run() async throws {
        do {
            var https: HTTPSOptions?
            if let tlsCert, let tlsKey {
                let redirect = redirectPort ?? 8080
                https = HTTPSOptions(certificateFile: tlsCert, keyFile: tlsKey, redirectPort: redirect == 0 ? nil : redirect)
            }
            try await SafeGridApp.serve(settings: storage.settings(demo: demo), hostname: hostname,
                                        port: port ?? (https == nil ? 8080 : 8443), https: https)
        } catch {
            throw CLIError(SafeGridApp.describe(error))
        }
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create or update the database schema, then exit.")
    @OptionGroup var storage: StorageOptions

    func run() async throws {
        try await SafeGridApp.withApp(settings: storage.settings()) { _ in print("database is up to date") }
    }
}

struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Walk the hash chains of the event trail and name the first broken link.",
        discussion: """
            Every hazard event and every change to a public report, place, user or campaign task is a link \
            in a chain of SHA-256 hashes (docs/security.md). This reads both chains from the first link to \
            the head, prints each chain's length and head (the line weekly bulletins print), records the \
            result for /readyz and /metrics, and exits with status 1 when a link was changed, deleted or \
            reordered. The server also runs it once a day.
            """)
    @OptionGroup var storage: StorageOptions

    func run() async throws {
        let ok = try await SafeGridApp.withApp(settings: storage.settings()) { app in
            let report = try await SafeGridApp.verifyTrail(app)
            print(report)
            return !report.contains("BROKEN")
        }
        if !ok { throw ExitCode(1) }
    }
}

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the SQLite database and the uploads into a new folder while the server keeps running.",
        discussion: """
            Creates FOLDER holding safegrid.sqlite and uploads/, laid out like a data folder. The database \
            is copied with SQLite's VACUUM INTO, which reads one consistent state without stopping writers, \
            and checked with PRAGMA integrity_check before the folder appears under its name. Refuses when \
            FOLDER exists. On PostgreSQL (DATABASE_URL set) use pg_dump instead; see docs/operations.md.
            """)

    @Option(name: .customLong("to"), help: ArgumentHelp("Folder to create, e.g. backup-2026-11-26; it must not exist yet.", valueName: "folder"))
    var folder: String
    @OptionGroup var storage: StorageOptions

    func run() async throws {
        do {
            print(try await Backup.run(settings: storage.settings(), to: folder).summary)
        } catch {
            throw CLIError(SafeGridApp.describe(error))
        }
    }
}

struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Put a backup back into the data folder of a stopped server.",
        discussion: """
            FROM is a folder made by `safegrid backup` or a single SQLite database file. Refuses while a \
            server has the database open (SQLite's exclusive lock is then unobtainable). The backup is \
            checked, copied into the data folder under a temporary name and renamed over safegrid.sqlite, \
            so a crash leaves either the old or the new database; its upload files are added to the uploads \
            folder before that. On PostgreSQL (DATABASE_URL set) use pg_restore; see docs/operations.md.
            """)

    @Option(help: ArgumentHelp("Backup folder, or a database file, to restore.", valueName: "folder-or-file")) var from: String
    @OptionGroup var storage: StorageOptions

    func run() async throws {
        do {
            print(try await Restore.run(from: from, settings: storage.settings()).summary)
        } catch {
            throw CLIError(SafeGridApp.describe(error))
        }
    }
}

struct MigrateData: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate-data",
        abstract: "Copy a whole SQLite deployment into an empty PostgreSQL database, keeping every id.",
        discussion: """
            Creates the schema in the target with the migrations `serve` runs, refuses if any table there \
            holds rows, copies every table in one transaction, moves the id sequences past the copied ids \
            and prints the row counts of both sides. Stop the SQLite server first: writes made after the \
            copy starts are not carried over. Upload files are not copied: the PostgreSQL deployment uses \
            the same uploads folder (SAFEGRID_UPLOADS_DIR) or a copy of it; see docs/operations.md.
            """)

    @Option(help: "Source: sqlite:PATH, where PATH is safegrid.sqlite or the data folder holding it.") var from: String
    @Option(help: "Target: an empty PostgreSQL database, postgres://user@host:port/name.") var to: String

    func run() async throws {
        do {
            let source = try DataMigration.sqlitePath(from: from)
            var settings = AppSettings.fromEnvironment(dataDirectory: (source as NSString).deletingLastPathComponent)
            settings.databaseURL = try DataMigration.postgresURL(to)
            settings.jobsEnabled = false
            let report = try await SafeGridApp.withApp(settings: settings) { app in
                try await DataMigration.run(from: source, into: app)
            }
            print(report.summary)
            print("uploads: not copied; the PostgreSQL deployment must use \(settings.uploadsDirectory) or a copy of it")
        } catch {
            throw CLIError(SafeGridApp.describe(error))
        }
    }
}

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage user accounts.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a user without prompting (for scripts).")
        @Option(help: "Login name: 3–32 letters, digits, dots, underscores or hyphens.") var username: String
        @Option(help: "Password, at least 8 characters.") var password: String
        @Option(help: "admin, officer, leader, gridWorker, department, enterprise or expert.") var role: String
        @Option(help: "Code of a grid the user belongs to; repeat for several.") var grid: [String] = []
        @Option(help: "Name shown in the interface.") var displayName: String?
        @Option(help: "Department of a department user (e.g. fire, housing, police).") var department: String?
        @Option(help: "Grid worker level: 1, 2 or 3.") var level: Int?
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            do {
                let message = try await SafeGridApp.withApp(settings: storage.settings()) { app in
                    try await SafeGridApp.createUser(app, username: username, password: password, role: role, gridCodes: grid,
                                                     displayName: displayName, department: department, level: level)
                }
                print(message)
            } catch {
                throw CLIError(SafeGridApp.describe(error))
            }
        }
    }
}

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import grids, places, users or a campaign's tasks from a UTF-8 CSV or an Excel .xlsx file: all rows or none.",
        discussion: "Columns are documented in docs/import.md. Errors are listed by line (or sheet and row) and column; nothing is written unless every row is valid.")

    @Argument(help: "What the file holds: grids, places, users or tasks (CSV or .xlsx), or boundaries (GeoJSON).") var kind: String
    @Argument(help: "Path of the CSV, .xlsx or GeoJSON file.") var file: String
    @Option(help: "tasks: the id of the campaign whose task list the rows join.") var campaign: Int?
    @Option(help: "boundaries: the feature property holding the grid code.") var property = "code"
    @Option(help: "boundaries: datum of the coordinates, wgs84 or gcj02 (phone maps).") var crs = "wgs84"
    @OptionGroup var storage: StorageOptions

    func run() async throws {
        if kind == "boundaries" { return try await importBoundaries() }
        guard let what = CSVImport.Kind(rawValue: kind) else {
            throw ValidationError(SafeGridApp.invalidOption("error.cli.import_kind"))
        }
        if what == .tasks && campaign == nil { throw ValidationError(SafeGridApp.invalidOption("error.cli.tasks_campaign")) }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ValidationError(SafeGridApp.invalidOption("error.cli.unreadable", file))
        }
        do {
            let count = try await SafeGridApp.withApp(settings: storage.settings()) { app in
                try await CSVImport.run(what, data: data, on: app, campaignId: campaign)
            }
            print("imported \(count) \(kind)")
        } catch let failure as CSVImport.Failure {
            throw CLIError(failure.report)
        } catch {
            throw CLIError(SafeGridApp.describe(error))
        }
    }
}

extension ImportCommand {
    /// Grid boundaries from a GeoJSON FeatureCollection, matched to grids by code (docs/risk-and-maps.md).
    func importBoundaries() async throws {
        guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError(SafeGridApp.invalidOption("error.cli.unreadable", file)) }
        do {
            let result = try await SafeGridApp.withApp(settings: storage.settings()) { app in
                try await BoundaryImport.run(data, property: property, crs: crs, on: app)
            }
            print("updated the boundaries of \(result.updated) grids")
            if !result.unmatched.isEmpty { print("features matching no grid: \(result.unmatched.joined(separator: ", "))") }
        } catch {
            throw CLIError(SafeGridApp.describe(error))
        }
    }
}

struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ text: String) { description = text }
}

struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Fill an empty database with synthetic data at township, district or province size.",
        discussion: """
            township: 25 villages, 3,000 places, 30,000 hazards. district: 12 townships, 100,000 places, \
            1,000,000 hazards (a few minutes). province: 10 districts, 1,000,000 places, 10,000,000 hazards \
            (PostgreSQL recommended). Hazards span two years in every state with full event histories. \
            Every generated account has the password demo-2026. The same --seed gives the same data.
            """)

    @Option(help: "township, district or province.") var scale: String = "township"
    @Option(help: "Seed of the random generator.") var seed: UInt64 = 1
    @OptionGroup var storage: StorageOptions

    func run() async throws {
        guard let scale = DataScale(rawValue: scale) else { throw ValidationError(SafeGridApp.invalidOption("error.cli.scale")) }
        do {
            try await SafeGridApp.withApp(settings: storage.settings()) { app in
                var generator = ScaleGenerator(app: app, scale: scale, seed: seed) { print($0) }
                try await generator.run()
            }
        } catch {
            throw CLIError(SafeGridApp.describe(error))
        }
    }
}

struct TLSCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tls", abstract: "Certificates for serving HTTPS on an intranet.", subcommands: [TLSInit.self])
}

struct TLSInit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Make a private CA and a server certificate for the intranet (HTTPS for offline mode and location).",
        discussion: """
            Writes ca.pem (install it once on each phone: docs/tls.md), ca-key.pem (keep it offline), \
            server.pem and server-key.pem (for `safegrid serve --tls-cert server.pem --tls-key server-key.pem`, \
            or nginx's ssl_certificate and ssl_certificate_key). Name every host name and IP address phones \
            will type. The server certificate lasts 825 days, the CA ten years. Refuses to replace existing \
            files without --force, since a new CA must be installed again on every phone.
            """)

    @Option(name: .customLong("host"), help: ArgumentHelp("A host name or IP address the server is reached by; repeat for each.",
                                                          valueName: "name-or-ip"))
    var hosts: [String] = []
    @Option(help: "Folder for the files (default: tls/ in the data folder).") var out: String?
    @Flag(help: "Replace existing files.") var force = false
    @OptionGroup var storage: StorageOptions

    func run() async throws {
        let folder = out ?? (storage.settings().dataDirectory as NSString).appendingPathComponent("tls")
        do {
            for path in try SafeGridApp.initTLS(hosts: hosts, folder: folder, force: force) { print(path) }
            print(SafeGridApp.tlsNextSteps(folder: folder))
        } catch {
            throw CLIError(SafeGridApp.describe(error))
        }
    }
}
