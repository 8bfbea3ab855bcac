import Fluent
import Vapor

/// Runs write transactions one at a time within this process when the engine is SQLite.
/// SQLite allows one writer; two deferred transactions that both try to upgrade to a write
/// lock would make one fail with SQLITE_BUSY. Queuing them here turns that into a short
/// wait. PostgreSQL needs no gate: row locks order concurrent writers.
actor WriteGate {
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

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
        if let gate = storage[WriteGateKey.self] { return gate }
        let gate = WriteGate()
        storage[WriteGateKey.self] = gate
        return gate
    }
}

extension Database {
    /// A transaction that is queued behind other writers of this process on SQLite.
    func writeTransaction<T: Sendable>(gate: WriteGate, sqlite: Bool, _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        guard sqlite else { return try await transaction(body) }
        await gate.acquire()
        do {
            let result = try await transaction(body)
            await gate.release()
            return result
        } catch {
            await gate.release()
            throw error
        }
    }
}

extension Request {
    func writeTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await db.writeTransaction(gate: application.writeGate, sqlite: application.isSQLite, body)
    }
}
