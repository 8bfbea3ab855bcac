import SafeGridDomain
import Vapor

/// `GET /my-tasks` and `GET /coverage`.
struct PatrolWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.myTasks.pathComponents, use: myTasks)
        routes.get(SiteURL.coverage.pathComponents, use: coverage)
        routes.post(SiteURL.coverageFrequencies.pathComponents, use: saveFrequencies)
    }

    /// The frequency form on the coverage page: a count and a unit per risk colour.
    func saveFrequencies(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let form = try req.content.decode([String: String].self)
        do {
            var errors = FieldErrors()
            var schedule = try await PatrolFrequencyRecord.schedule(on: req.db)
            for key in PatrolSchedule.keys {
                let count = WebFormat.int(form["\(key).count"], field: "\(key).count", errors: &errors)
                let unit = Choice.parse(PatrolUnit.self, form["\(key).unit"], "\(key).unit", &errors)
                if form["\(key).count"]?.trimmingCharacters(in: .whitespaces).isEmpty ?? true { errors.add("\(key).count", "error.field.required") }
                if let count, let unit { schedule.set(PatrolInterval(count, unit), key: key) }
            }
            try errors.throwIfAny()
            try await PatrolFrequencyService.save(schedule, by: user.actor, on: req)
            return req.redirect(to: SiteURL.coverage.path + "#frequencies", confirming: "flash.saved")
        } catch let error as SafeGridError where error.kind == .invalid {
            let (context, _) = try await CoveragePage.build(req, frequencies: form, error: error)
            return req.page(context, status: .badRequest)
        }
    }

    func myTasks(req: Request) async throws -> Response {
        req.page(try await MyTasksPage.build(req))
    }

    func coverage(req: Request) async throws -> Response {
        let (context, status) = try await CoveragePage.build(req)
        return req.page(context, status: status)
    }
}

/// Navigation for this area: "my tasks" for those who patrol grids, the inspection record
/// for everyone, coverage for those who answer for it.
enum InspectionNav {
    static func items(for actor: Actor) -> [(String, String)] {
        var items: [(String, String)] = []
        if InspectionRules.mayViewMyTasks(actor) { items.append((SiteURL.myTasks.path, "nav.my_tasks")) }
        items.append((SiteURL.inspections.path, "nav.inspections"))
        if InspectionRules.mayViewCoverage(actor) { items.append((SiteURL.coverage.path, "nav.coverage")) }
        return items
    }
}
