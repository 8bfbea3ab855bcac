import Fluent
import SafeGridDomain
import Vapor

/// `/api/v1/places`.
struct PlaceAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("places", use: list)
        routes.post("places", use: create)
        routes.get("places", ":placeID", use: show)
        routes.patch("places", ":placeID", use: update)
    }

    func list(req: Request) async throws -> ListResponse<PlaceDTO> {
        let user = try req.currentUser()
        let page = try Page(query: req.query)
        let query = try await PlaceQuery.filtered(req.query, for: user.actor, on: req.db)
        let total = try await query.copy().count()
        let rows = try await query.sort(\.$name).sort(\.$id).range(page.offset..<(page.offset + page.limit)).all()
        return ListResponse(items: rows.map(PlaceDTO.init), total: total, limit: page.limit, offset: page.offset)
    }

    func create(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let place = try await req.directory.savePlace(try req.content.decode(PlaceRequest.self), existing: nil, by: user.actor)
        return try await PlaceDTO(place).encodeResponse(status: .created, for: req)
    }

    func show(req: Request) async throws -> PlaceDTO {
        PlaceDTO(try await PlaceQuery.visible(try req.id("placeID"), to: try req.currentUser().actor, on: req.db))
    }

    func update(req: Request) async throws -> PlaceDTO {
        let user = try req.currentUser()
        let place = try await PlaceQuery.visible(try req.id("placeID"), to: user.actor, on: req.db)
        return PlaceDTO(try await req.directory.savePlace(try req.content.decode(PlaceRequest.self), existing: place, by: user.actor))
    }
}

enum PlaceQuery {
    /// `Permissions.placeScope` as SQL.
    static func scoped(to actor: Actor, on db: any Database) -> QueryBuilder<PlaceRecord> {
        let query = PlaceRecord.query(on: db)
        guard let clauses = Permissions.placeScope(actor).clauses else { return query }
        return query.group(.or) { group in
            for clause in clauses {
                switch clause {
                case let .subtrees(paths): group.filter(\.$gridPath, inAnySubtree: paths)
                case let .places(ids): group.filter(\.$id ~~ Array(ids))
                // Places are not transferred, assigned or found: these reach no place.
                case .transferredTo, .responsible, .discoveredBy: group.filter(.sql(unsafeRaw: "1 = 0"))
                }
            }
            group.filter(.sql(unsafeRaw: "1 = 0"))
        }
    }

    static func visible(_ id: Int, to actor: Actor, on db: any Database) async throws -> PlaceRecord {
        guard let place = try await scoped(to: actor, on: db).filter(\.$id == id).first() else { throw SafeGridError.notFound }
        return place
    }

    /// Filters of the place list: grid subtree, category, text.
    static func filtered(_ q: any URLQueryContainer, for actor: Actor, on db: any Database) async throws -> QueryBuilder<PlaceRecord> {
        let query = scoped(to: actor, on: db)
        var errors = FieldErrors()
        if let raw = try? q.get(String.self, at: "gridId"), !raw.isEmpty {
            guard let id = Int(raw), let path = try await GridRecord.path(of: id, on: db) else {
                throw SafeGridError.invalid(field: "gridId", "error.field.unknown_grid")
            }
            query.filter(\.$gridPath, inSubtree: path)
        }
        if let raw = try? q.get(String.self, at: "category"), !raw.isEmpty,
           let category = Choice.parse(PlaceCategory.self, raw, "category", &errors) {
            query.filter(\.$category == category)
        }
        try errors.throwIfAny()
        if let text = try? q.get(String.self, at: "q"), !text.trimmingCharacters(in: .whitespaces).isEmpty {
            let text = String(text.prefix(100))
            query.group(.or) {
                $0.filter(HazardQuery.contains(PlaceRecord.schema, "name", text)).filter(HazardQuery.contains(PlaceRecord.schema, "address", text))
            }
        }
        return query
    }
}
