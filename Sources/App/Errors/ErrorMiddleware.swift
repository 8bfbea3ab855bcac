import SafeGridDomain
import Vapor

/// Turns every error into a response the caller can read: JSON under /api, an HTML page
/// elsewhere. Unknown errors are logged with the request id and answered with a generic
/// message, so no stack trace or SQL ever reaches a client.
struct SafeGridErrorMiddleware: Middleware {
    func respond(to req: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        next.respond(to: req).flatMapError { error in
            req.eventLoop.makeFutureWithTask { try await Self.answer(error, for: req) }
        }
    }

    private static func answer(_ error: any Error, for req: Request) async throws -> Response {
        let mapped: SafeGridError
        if let known = SafeGridError.from(error) {
            mapped = known
        } else {
            req.logger.error("unhandled error: \(String(reflecting: error))")
            mapped = SafeGridError(.unavailable, "error.internal")
        }
        let status: HTTPResponseStatus = SafeGridError.from(error) == nil ? .internalServerError : mapped.status
        let locale = AppLocale.of(req)
        // JSON for the API and for clients that ask for JSON first; `*/*` (curl) gets the page.
        let wantsJSON = req.headers.accept.mediaTypes.first.map { $0.type == "application" && $0.subType == "json" } ?? false
        if req.url.path.hasPrefix("/api/") || wantsJSON {
            let response = Response(status: status)
            try response.content.encode(ErrorBody(mapped, locale: locale))
            if mapped.kind == .unauthenticated {
                response.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer")
            }
            if let seconds = mapped.retryAfterSeconds { response.headers.replaceOrAdd(name: .retryAfter, value: String(seconds)) }
            return response
        }
        if mapped.kind == .unauthenticated {
            return req.redirect(to: "/login?next=\(req.url.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")")
        }
        let page = try await ErrorPage.render(mapped, status: status, for: req)
        if let seconds = mapped.retryAfterSeconds { page.headers.replaceOrAdd(name: .retryAfter, value: String(seconds)) }
        return page
    }
}
