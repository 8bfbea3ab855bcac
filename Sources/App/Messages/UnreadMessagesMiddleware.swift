import Fluent
import Vapor

/// Reads the signed-in user's number of unread messages before a page is drawn, for the 消息
/// tab and menu item, read by `PageContext`. Pages are drawn synchronously, so the
/// number is fetched here, on the event loop's future, for GET requests only: a form's answer
/// is a redirect to a GET, and a refused form's page shows the menu without the number.
struct UnreadMessagesMiddleware: Middleware {
    struct Key: StorageKey { typealias Value = Int }

    func respond(to req: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard req.method == .GET, let user = req.auth.get(CurrentUser.self) else { return next.respond(to: req) }
        return MessageStore.unread(of: user.id, on: req.db).count().flatMap { count in
            req.storage[Key.self] = count
            return next.respond(to: req)
        }
    }
}
