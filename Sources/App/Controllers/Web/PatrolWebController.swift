import SafeGridDomain
import Vapor

/// `GET /my-tasks` and `GET /coverage`.
struct PatrolWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("my-tasks", use: myTasks)
        routes.get("coverage", use: coverage)
    }

    func myTasks(req: Request) async throws -> View {
        try await req.render("my-tasks", try await MyTasksPage.build(req))
    }

    func coverage(req: Request) async throws -> Response {
        let (context, status) = try await CoveragePage.build(req)
        return try await req.page("coverage", context, status: status)
    }
}

/// Navigation for this area: "my tasks" for those who patrol grids, the inspection record
/// for everyone, coverage for those who answer for it.
enum InspectionNav {
    static func items(for role: Role) -> [(String, String)] {
        var items: [(String, String)] = []
        if role == .gridWorker || role == .officer { items.append(("/my-tasks", "nav.my_tasks")) }
        items.append(("/inspections", "nav.inspections"))
        if role == .admin || role == .officer || role == .leader { items.append(("/coverage", "nav.coverage")) }
        return items
    }
}
