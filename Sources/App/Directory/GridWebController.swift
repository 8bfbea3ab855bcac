import SafeGridDomain
import Vapor

/// `GET /grids` and `POST /grids` (officers within their township, administrators anywhere).
struct GridWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.grids.pathComponents, use: list)
        routes.post(SiteURL.grids.pathComponents, use: create)
        routes.post(SiteURL.gridMove.pathComponents, use: move)
        routes.post(SiteURL.grid(.key).pathComponents, use: update)
    }

    struct UpdateInput: Content {
        var name: String?
        var retired: String?
    }

    struct MoveInput: Content {
        var gridId: String?
        var parentId: String?
    }

    /// The move form below the tree: one grid, its new parent.
    func move(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let input = try req.content.decode(MoveInput.self)
        do {
            var errors = FieldErrors()
            let gridId = WebFormat.int(input.gridId, field: "gridId", errors: &errors)
            let parentId = WebFormat.int(input.parentId, field: "parentId", errors: &errors)
            for (field, value) in [("gridId", input.gridId), ("parentId", input.parentId)]
            where (value ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                errors.add(field, "error.field.required")
            }
            try errors.throwIfAny()
            _ = try await req.directory.updateGrid(gridId!, name: nil, retired: nil, parentId: parentId, by: user.actor)
            return req.redirect(to: SiteURL.grids.path, confirming: "flash.saved")
        } catch let error as SafeGridError where error.kind == .invalid {
            return req.page(try await GridsPage.build(req, move: input, error: error), status: error.status)
        }
    }

    /// Rename (the row's name field) or retire / reinstate (its button).
    func update(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let input = try req.content.decode(UpdateInput.self)
        do {
            _ = try await req.directory.updateGrid(try req.id("gridID"), name: input.name, retired: input.retired.map { $0 == "true" }, by: user.actor)
            return req.redirect(to: SiteURL.grids.path, confirming: "flash.saved")
        } catch let error as SafeGridError where error.kind == .invalid {
            return req.page(try await GridsPage.build(req, error: error), status: error.status)
        }
    }

    func list(req: Request) async throws -> Response {
        req.page(try await GridsPage.build(req))
    }

    func create(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let input = try req.content.decode(GridFormInput.self)
        do {
            _ = try await req.directory.createGrid(try input.request(), by: user.actor)
            return req.redirect(to: SiteURL.grids.path, confirming: "flash.saved")
        } catch let error as SafeGridError where error.kind == .invalid || error.kind == .forbidden {
            return req.page(try await GridsPage.build(req, input: input, error: error), status: error.status)
        }
    }
}
