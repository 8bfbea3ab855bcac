import Vapor

/// The server-rendered pages. Every page but login needs a session; every POST needs the CSRF token.
enum WebRoutes {
    static func register(on app: Application) throws {
        let web = app.grouped(SessionUserAuthenticator(), CSRFMiddleware())
        try web.register(collection: SessionWebController())
        let signedIn = web.grouped(RequireUser())
        _ = signedIn
    }
}
