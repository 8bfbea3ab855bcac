import Vapor

/// `GET /`: the dashboard.
struct DashboardWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.home.pathComponents, use: dashboard)
    }

    func dashboard(req: Request) async throws -> Response {
        req.page(try await DashboardPage.build(req))
    }
}
