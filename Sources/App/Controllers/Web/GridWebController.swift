import SafeGridDomain
import Vapor

/// `GET /grids` and `POST /grids` (officers within their township, administrators anywhere).
struct GridWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("grids", use: list)
        routes.post("grids", use: create)
        routes.post("grids", ":gridID", use: update)
    }

    struct UpdateInput: Content {
        var name: String?
        var retired: String?
    }

    /// Rename (the row's name field) or retire / reinstate (its button).
    func update(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let input = try req.content.decode(UpdateInput.self)
        do {
            _ = try await req.directory.updateGrid(try req.id("gridID"), name: input.name, retired: input.retired.map { $0 == "true" }, by: user.actor)
            return req.redirect(to: "/grids")
        } catch let error as SafeGridError where error.kind == .invalid {
            return try await req.page("grids", try await GridsPage.build(req, error: error), status: error.status)
        }
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
