import Fluent
import Foundation
import SQLKit
import NIOConcurrencyHelpers
import Vapor

/// A periodic piece of background work.
protocol BackgroundJob: Sendable {
    var name: String { get }
    func run(app: Application, now: Date) async throws -> String
}

/// Runs each job once per period across every instance on the database. An instance claims
/// a period by inserting its (job, period) row; the unique key lets only one insert win. A
/// claim whose instance died before finishing is taken over once its lease has expired, so
/// the work goes on while any instance lives.
struct JobRunner: Sendable {
    let jobs: [any BackgroundJob]
    let periodSeconds: Int
    let leaseSeconds: Int
    let instance: String

    func period(of now: Date) -> String {
        String(Int(now.timeIntervalSince1970) / periodSeconds)
    }

    /// One pass: finish the work of any claim whose instance died (its lease ran out, whatever
    /// its period), then claim and run every job whose current period is still free.
    func tick(app: Application) async {
        let now = app.clock.now()
        for job in jobs {
            do {
                if let stale = try await app.writePath.transaction(on: app.db, { tx in try await takeOver(job.name, now: now, db: tx) }) {
                    try await run(job, claim: stale, app: app, now: now)
                }
                let period = period(of: now)
                guard let claim = try await app.writePath.transaction(on: app.db, { tx in try await claim(job.name, period: period, now: now, db: tx) })
                else { continue }
                try await run(job, claim: claim, app: app, now: now)
            } catch {
                app.logger.warning("job \(job.name) could not be claimed: \(String(reflecting: error))")
            }
        }
    }

    private func run(_ job: any BackgroundJob, claim: Int, app: Application, now: Date) async throws {
                let result: String
                do {
                    result = try await job.run(app: app, now: now)
                    app.metrics.jobRan(job.name, outcome: "ok")
                } catch {
                    result = "error"
                    app.metrics.jobRan(job.name, outcome: "error")
                    app.logger.error("job \(job.name) failed: \(String(reflecting: error))")
                }
                let finished = app.clock.now()
                try await app.writePath.transaction(on: app.db) { tx in try await finish(claim, result: result, db: tx, at: finished) }
    }

    /// The oldest unfinished claim of `name` whose lease has run out, in any period: an instance
    /// killed mid-run leaves one behind, and waiting for its own period to come round again would
    /// leave that period's work undone for good. The second `started_at` test makes two instances
    /// racing for the same row take it once.
    func takeOver(_ name: String, now: Date, db: WriteTransaction) async throws -> Int? {
        struct Row: Decodable { let id: Int }
        let expired = now.addingTimeInterval(-Double(leaseSeconds))
        return try await (db as! any SQLDatabase).raw("""
            UPDATE job_runs SET instance = \(bind: instance), attempts = attempts + 1, started_at = \(bind: now)
            WHERE id = (SELECT id FROM job_runs WHERE name = \(bind: name) AND finished_at IS NULL AND started_at < \(bind: expired)
                        ORDER BY period LIMIT 1)
              AND finished_at IS NULL AND started_at < \(bind: expired)
            RETURNING id
            """).first(decoding: Row.self)?.id
    }

    func claim(_ name: String, period: String, now: Date, db: WriteTransaction) async throws -> Int? {
        let sql = db as! any SQLDatabase
        struct Row: Decodable { let id: Int }
        if let row = try await sql.raw("""
            INSERT INTO job_runs (name, period, instance, attempts, started_at)
            VALUES (\(bind: name), \(bind: period), \(bind: instance), 1, \(bind: now))
            ON CONFLICT (name, period) DO NOTHING RETURNING id
            """).first(decoding: Row.self) {
            return row.id
        }
        let expired = now.addingTimeInterval(-Double(leaseSeconds))
        return try await sql.raw("""
            UPDATE job_runs SET instance = \(bind: instance), attempts = attempts + 1, started_at = \(bind: now)
            WHERE name = \(bind: name) AND period = \(bind: period) AND finished_at IS NULL AND started_at < \(bind: expired)
            RETURNING id
            """).first(decoding: Row.self)?.id
    }

    func finish(_ id: Int, result: String, db: WriteTransaction, at now: Date) async throws {
        try await (db as! any SQLDatabase).raw("UPDATE job_runs SET finished_at = \(bind: now), result = \(bind: result) WHERE id = \(bind: id)").run()
    }
}

/// Starts the runner's loop after boot and stops it at shutdown.
struct JobLifecycle: LifecycleHandler {
    let runner: JobRunner
    let interval: Double
    private let task = NIOLockedValueBox<Task<Void, Never>?>(nil)

    func didBootAsync(_ app: Application) async throws {
        let runner = runner, interval = interval
        let handle = Task {
            while !Task.isCancelled {
                await runner.tick(app: app)
                try? await Task.sleep(for: .seconds(interval))
            }
        }
        task.withLockedValue { $0 = handle }
    }

    func shutdownAsync(_ app: Application) async {
        task.withLockedValue { $0?.cancel() }
    }
}
