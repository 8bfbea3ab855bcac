import Vapor

/// `GET /me` (我的): on a phone, the last tab of the bottom bar. Who is signed in, every item
/// of the full menu (the bar holds at most five), language, password and signing out.
struct MePage {
    let page: PageContext

    static func build(_ req: Request) -> MePage {
        MePage(page: PageContext(req, title: Texts(req)("me.title")))
    }
}
