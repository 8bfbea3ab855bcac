import Foundation
import SafeGridRendering

/// The frame of every signed-in and public page: top bar with navigation, language switch and
/// account, then the page's own content.
enum Layout {
    static func page(_ page: PageContext, body: Node) -> Node {
        let t = page.texts
        return Html(.lang(page.lang)) {
            Head {
                Meta(.charset("utf-8"))
                Meta(.name("viewport"), .content("width=device-width, initial-scale=1"))
                Title { page.title + " · " + t("app.name") }
                Link(.rel("stylesheet"), .href("/css/safegrid.css"))
                Link(.rel("icon"), .href("/favicon.svg"), .type("image/svg+xml"))
                // Installable as 平安网格 on a phone; the service worker and the offline queue
                // (Public/sw.js, Public/js/offline.js) work only on a secure origin.
                Link(.rel("manifest"), .href("/manifest.json"))
                Link(.rel("apple-touch-icon"), .href("/icons/icon-192.png"))
                Meta(.name("theme-color"), .content("#b71c1c"))
                Script(.src("/js/safegrid.js"), .defer(true))
                Script(.src("/js/offline.js"), .defer(true))
            }
            Body {
                Header(.class("topbar")) {
                    A(.class("brand"), .href(SiteURL.home.path)) { t("app.name") }
                    if page.user != nil {
                        Nav(.class("nav")) {
                            for item in page.nav {
                                A(.href(item.href), .class(item.active ? "active" : nil)) { item.label; count(item) }
                            }
                        }
                    }
                    Div(.class("account")) {
                        A(.class("lang"), .href(page.switchHref)) { t("nav.switch_language") }
                        if let user = page.user {
                            Span(.class("who")) { user.displayName + " · " + user.roleLabel }
                            A(.class("lang"), .href(SiteURL.accountPassword.path)) { t("nav.password") }
                            Form(.method("post"), .action(SiteURL.logout.path), .class("inline")) {
                                csrfField(page)
                                Button(.class("link")) { t("nav.logout") }
                            }
                        }
                    }
                }
                Main(.class("content")) {
                    if let flash = page.flash { P(.class("toast"), .role("status")) { flash } }
                    body
                }
                tabBar(page)
                offlineTexts(t, user: page.user?.id)
                Footer(.class("footer")) { t("app.name") + " · " + t("app.tagline") }
            }
        }
    }

    /// The phone's bottom bar (`PhoneTabs`); the stylesheet shows it on narrow screens only,
    /// in place of the top menu, whose items are all on 我的.
    static func tabBar(_ page: PageContext) -> Node {
        if page.tabs.isEmpty { return .empty }
        return Nav(.class("tabbar"), .aria("label", page.texts("tab.bar"))) {
            for tab in page.tabs {
                A(.href(tab.href), .class(tab.active ? "active" : nil), .aria("current", tab.active ? "page" : nil)) { tab.label; count(tab) }
            }
        }
    }

    /// The number of unread messages beside 消息: up to 99, then 99+; read out in words.
    static func count(_ item: PageContext.NavItem) -> Node {
        guard item.count > 0 else { return .empty }
        return Span(.class("count"), .aria("label", item.countLabel)) { item.count > 99 ? "99+" : "\(item.count)" }
    }

    /// The offline queue's words, from the catalogue, for Public/js/offline.js to read
    /// (`data-*` of `#sg-offline-texts`; `{0}`, `{1}` are filled in by the script).
    static func offlineTexts(_ t: Texts, user: Int?) -> Node {
        let keys = ["pending", "syncing", "saved", "synced", "refused", "retry", "discard", "discard-confirm", "queue-title",
                    "uploading", "offline", "resizing", "draft-restored", "insecure", "close", "open-form"]
        return .element("div", [.id("sg-offline-texts"), .hidden(true), .data("user", user.map(String.init))]
                            + keys.map { .data($0, t("offline." + $0)) }, .empty)
    }

    /// The hidden fields every POST form starts with: the session's CSRF token, and a fresh
    /// idempotency key for this form (`IdempotencyMiddleware`), so that a double tap or a Back
    /// and resubmit does the form's work once. Both come first in the body, where the
    /// middlewares read them without decoding the photos after them.
    static func csrfField(_ page: PageContext) -> Node {
        .group([Input(.type("hidden"), .name("_csrf"), .value(page.csrf)),
                Input(.type("hidden"), .name(IdempotencyMiddleware.formField), .value(UUID().uuidString))])
    }

    /// 「使用我的位置」: safegrid.js shows the button where the browser can locate, and fills the
    /// form's latitude and longitude.
    static func locate(_ page: PageContext) -> Node {
        let t = page.texts
        return P(.class("locate")) {
            Button(.type("button"), .class("button"), .data("locate"), .hidden(true), .data("busy", t("form.locating")),
                   .data("done", t("form.located")), .data("failed", t("form.locate_failed")), .data("insecure", t("form.locate_insecure"))) {
                t("form.use_my_location")
            }
            Span(.class("hint"), .data("locate-status"), .aria("live", "polite"))
        }
    }

    /// The location part of a form (place, address, coordinates) with 「使用我的位置」 and,
    /// when the user's grids have boundaries, the map to tap instead (`LocationMap`).
    static func locationFieldset(_ page: PageContext, _ fields: [FormField], map: String?) -> Node {
        let t = page.texts
        return Fieldset(.class("location")) {
            Legend { t("form.location") }
            fields.map(\.node)
            locate(page)
            if let map {
                Details(.class("pick-map"), .data("pick-map"), .data("picked", t("form.picked")), .data("outside", t("form.picked_outside"))) {
                    Summary(.class("button")) { t("form.pick_on_map") }
                    P(.class("hint")) { t("form.pick_hint") }
                    // RiskMap.svg writes the map itself and escapes every name it prints.
                    Node.trusted(map)
                    P(.class("hint"), .data("pick-status"), .aria("live", "polite"))
                }
            }
        }
    }

    /// A form's errors that belong to no single field; nothing when there are none. `alert`
    /// makes screen readers announce them.
    static func errorList(_ errors: [String], alert: Bool = false) -> Node {
        if errors.isEmpty { return .empty }
        return Ul(.class("errors"), .role(alert ? "alert" : nil)) { errors.map { e in Li { e } } }
    }
}
