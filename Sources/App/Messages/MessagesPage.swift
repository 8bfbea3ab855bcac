import Fluent
import SafeGridDomain
import Vapor

/// `GET /messages` (消息): the user's messages, newest first, unread ones marked.
struct MessagesPage {
    let page: PageContext
    let rows: [Row]
    let unread: Int
    let pager: Pager
    let onlyUnread: Bool

    struct Row {
        let href: String
        let text: String
        let subject: String
        let detail: String?
        let at: String
        let unread: Bool
    }

    static func build(_ req: Request) async throws -> MessagesPage {
        let user = try req.currentUser()
        let t = Texts(req)
        let number = try Pager.page(req)
        let query = try MessageQuery.of(user, req.query, on: req.db)
        let total = try await query.copy().count()
        let records = try await query.range(((number - 1) * Pager.perPage)..<(number * Pager.perPage)).all()
        let rows = records.map { m in
            Row(href: SiteURL.message(.id(m.id ?? 0)).path, text: MessageDTO.sentence(m, t: t), subject: m.subject,
                detail: m.detail, at: WebFormat.dateTime(m.createdAt), unread: m.readAt == nil)
        }
        return MessagesPage(page: PageContext(req, title: t("messages.title")), rows: rows,
                            unread: try await MessageStore.unreadCount(of: user.id, on: req.db),
                            pager: Pager(total: total, page: number, path: SiteURL.messages.path, query: req.url.query, t: t),
                            onlyUnread: try MessageQuery.onlyUnread(req.query))
    }
}
