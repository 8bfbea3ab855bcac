import SafeGridDomain
import Vapor

/// `GET /users`, `GET/POST /users/new`: administrators only.
struct UserWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped(RequireAdmin())
        admin.get(SiteURL.users.pathComponents, use: list)
        admin.get(SiteURL.newUser.pathComponents, use: form)
        admin.post(SiteURL.newUser.pathComponents, use: create)
        admin.post(SiteURL.userAccess(.key).pathComponents, use: access)
        routes.get(SiteURL.accountPassword.pathComponents, use: passwordForm)
        routes.post(SiteURL.accountPassword.pathComponents, use: changePassword)
    }

    struct AccessInput: Content {
        var active: String?
        var revoke: String?
    }

    /// Deactivate, reactivate or revoke from the user list; the list says what happened.
    func access(req: Request) async throws -> Response {
        let admin = try req.currentUser()
        guard let id = req.parameters.get("userID", as: Int.self) else { throw SafeGridError.notFound }
        let input = try req.content.decode(AccessInput.self)
        let active = input.active.map { $0 == "true" }
        let revoke = input.revoke == "true"
        _ = try await req.directory.setAccess(userId: id, active: active, revoke: revoke, by: admin.actor, now: req.now)
        req.application.authCache.forget(userId: id)
        let done = revoke ? "revoked" : (active == false ? "deactivated" : "activated")
        return req.redirect(to: SiteURL.users.with(query: "done=\(done)"))
    }

    struct PasswordInput: Content {
        var currentPassword: String?
        var newPassword: String?
        var confirmPassword: String?
    }

    func passwordForm(req: Request) async throws -> Response {
        req.page(PasswordPage.build(req, done: req.query[String.self, at: "done"] == "1"))
    }

    /// The signed-in user's own password. This session goes on (signed in again now); every
    /// other session and API token of the user ends.
    func changePassword(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let input = try req.content.decode(PasswordInput.self)
        do {
            if input.newPassword != input.confirmPassword {
                throw SafeGridError.invalid(field: "confirmPassword", "error.field.password_confirm")
            }
            try await req.directory.changePassword(userId: user.id, current: input.currentPassword, new: input.newPassword,
                                                   keepToken: nil, now: req.now)
        } catch let error as SafeGridError where error.kind == .invalid {
            return req.page(PasswordPage.build(req, error: error), status: error.status)
        }
        req.application.authCache.forget(userId: user.id)
        req.session.data = WebSessionMarks.signedIn(user.id, now: req.now)
        return req.redirect(to: SiteURL.accountPassword.with(query: "done=1"))
    }

    func list(req: Request) async throws -> Response {
        req.page(try await UsersPage.build(req))
    }

    func form(req: Request) async throws -> Response {
        req.page(try await UserFormPage.build(req))
    }

    func create(req: Request) async throws -> Response {
        let input = try req.content.decode(UserFormInput.self)
        do {
            _ = try await req.directory.createUser(try input.request(), by: try req.currentUser().id)
            return req.redirect(to: SiteURL.users.path, confirming: "flash.saved")
        } catch let error as SafeGridError where error.kind == .invalid {
            return req.page(try await UserFormPage.build(req, input: input, error: error), status: error.status)
        }
    }
}

/// 403 for anyone but an administrator.
struct RequireAdmin: Middleware {
    func respond(to req: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard let user = req.auth.get(CurrentUser.self) else { return req.eventLoop.makeFailedFuture(SafeGridError.unauthenticated) }
        guard AccountPermissions.mayManageAccounts(user.actor) else { return req.eventLoop.makeFailedFuture(SafeGridError.forbidden) }
        return next.respond(to: req)
    }
}
