import SafeGridRendering
import Vapor

/// `GET /offline.html`: what the service worker (Public/sw.js) shows in place of a page that
/// was never saved on the phone while the network is down. The same for everyone (the worker
/// keeps one copy for all), so it names no user, and it runs no script; both languages, since
/// the phone's choice is not known offline. Its words come from the catalogue like any page's.
enum OfflinePage {
    static func document() -> [UInt8] {
        let zh = Texts(.zhHans), en = Texts(.en)
        return Html(.lang("zh-Hans")) {
            Head {
                Meta(.charset("utf-8"))
                Meta(.name("viewport"), .content("width=device-width, initial-scale=1"))
                Meta(.name("theme-color"), .content("#b71c1c"))
                Title { zh("offline_page.title") + " · " + zh("app.name") + " " + en("app.name") }
                Link(.rel("stylesheet"), .href("/css/safegrid.css"))
                Link(.rel("icon"), .href("/favicon.svg"), .type("image/svg+xml"))
                Link(.rel("manifest"), .href("/manifest.json"))
            }
            Body {
                Header(.class("topbar")) { A(.class("brand"), .href(SiteURL.myTasks.path)) { zh("app.name") } }
                Main(.class("content")) {
                    section(zh, primary: true)
                    section(en, primary: false)
                }
                Footer(.class("footer")) { zh("app.name") + " · " + en("app.name") }
            }
        }.documentBytes()
    }

    private static func section(_ t: Texts, primary: Bool) -> Node {
        Section(.class("card narrow"), .lang(primary ? nil : "en")) {
            if primary { H1 { t("offline_page.heading") } } else { H2 { t("offline_page.heading") } }
            P(.class(primary ? "alert" : nil)) { t("offline_page.not_saved") }
            P { t("offline_page.still_works") }
            P(.class("actions")) {
                A(.class(primary ? "button primary" : "button"), .href(SiteURL.myTasks.path)) { t("nav.my_tasks") }
                " "
                A(.class("button"), .href(SiteURL.newHazard.path)) { t("nav.new_hazard") }
                " "
                A(.class("button"), .href("")) { t("offline_page.retry") }
            }
        }
    }
}

/// Serves `OfflinePage`; cached by the service worker as part of the app shell.
struct OfflinePageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("offline.html", use: show)
    }

    func show(req: Request) -> Response {
        let response = Response(status: .ok, body: .init(buffer: ByteBuffer(bytes: OfflinePage.document())))
        response.headers.contentType = .html
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-cache")
        return response
    }
}
