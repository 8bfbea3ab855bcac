import Vapor

/// Gives every request an id (or keeps the proxy's X-Request-Id), puts it on every log line
/// of the request and returns it, so an officer's error report can be matched to the log.
///
/// The global middlewares that need no database are written against futures, not
/// `AsyncMiddleware`: each async one starts a task and hops back to the event loop on every
/// request, and a request passed through nine of them (docs/architecture.md, bench/results/).
struct RequestIdMiddleware: Middleware {
    func respond(to req: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        let id = req.headers.first(name: "X-Request-Id").flatMap { $0.count <= 64 ? $0 : nil } ?? UUID().uuidString
        req.logger[metadataKey: "request-id"] = .string(id)
        return next.respond(to: req).map { response in
            response.headers.replaceOrAdd(name: "X-Request-Id", value: id)
            return response
        }
    }
}
