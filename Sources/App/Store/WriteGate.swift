import Fluent
import SQLKit
import Vapor

/// Runs write transactions one at a time within this process when the engine is SQLite.
/// SQLite allows one writer; two deferred transactions that both try to upgrade to a write
/// lock would make one fail with SQLITE_BUSY. Queuing them here turns that into a short
/// wait. PostgreSQL needs no gate: row locks order concurrent writers.
///
/// On SQLite the writes also get connections of their own (`DatabaseID.sqliteWriter`). The
/// driver keeps one connection per event loop; a write that ran on the loop's shared one
/// waited behind every read queued on that loop, while holding the gate that all other
/// writes wait for. With their own connections, writes wait only for each other, and reads
/// go on beside them (WAL lets readers run while one writer commits).
actor WriteGate {
    private let databases: Databases?
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(writers databases: Databases? = nil) {
        self.databases = databases
    }

    /// The database the writes of `db`'s request run on.
    nonisolated func writer(for db: any Database) -> any Database {
        databases?.database(.sqliteWriter, logger: db.logger, on: db.eventLoop) ?? db
    }

    func acquire() async {
        if !busy { busy = true; return }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty { busy = false } else { waiters.removeFirst().resume() }
    }
}

extension Application {
    private struct WriteGateKey: StorageKey { typealias Value = WriteGate }

    var writeGate: WriteGate {
        get {
            if let gate = storage[WriteGateKey.self] { return gate }
            let gate = WriteGate()
            storage[WriteGateKey.self] = gate
            return gate
        }
        set { storage[WriteGateKey.self] = newValue }
    }
}

/// Where a service's writes go: behind the gate on SQLite's writer connection, or (inside a
/// transaction a caller already holds, and for tools that run alone) a plain transaction.
struct WritePath: Sendable {
    let gate: WriteGate?
    let sqlite: Bool

    /// Already inside a write transaction (or alone): nested transactions join it.
    static let joined = WritePath(gate: nil, sqlite: false)

    func transaction<T: Sendable>(on db: any Database, _ body: @escaping @Sendable (WriteTransaction) async throws -> T) async throws -> T {
        guard let gate else { return try await db.transaction { try await body(WriteTransaction($0)) } }
        return try await db.writeTransaction(gate: gate, sqlite: sqlite, body)
    }
}

extension Application {
    var writePath: WritePath { WritePath(gate: writeGate, sqlite: isSQLite) }
}

extension Database {
    /// A transaction that is queued behind other writers of this process on SQLite.
    func writeTransaction<T: Sendable>(gate: WriteGate, sqlite: Bool, _ body: @escaping @Sendable (WriteTransaction) async throws -> T) async throws -> T {
        guard sqlite else { return try await transaction { try await body(WriteTransaction($0)) } }
        await gate.acquire()
        do {
            let result = try await gate.writer(for: self).transaction { try await body(WriteTransaction($0)) }
            await gate.release()
            return result
        } catch {
            await gate.release()
            throw error
        }
    }
}

extension Request {
    func writeTransaction<T: Sendable>(_ body: @escaping @Sendable (WriteTransaction) async throws -> T) async throws -> T {
        try await db.writeTransaction(gate: application.writeGate, sqlite: application.isSQLite, body)
    }
}

/// An open write transaction: the only way to the writer. It is made only here, by
/// `writeTransaction` and `WritePath.transaction`, so a store's write function that takes one
/// cannot be called with a read connection (`req.db`): that fails to compile instead of
/// racing the gate on SQLite. Everything else sees it as the database it wraps.
struct WriteTransaction: Database, SQLDatabase {
    let base: any Database
    private var sql: any SQLDatabase { base as! any SQLDatabase }

    fileprivate init(_ base: any Database) { self.base = base }

    var context: DatabaseContext { base.context }
    var inTransaction: Bool { base.inTransaction }
    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> ()) -> EventLoopFuture<Void> {
        base.execute(query: query, onOutput: onOutput)
    }
    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> { base.execute(schema: schema) }
    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> { base.execute(enum: `enum`) }
    func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        base.transaction(closure)
    }
    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        base.withConnection(closure)
    }

    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { sql.version }
    var dialect: any SQLDialect { sql.dialect }
    var queryLogLevel: Logger.Level? { sql.queryLogLevel }
    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        sql.execute(sql: query, onRow)
    }
    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        try await sql.execute(sql: query, onRow)
    }
    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await sql.withSession(closure)
    }
}
