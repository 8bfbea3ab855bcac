import Vapor

/// 我的: the full menu and the account, one tap from any page on a phone.
struct MeWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.me.pathComponents, use: show)
    }

    func show(req: Request) -> Response {
        req.page(MePage.build(req))
    }
}
