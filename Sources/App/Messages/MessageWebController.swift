import SafeGridDomain
import Vapor

/// `GET /messages`, `GET /messages/:id` (opens it: marked read, then its hazard or task) and
/// `POST /messages/read` (all read).
struct MessageWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.messages.pathComponents, use: list)
        routes.get(SiteURL.message(.key).pathComponents, use: open)
        routes.post(SiteURL.messagesRead.pathComponents, use: readAll)
    }

    func list(req: Request) async throws -> Response {
        req.page(try await MessagesPage.build(req))
    }

    /// A link rather than a form, so a message opens with one tap like any other; reading it
    /// twice changes nothing.
    func open(req: Request) async throws -> Response {
        let message = try await MessageStore.open(try req.id("messageID"), by: try req.currentUser(), on: req)
        return req.redirect(to: message.target)
    }

    func readAll(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let now = req.now
        let marked = try await req.writeTransaction { tx in try await MessageStore.readAll(of: user.id, at: now, on: tx) }
        return req.redirect(to: SiteURL.messages.path, confirming: "flash.messages_read", count: marked)
    }
}
