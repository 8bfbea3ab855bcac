import Vapor

/// Gives every request an id (or keeps the proxy's X-Request-Id), puts it on every log line
/// of the request and returns it, so an officer's error report can be matched to the log.
struct RequestIdMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let id = req.headers.first(name: "X-Request-Id").flatMap { $0.count <= 64 ? $0 : nil } ?? UUID().uuidString
        req.logger[metadataKey: "request-id"] = .string(id)
        let response = try await next.respond(to: req)
        response.headers.replaceOrAdd(name: "X-Request-Id", value: id)
        return response
    }
}
