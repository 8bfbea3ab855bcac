import Fluent
import Vapor

/// SQLite keeps one connection per event loop and pool; a statement on it waits for whatever
/// the connection is doing. Beside the default pool (requests' reads), the same file is opened
/// twice more, so that neither kind of slow work queues in front of a page's reads:
extension DatabaseID {
    /// Write transactions (see `WriteGate`).
    static let sqliteWriter = DatabaseID(string: "sqlite-writer")
    /// Reads that no request waits for, such as a dashboard's reload in the background
    /// (a district's counts would hold the loop's reading connection for tens of milliseconds).
    static let sqliteBackground = DatabaseID(string: "sqlite-background")
}

extension Request {
    /// Where reads that run behind the readers go: their own SQLite connections, or the
    /// request's database on PostgreSQL (a pool of many connections already).
    var backgroundDB: any Database {
        // Asking Fluent for an id that was never registered is a crash, not nil.
        guard application.isSQLite else { return db }
        return application.databases.database(.sqliteBackground, logger: logger, on: eventLoop) ?? db
    }
}
