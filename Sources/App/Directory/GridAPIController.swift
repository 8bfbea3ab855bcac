import Fluent
import SafeGridDomain
import Vapor

/// `/api/v1/grids`: everyone signed in reads the grids they may see; officers and admins add.
struct GridAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("grids", use: list)
        routes.post("grids", use: create)
        routes.get("grids", ":gridID", use: show)
        routes.patch("grids", ":gridID", use: update)
    }

    func list(req: Request) async throws -> ListResponse<GridDTO> {
        let user = try req.currentUser()
        let page = try Page(query: req.query, defaultLimit: 500)
        let query = GridQuery.visible(to: user.actor, on: req.db)
        if let raw = try? req.query.get(String.self, at: "parentId") {
            guard let parent = Int(raw) else { throw SafeGridError.invalid(field: "parentId", "error.field.invalid") }
            query.filter(\.$parent.$id == parent)
        }
        if let raw = try? req.query.get(String.self, at: "level") {
            var errors = FieldErrors()
            if let level = Choice.parse(GridLevel.self, raw, "level", &errors) { query.filter(\.$level == level) }
            try errors.throwIfAny()
        }
        let total = try await query.copy().count()
        let rows = try await query.sort(\.$path).range(page.offset..<(page.offset + page.limit)).all()
        return ListResponse(items: rows.map(GridDTO.init), total: total, limit: page.limit, offset: page.offset)
    }

    func create(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let grid = try await req.directory.createGrid(try req.content.decode(GridCreateRequest.self), by: user.actor)
        return try await GridDTO(grid).encodeResponse(status: .created, for: req)
    }

    struct GridUpdateRequest: Content {
        var name: String?
        var retired: Bool?
        var parentId: Int?
    }

    /// `PATCH /grids/{id}`: rename, move under another parent, retire (or reinstate).
    func update(req: Request) async throws -> GridDTO {
        let user = try req.currentUser()
        let body = try req.content.decode(GridUpdateRequest.self)
        return GridDTO(try await req.directory.updateGrid(try req.id("gridID"), name: body.name, retired: body.retired,
                                                             parentId: body.parentId, by: user.actor))
    }

    func show(req: Request) async throws -> GridDTO {
        let user = try req.currentUser()
        let id = try req.id("gridID")
        guard let grid = try await GridQuery.visible(to: user.actor, on: req.db).filter(\.$id == id).first() else {
            throw SafeGridError.notFound
        }
        return GridDTO(grid)
    }
}

enum GridQuery {
    /// Grids in the user's subtrees plus their ancestors (so a tree can be drawn to them).
    static func visible(to actor: Actor, on db: any Database) -> QueryBuilder<GridRecord> {
        let query = GridRecord.query(on: db)
        guard !actor.seesEverything else { return query }
        let ancestorIds = actor.scopePaths.flatMap { GridPath($0).ids }
        query.group(.or) { group in
            for path in actor.scopePaths { group.filter(\.$path, inSubtree: path) }
            group.filter(\.$id ~~ ancestorIds)
        }
        return query
    }
}
