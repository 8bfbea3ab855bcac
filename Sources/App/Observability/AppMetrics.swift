import Fluent
import Foundation
import Prometheus
import SafeGridDomain
import SQLKit
import Vapor

/// Prometheus metrics of one instance: request counts and latencies per route, plus
/// figures read from the database at scrape time (hazards by state, overdue, job runs).
final class AppMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    static let latencyBuckets: [Duration] = [.milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
                                             .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5)]

    func observe(method: String, route: String, status: UInt, duration: Duration) {
        registry.makeCounter(name: "safegrid_http_requests_total",
                             labels: [("method", method), ("route", route), ("status", String(status))],
                             help: "HTTP requests by route pattern and status.").increment()
        registry.makeDurationHistogram(name: "safegrid_http_request_duration_seconds",
                                       labels: [("method", method), ("route", route)],
                                       buckets: Self.latencyBuckets,
                                       help: "HTTP request latency by route pattern.").record(duration)
    }

    func jobRan(_ job: String, outcome: String) {
        registry.makeCounter(name: "safegrid_job_runs_total", labels: [("job", job), ("outcome", outcome)],
                             help: "Background job runs started by this instance.").increment()
    }

    /// Refreshes the database figures, then renders the text exposition format.
    func render(db: any Database, today: CivilDate) async throws -> String {
        let sql = db as! any SQLDatabase
        struct StateCount: Decodable { let state: String; let n: Int }
        let rows = try await sql.raw("SELECT state, COUNT(*) AS n FROM hazards GROUP BY state").all(decoding: StateCount.self)
        for state in HazardState.allCases {
            let n = rows.first { $0.state == state.rawValue }?.n ?? 0
            registry.makeGauge(name: "safegrid_hazards", labels: [("state", state.rawValue)], help: "Hazards by state.").set(Double(n))
        }
        struct Count: Decodable { let n: Int }
        let overdue = try await sql.raw("SELECT COUNT(*) AS n FROM hazards WHERE state = 'rectifying' AND deadline < \(bind: today.description)")
            .first(decoding: Count.self)?.n ?? 0
        registry.makeGauge(name: "safegrid_hazards_overdue", help: "Hazards in rectification past their deadline.").set(Double(overdue))
        struct JobCount: Decodable { let name: String; let n: Int }
        let jobs = try await sql.raw("SELECT name, COUNT(*) AS n FROM job_runs WHERE finished_at IS NOT NULL GROUP BY name").all(decoding: JobCount.self)
        for job in jobs {
            registry.makeGauge(name: "safegrid_job_periods_completed", labels: [("job", job.name)],
                               help: "Periods a background job has completed, across all instances.").set(Double(job.n))
        }
        // 1 while the last verification of the trail passed (or none has run yet), 0 once one failed.
        let trail = try await TrailVerifier.latest(on: db)
        registry.makeGauge(name: "safegrid_trail_intact", help: "1 unless the last verification of the event chains found a break.")
            .set(trail?.ok == false ? 0.0 : 1.0)
        if let trail {
            registry.makeGauge(name: "safegrid_trail_checked_seconds", help: "When the event chains were last verified (Unix time).")
                .set(trail.at.timeIntervalSince1970)
        }
        return registry.emitToString()
    }
}

extension Application {
    private struct MetricsKey: StorageKey { typealias Value = AppMetrics }

    var metrics: AppMetrics {
        if let metrics = storage[MetricsKey.self] { return metrics }
        let metrics = AppMetrics()
        storage[MetricsKey.self] = metrics
        return metrics
    }
}

/// Times every request and counts it under its route pattern (never the raw path, so ids
/// don't explode the number of series).
struct MetricsMiddleware: Middleware {
    func respond(to req: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        let start = ContinuousClock.now
        return next.respond(to: req).always { result in
            switch result {
            case let .success(response): record(req, status: response.status.code, start: start)
            case let .failure(error): record(req, status: SafeGridError.from(error)?.status.code ?? 500, start: start)
            }
        }
    }

    private func record(_ req: Request, status: UInt, start: ContinuousClock.Instant) {
        let route = req.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
        let duration = ContinuousClock.now - start
        req.application.metrics.observe(method: req.method.rawValue, route: route, status: status, duration: duration)
        // The route pattern, not the path: query strings and ids could carry personal data.
        req.logger.info("\(req.method.rawValue) \(route) \(status) \(duration.formatted(.units(allowed: [.milliseconds], fractionalPart: .show(length: 1))))")
    }
}
