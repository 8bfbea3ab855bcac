import SafeGridDomain
import Vapor

/// `GET /places`, `GET/POST /places/new`, `GET/POST /places/:id/edit`.
struct PlaceWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.places.pathComponents, use: list)
        routes.get(SiteURL.newPlace.pathComponents, use: newForm)
        routes.post(SiteURL.newPlace.pathComponents, use: save)
        routes.get(SiteURL.editPlace(.key).pathComponents, use: editForm)
        routes.post(SiteURL.editPlace(.key).pathComponents, use: save)
    }

    func list(req: Request) async throws -> Response {
        let (context, status) = try await PlacesPage.build(req)
        return req.page(context, status: status)
    }

    func newForm(req: Request) async throws -> Response {
        var input: PlaceFormInput?
        if let grid = req.query[String.self, at: "gridId"] { input = PlaceFormInput(gridId: grid) }
        return req.page(try await PlaceFormPage.build(req, placeId: nil, input: input))
    }

    func editForm(req: Request) async throws -> Response {
        let place = try await visiblePlace(req)
        let user = try req.currentUser()
        guard Permissions.mayEditPlace(user.actor, gridPath: place.gridPath) else { throw SafeGridError.forbidden }
        return req.page(try await PlaceFormPage.build(req, placeId: place.id, input: PlaceFormInput(place)))
    }

    /// Creates or updates; the service checks the grid and the user's right to edit there.
    func save(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let existing = req.parameters.get("placeID") == nil ? nil : try await visiblePlace(req)
        let input = try req.content.decode(PlaceFormInput.self)
        do {
            _ = try await req.directory.savePlace(try input.request(), existing: existing, by: user.actor)
            return req.redirect(to: SiteURL.places.path, confirming: "flash.saved")
        } catch let error as SafeGridError where error.kind == .invalid || error.kind == .forbidden {
            let context = try await PlaceFormPage.build(req, placeId: existing?.id, input: input, error: error)
            return req.page(context, status: error.status)
        }
    }

    private func visiblePlace(_ req: Request) async throws -> PlaceRecord {
        guard let id = req.parameters.get("placeID", as: Int.self) else { throw SafeGridError.notFound }
        return try await PlaceQuery.visible(id, to: try req.currentUser().actor, on: req.db)
    }
}
