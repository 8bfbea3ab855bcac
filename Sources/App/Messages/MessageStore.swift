import Fluent
import Foundation
import SafeGridDomain
import SQLKit
import Vapor

/// Writes and reads of 消息. Messages are written in the transaction of the change they tell
/// of (`PreparedChange.apply`, the campaign task's save), so a change rolled back sends none
/// and every instance sees the same inbox.
enum MessageStore {
    /// The longest note copied into a message; the hazard's timeline has the whole of it.
    static let detailLength = 200

    struct Outgoing: Sendable {
        var kind: MessageKind
        var hazardId: Int? = nil
        var campaignId: Int? = nil
        var campaignTaskId: Int? = nil
        var subject: String
        var detail: String? = nil
        var deadline: String? = nil
        var actorName: String
        var at: Date
    }

    /// Tells whoever `MessageRules` names of `action` on a hazard, `before` → `after`.
    static func tell(of action: HazardAction, before: HazardRow, after: HazardRow, note: String?, by user: CurrentUser, at: Date,
                     in tx: WriteTransaction) async throws {
        guard let kind = MessageRules.kind(of: action) else { return }
        let candidates = MessageRules.needsCandidates(action) ? try await actors(over: after.gridPath, on: tx) : []
        let told = MessageRules.recipients(of: action, by: user.id, before: before.facts, after: after.facts, candidates: candidates)
        let deadline = kind.carriesDeadline ? after.deadline : nil
        let message = Outgoing(kind: kind, hazardId: after.id, subject: after.number + " " + after.title,
                               detail: note.map { String($0.prefix(detailLength)) }, deadline: deadline, actorName: user.displayName, at: at)
        try await send(message, to: told, in: tx)
    }

    /// A campaign task's owner hears of it when it becomes theirs (`MessageRules.tellsTaskOwner`).
    /// `actorId` is nil for a tool (the demo); the message then names the system.
    static func tellTaskOwner(_ task: CampaignTaskRecord, previousOwner: Int?, by actorId: Int?, at: Date,
                              in tx: WriteTransaction) async throws {
        guard let owner = MessageRules.tellsTaskOwner(newOwner: task.$ownerUser.id, previousOwner: previousOwner, by: actorId ?? 0) else {
            return
        }
        let campaign = try await CampaignRecord.find(task.$campaign.id, on: tx)
        let actor = try await UserRecord.find(actorId, on: tx)
        let message = Outgoing(kind: .campaignTask, campaignId: task.$campaign.id, campaignTaskId: task.id,
                               subject: (campaign.map { $0.name + "：" } ?? "") + task.title, deadline: task.deadline,
                               actorName: actor?.displayName ?? "", at: at)
        try await send(message, to: [owner], in: tx)
    }

    static func send(_ message: Outgoing, to users: Set<Int>, in tx: WriteTransaction) async throws {
        guard !users.isEmpty else { return }
        var insert = tx.insert(into: MessageRecord.schema)
            .columns("user_id", "kind", "hazard_id", "campaign_id", "campaign_task_id", "subject", "detail", "deadline", "actor_name", "created_at")
        for user in users.sorted() {
            insert = insert.values([SQLBind(user), SQLBind(message.kind.rawValue), SQLBind(message.hazardId), SQLBind(message.campaignId),
                                    SQLBind(message.campaignTaskId), SQLBind(message.subject), SQLBind(message.detail),
                                    SQLBind(message.deadline), SQLBind(message.actorName), SQLBind(message.at)])
        }
        try await insert.run()
    }

    /// The active accounts attached to the hazard's grid or a grid above it, each with those
    /// grids as its reach: who could act on it next.
    static func actors(over gridPath: String, on db: any Database) async throws -> [Actor] {
        let paths = GridPath(gridPath).lineage.map(\.text)
        guard !paths.isEmpty else { return [] }
        struct Row: Decodable { let user_id: Int; let role: Role; let department: Department?; let path: String }
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT ug.user_id, u.role, u.department, g.path FROM user_grids ug
            JOIN users u ON u.id = ug.user_id JOIN grids g ON g.id = ug.grid_id
            WHERE u.active = \(bind: true) AND g.path IN (\(binds: paths))
            """).all(decoding: Row.self)
        var actors: [Int: Actor] = [:]
        for row in rows {
            actors[row.user_id, default: Actor(userId: row.user_id, role: row.role, department: row.department)].scopePaths.append(row.path)
        }
        return actors.keys.sorted().compactMap { actors[$0] }
    }

    /// Unread messages of the user (the tab's and the menu's number: `.count()`, awaited or as
    /// a future in `UnreadMessagesMiddleware`).
    static func unread(of userId: Int, on db: any Database) -> QueryBuilder<MessageRecord> {
        MessageRecord.query(on: db).filter(\.$userId == userId).filter(\.$readAt == nil)
    }

    static func unreadCount(of userId: Int, on db: any Database) async throws -> Int {
        try await unread(of: userId, on: db).count()
    }

    /// Marks one of the user's messages read in a transaction of its own; 404 when it is not theirs.
    static func open(_ id: Int, by user: CurrentUser, on req: Request) async throws -> MessageRecord {
        let now = req.now
        guard let message = try await req.writeTransaction({ tx in try await open(id, of: user.id, at: now, on: tx) }) else {
            throw SafeGridError.notFound
        }
        return message
    }

    /// Marks one of the user's messages read; nil when it is not theirs.
    static func open(_ id: Int, of userId: Int, at: Date, on tx: WriteTransaction) async throws -> MessageRecord? {
        guard let message = try await MessageRecord.query(on: tx).filter(\.$id == id).filter(\.$userId == userId).first() else { return nil }
        if message.readAt == nil {
            try await tx.update(MessageRecord.schema).set("read_at", to: SQLBind(at))
                .where("id", .equal, SQLBind(id)).where("read_at", .is, SQLLiteral.null).run()
            message.readAt = at
        }
        return message
    }

    /// Marks every unread message of the user read; answers how many were.
    static func readAll(of userId: Int, at: Date, on tx: WriteTransaction) async throws -> Int {
        let unread = try await unreadCount(of: userId, on: tx)
        try await tx.update(MessageRecord.schema).set("read_at", to: SQLBind(at))
            .where("user_id", .equal, SQLBind(userId)).where("read_at", .is, SQLLiteral.null).run()
        return unread
    }

    /// Deletes messages read before `readCutoff` or sent before `cutoff`, at most 5,000 a run.
    static func sweep(readBefore readCutoff: Date, sentBefore cutoff: Date, in tx: WriteTransaction) async throws -> Int {
        let ids = try await tx.raw("""
            SELECT id FROM messages WHERE (read_at IS NOT NULL AND read_at < \(bind: readCutoff)) OR created_at < \(bind: cutoff)
            ORDER BY id LIMIT 5000
            """).all().map { try $0.decode(column: "id", as: Int.self) }
        guard !ids.isEmpty else { return 0 }
        try await tx.delete(from: MessageRecord.schema).where("id", .in, ids).run()
        return ids.count
    }
}
