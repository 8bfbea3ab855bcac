import Fluent
import SafeGridDomain
import SQLKit
import Vapor

/// `/healthz` (the process answers), `/readyz` (database reachable and migrated, the event
/// chains intact at their last verification), `/metrics`.
struct HealthController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("healthz", use: health)
        routes.get("readyz", use: ready)
        routes.get("metrics", use: metrics)
    }

    struct Status: Content {
        var status: String
        var database: String?
        var pendingMigrations: Int?
        /// The last verification of the event chains, when it found a break.
        var trail: String?
        /// The first of the next 90 days whose working status is only provisional (its year's
        /// official holiday notice not entered yet): a warning, readiness is not affected.
        var calendarProvisionalFrom: String?
    }

    func health(req: Request) async throws -> Status {
        Status(status: "ok")
    }

    func ready(req: Request) async throws -> Response {
        var status = Status(status: "ok", database: "ok", pendingMigrations: 0)
        do {
            try await (req.db as! any SQLDatabase).raw("SELECT 1").run()
            let pending = try await req.application.migrator.previewPrepareBatch().get()
            status.pendingMigrations = pending.count
            if !pending.isEmpty { status.status = "migrations pending" }
            if pending.isEmpty, let check = try await TrailVerifier.latest(on: req.db), !check.ok {
                status.status = "trail broken"
                status.trail = check.message
            }
            if pending.isEmpty {
                status.calendarProvisionalFrom = try await req.workCalendar()
                    .firstProvisional(from: CivilDate(req.now), days: CalendarWarning.days)?.description
            }
        } catch {
            req.logger.warning("readiness check failed: \(String(reflecting: error))")
            status.status = "database unreachable"
            status.database = "error"
        }
        return try await status.encodeResponse(status: status.status == "ok" ? .ok : .serviceUnavailable, for: req)
    }

    func metrics(req: Request) async throws -> Response {
        let text = try await req.application.metrics.render(db: req.db, today: CivilDate(req.now))
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4", "charset": "utf-8"])
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }
}
