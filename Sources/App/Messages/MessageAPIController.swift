import Fluent
import SafeGridDomain
import Vapor

/// `/api/v1/messages`: the caller's 消息, newest first; reading one or all of them.
struct MessageAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let messages = routes.grouped("messages")
        messages.get(use: list)
        messages.post("read-all", use: readAll)
        messages.post(":messageID", "read", use: read)
    }

    func list(req: Request) async throws -> MessageListDTO {
        let user = try req.currentUser()
        let page = try Page(query: req.query)
        let query = try MessageQuery.of(user, req.query, on: req.db)
        let total = try await query.copy().count()
        let rows = try await query.range(page.offset..<(page.offset + page.limit)).all()
        let t = Texts(req)
        return MessageListDTO(items: rows.map { MessageDTO($0, t: t) }, total: total,
                              unread: try await MessageStore.unreadCount(of: user.id, on: req.db), limit: page.limit, offset: page.offset)
    }

    func read(req: Request) async throws -> MessageDTO {
        let message = try await MessageStore.open(try req.id("messageID"), by: try req.currentUser(), on: req)
        return MessageDTO(message, t: Texts(req))
    }

    func readAll(req: Request) async throws -> MessagesReadDTO {
        let user = try req.currentUser()
        let now = req.now
        return MessagesReadDTO(marked: try await req.writeTransaction { tx in try await MessageStore.readAll(of: user.id, at: now, on: tx) })
    }
}

/// The caller's messages, newest first; `unread=true` keeps the unread ones only.
enum MessageQuery {
    static func of(_ user: CurrentUser, _ q: any URLQueryContainer, on db: any Database) throws(SafeGridError) -> QueryBuilder<MessageRecord> {
        let query = MessageRecord.query(on: db).filter(\.$userId == user.id).sort(\.$id, .descending)
        if try onlyUnread(q) { query.filter(\.$readAt == nil) }
        return query
    }

    /// `unread=true` (or 1); false, 0 or nothing for all; anything else is a 400.
    static func onlyUnread(_ q: any URLQueryContainer) throws(SafeGridError) -> Bool {
        switch try? q.get(String.self, at: "unread") {
        case nil, "", "false", "0": false
        case "true", "1": true
        default: throw SafeGridError.invalid(field: "unread", "error.field.invalid")
        }
    }
}
