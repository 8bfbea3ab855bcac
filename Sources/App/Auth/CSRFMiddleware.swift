import SafeGridDomain
import Vapor

/// Web forms carry a per-session token in `_csrf`; a POST without the matching token is
/// refused. The API uses bearer tokens, which a foreign site cannot send, so it is exempt.
struct CSRFMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if req.method == .POST {
            let sent = (try? req.content.get(String.self, at: "_csrf")) ?? req.headers.first(name: "X-CSRF-Token")
            guard let expected = req.session.data["csrf"], let sent, constantTimeEquals(sent, expected) else {
                throw SafeGridError(.forbidden, "error.csrf")
            }
        }
        return try await next.respond(to: req)
    }

    static func token(for req: Request) -> String {
        if let existing = req.session.data["csrf"] { return existing }
        let token = TokenHash.newToken()
        req.session.data["csrf"] = token
        return token
    }

    private func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
