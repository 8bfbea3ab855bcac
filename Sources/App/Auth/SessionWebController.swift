import Fluent
import SafeGridDomain
import Vapor

/// Sign-in, sign-out and the language switch.
struct SessionWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.login.pathComponents, use: loginPage)
        routes.post(SiteURL.login.pathComponents, use: login)
        routes.post(SiteURL.logout.pathComponents, use: logout)
        routes.get(SiteURL.language(.key).pathComponents, use: switchLanguage)
        routes.get(SiteURL.sessionCSRF.pathComponents, use: csrfToken)
    }

    struct CSRFToken: Content { let token: String }

    /// The session's form token, for the site's script to renew a form shown again by Back.
    func csrfToken(req: Request) async throws -> CSRFToken {
        CSRFToken(token: CSRFMiddleware.token(for: req))
    }

    struct LoginContext {
        let page: PageContext
        let next: String
        let username: String
        let error: String?
        let demoAccounts: [DemoAccount]
    }

    struct DemoAccount: Encodable {
        let username: String
        let password: String
        let role: String
    }

    struct LoginForm: Content {
        var username: String?
        var password: String?
        var next: String?
    }

    func loginPage(req: Request) async throws -> Response {
        render(req, username: "", error: nil)
    }

    func login(req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        do {
            let user = try await LoginService.verify(username: form.username ?? "", password: form.password ?? "", on: req)
            // A new session id on sign-in, so a planted cookie cannot ride along (session fixation).
            // `destroy()` would also drop the data set below, so forget the old id instead: the
            // sessions middleware then stores the data under a fresh id.
            if let old = req.session.id {
                try await req.application.sessions.driver.deleteSession(old, for: req).get()
            }
            req.session.id = nil
            req.session.data = WebSessionMarks.signedIn(try user.requireID(), now: req.now)
            let next = Self.safeNext(form.next)
            let landing = next == SiteURL.home.path && InspectionRules.landsOnMyTasks(user.role) ? SiteURL.myTasks.path : next
            return req.redirect(to: landing)
        } catch let error as SafeGridError {
            return render(req, username: form.username ?? "", error: Catalogue.text(error.key, AppLocale.of(req), error.args), status: error.status)
        }
    }

    func logout(req: Request) async throws -> Response {
        req.session.destroy()
        return req.redirect(to: SiteURL.login.path)
    }

    func switchLanguage(req: Request) async throws -> Response {
        let code = req.parameters.get("code") ?? ""
        let locale = AppLocale(code: code) ?? .zhHans
        let back = Self.safeNext(req.query[String.self, at: "next"])
        let response = req.redirect(to: back)
        response.cookies["lang"] = HTTPCookies.Value(string: locale.rawValue, maxAge: 365 * 24 * 3600, path: "/", isHTTPOnly: true, sameSite: .lax)
        return response
    }

    private func render(_ req: Request, username: String, error: String?, status: HTTPResponseStatus = .ok) -> Response {
        let locale = AppLocale.of(req)
        let accounts = req.application.settings.demo
            ? DemoData.accounts.map { DemoAccount(username: $0.username, password: DemoData.password, role: Catalogue.label("role", $0.role, locale)) }
            : []
        let context = LoginContext(page: PageContext(req, title: Catalogue.text("login.title", locale)),
                                   next: Self.safeNext(req.query[String.self, at: "next"]),
                                   username: username, error: error, demoAccounts: accounts)
        return req.page(context, status: status)
    }

    /// Only paths of this site, so the login form and the language switch cannot bounce users
    /// to another one. Checked as sent, before any decoding; browsers drop tabs and line
    /// breaks from URLs, so `/\t/evil.com` would become `//evil.com`: any whitespace or
    /// control character or backslash refuses the whole value.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), next.count <= 2_000 else { return SiteURL.home.path }
        let second = next.dropFirst().first
        guard second != "/", second != "\\" else { return SiteURL.home.path }
        for scalar in next.unicodeScalars where scalar.properties.isWhitespace || scalar.value < 0x20 || scalar.value == 0x7F
            || scalar == "\\" || scalar.properties.generalCategory == .format {
            return SiteURL.home.path
        }
        // Encoded, a second slash is harmless to a browser, but not to a proxy that decodes once more.
        let lowered = next.lowercased()
        guard !lowered.hasPrefix("/%2f"), !lowered.hasPrefix("/%5c") else { return SiteURL.home.path }
        return next
    }
}
