import SafeGridDomain
import Vapor

/// `GET /grids` and `POST /grids` (officers within their township, administrators anywhere).
struct GridWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("grids", use: list)
        routes.post("grids", use: create)
    }

    func list(req: Request) async throws -> View {
        try await req.render("grids", try await GridsPage.build(req))
    }

    func create(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let input = try req.content.decode(GridFormInput.self)
        do {
            _ = try await req.directory.createGrid(try input.request(), by: user.actor)
            return req.redirect(to: "/grids")
        } catch let error as SafeGridError where error.kind == .invalid || error.kind == .forbidden {
            return try await req.page("grids", try await GridsPage.build(req, input: input, error: error), status: error.status)
        }
    }
}
