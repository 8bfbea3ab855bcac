import SafeGridDomain
import Vapor

/// `GET /users`, `GET/POST /users/new`: administrators only.
struct UserWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped(RequireAdmin())
        admin.get("users", use: list)
        admin.get("users", "new", use: form)
        admin.post("users", "new", use: create)
    }

    func list(req: Request) async throws -> View {
        try await req.render("users", try await UsersPage.build(req))
    }

    func form(req: Request) async throws -> View {
        try await req.render("user-form", try await UserFormPage.build(req))
    }

    func create(req: Request) async throws -> Response {
        let input = try req.content.decode(UserFormInput.self)
        do {
            _ = try await req.directory.createUser(try input.request())
            return req.redirect(to: "/users")
        } catch let error as SafeGridError where error.kind == .invalid {
            return try await req.page("user-form", try await UserFormPage.build(req, input: input, error: error), status: error.status)
        }
    }
}

/// 403 for anyone but an administrator.
struct RequireAdmin: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard try req.currentUser().role == .admin else { throw SafeGridError.forbidden }
        return try await next.respond(to: req)
    }
}
