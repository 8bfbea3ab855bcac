import SafeGridDomain
import Vapor

/// Web forms carry a per-session token in `_csrf`; a POST without the matching token is
/// refused. The API uses bearer tokens, which a foreign site cannot send, so it is exempt.
struct CSRFMiddleware: Middleware {
    /// Before signing in there is no session (so that a visit to the login page stores
    /// nothing); the token then lives in a cookie of its own and the form must echo it.
    static let anonymousCookie = "safegrid_csrf"

    private struct NewAnonymousToken: StorageKey { typealias Value = String }

    func respond(to req: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard req.method == .POST else { return next.respond(to: req).map { Self.setCookie($0, req) } }
        return req.eventLoop.makeFutureWithTask { try await Self.check(req) }.flatMap { refusal in
            refusal.map { req.eventLoop.makeSucceededFuture($0) } ?? next.respond(to: req).map { Self.setCookie($0, req) }
        }
    }

    /// Nil when the form's token matches; otherwise the page that explains a stale form.
    private static func check(_ req: Request) async throws -> Response? {
        // A browser streams any body over a few kilobytes (every photo, every long
        // checklist); the form's `_csrf` field can only be read once it has all arrived.
        // The route's own limit cannot be seen from here; the largest web form's applies.
        _ = try await req.body.collect(max: WebUploads.maxBody.value).get()
        let sent = multipartField("_csrf", req) ?? (try? req.content.get(String.self, at: "_csrf")) ?? req.headers.first(name: "X-CSRF-Token")
        guard let expected = expected(req), let sent, constantTimeEquals(sent, expected) else {
            return try await StaleFormPage.response(for: req)
        }
        return nil
    }

    private static func setCookie(_ response: Response, _ req: Request) -> Response {
        if let token = req.storage[NewAnonymousToken.self] {
            response.cookies[anonymousCookie] = HTTPCookies.Value(
                string: token, path: "/", isSecure: req.application.settings.secureCookies, isHTTPOnly: true, sameSite: .strict)
        }
        return response
    }

    /// A short field of a multipart form read straight from its part. Every form puts `_csrf`
    /// and `_idem` first (`Layout.csrfField`), and decoding a whole body with several phone
    /// photos just for them cost more than the upload's own handling; a form that puts them
    /// elsewhere falls back to the decoder.
    static func multipartField(_ name: String, _ req: Request) -> String? {
        guard req.headers.contentType?.type == "multipart", let body = req.body.data else { return nil }
        let window = body.readableBytesView.prefix(4_096)
        let marker = Array("name=\"\(name)\"\r\n\r\n".utf8)
        guard let start = window.firstRange(of: marker)?.upperBound else { return nil }
        let rest = window[start...]
        guard let end = rest.firstIndex(of: UInt8(ascii: "\r")), end - start <= 128 else { return nil }
        return String(decoding: rest[start..<end], as: UTF8.self)
    }

    private static func signedIn(_ req: Request) -> Bool {
        req.hasSession && req.session.data["uid"] != nil && req.auth.has(CurrentUser.self)
    }

    private static func expected(_ req: Request) -> String? {
        signedIn(req) ? req.session.data["csrf"] : req.cookies[anonymousCookie]?.string
    }

    /// The token for this request's forms, made on first use. An error page can be rendered
    /// before the sessions middleware has run (a malformed path refused by the file
    /// middleware); `hasSession` is false there and no session is touched.
    static func token(for req: Request) -> String {
        if signedIn(req) {
            if let existing = req.session.data["csrf"] { return existing }
            let token = TokenHash.newToken()
            req.session.data["csrf"] = token
            return token
        }
        if let made = req.storage[NewAnonymousToken.self] { return made }
        if let existing = req.cookies[anonymousCookie]?.string, existing.count >= 32 { return existing }
        let token = TokenHash.newToken()
        req.storage[NewAnonymousToken.self] = token
        return token
    }

    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// What a user sees when a form comes back with a token that no longer matches (the session
/// ended, or was renewed by signing in elsewhere). Nothing was saved, so nothing may be lost:
/// a plain form sent from this site is shown again as a page with the typed values and a
/// fresh token, to be checked and sent once more by the user's own press. A form with files
/// cannot be rebuilt (the browser will not let a page fill a file input), so the page says that
/// Back keeps the typed text; the site's script gives the form there a fresh token.
/// A POST from another site only gets the refusal: the resubmit page must never turn a
/// forged request into one the user confirms without knowing it.
enum StaleFormPage {
    struct Context {
        let page: PageContext
        let message: String
        let hint: String
        let action: String?
        let fields: [Field]
    }

    struct Field: Encodable {
        let name: String
        let value: String
    }

    static func response(for req: Request) async throws -> Response {
        let t = Texts(req)
        let fields = sameOrigin(req) ? urlEncodedFields(req) : nil
        let context = Context(
            page: PageContext(req, title: t("error.title")), message: t("error.csrf"),
            hint: fields == nil ? t("error.csrf.go_back") : t("error.csrf.resubmit"),
            action: fields == nil ? nil : req.url.path, fields: fields ?? [])
        return req.page(context, status: .forbidden)
    }

    /// The form's values in their order, the old token left out; nil when the body is not a
    /// URL-encoded form.
    static func urlEncodedFields(_ req: Request) -> [Field]? {
        guard req.headers.contentType == .urlEncodedForm, var body = req.body.data,
              let text = body.readString(length: body.readableBytes) else { return nil }
        var components = URLComponents()
        components.percentEncodedQuery = text.replacingOccurrences(of: "+", with: "%20")
        guard let items = components.queryItems else { return nil }
        // A password is never written into a page, not even back to its owner.
        // The page's own form brings a fresh token and idempotency key: nothing was done yet.
        return items.filter { $0.name != "_csrf" && $0.name != IdempotencyMiddleware.formField && !$0.name.lowercased().contains("password") }
            .map { Field(name: $0.name, value: $0.value ?? "") }
    }

    /// True when the browser says the form was sent from a page of this site (Origin, else Referer).
    static func sameOrigin(_ req: Request) -> Bool {
        guard let host = req.headers.first(name: .host)?.lowercased() else { return false }
        let source = req.headers.first(name: .origin) ?? req.headers.first(name: .referer)
        guard let source, let url = URL(string: source), let sourceHost = url.host?.lowercased() else { return false }
        let sourceAuthority = url.port.map { "\(sourceHost):\($0)" } ?? sourceHost
        return sourceAuthority == host
    }
}
