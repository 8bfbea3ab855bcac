import Vapor

/// Headers that tell a browser how little this site needs: scripts and everything else only
/// from here (no inline script, so injected markup cannot run), no framing (clickjacking), no
/// guessing of content types, no full URLs with ledger filters sent to other sites, and, once
/// the deployment is on HTTPS (secure cookies), HTTPS only from then on.
struct SecurityHeadersMiddleware: Middleware {
    let https: Bool

    /// Inline `style` attributes stay allowed: progress bars set their width that way, and a
    /// style cannot run code. Images may be `data:` (the demo's tiny PNG) and `blob:` (photo
    /// previews before upload).
    static let contentSecurityPolicy = [
        "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:", "connect-src 'self'", "object-src 'none'",
        "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
    ].joined(separator: "; ")

    func respond(to req: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        next.respond(to: req).map { add(to: $0) }
    }

    private func add(to response: Response) -> Response {
        let headers = [
            ("Content-Security-Policy", Self.contentSecurityPolicy),
            ("X-Content-Type-Options", "nosniff"),
            ("X-Frame-Options", "DENY"),
            ("Referrer-Policy", "same-origin"),
        ] + (https ? [("Strict-Transport-Security", "max-age=31536000")] : [])
        for (name, value) in headers where !response.headers.contains(name: name) {
            response.headers.replaceOrAdd(name: name, value: value)
        }
        return response
    }
}
