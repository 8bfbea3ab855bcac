import Foundation
import SafeGridDomain
import Vapor

/// A message as the API returns it. `text` is the sentence in the caller's language; the rest
/// is data for an app that writes its own.
struct MessageDTO: Content {
    var id: Int
    var kind: MessageKind
    var text: String
    var subject: String
    var detail: String?
    var deadline: String?
    var actorName: String?
    var hazardId: Int?
    var campaignId: Int?
    var campaignTaskId: Int?
    var href: String
    var createdAt: Date
    var readAt: Date?

    init(_ m: MessageRecord, t: Texts) {
        id = m.id ?? 0
        kind = MessageKind(rawValue: m.kind) ?? .commented
        text = MessageDTO.sentence(m, t: t)
        subject = m.subject
        detail = m.detail
        deadline = m.deadline
        actorName = m.actorName
        hazardId = m.hazardId
        campaignId = m.campaignId
        campaignTaskId = m.campaignTaskId
        href = m.target
        createdAt = m.createdAt
        readAt = m.readAt
    }

    /// 「王应急 交办了隐患，限期 2026-12-08」: who did what, from the catalogue.
    static func sentence(_ m: MessageRecord, t: Texts) -> String {
        let kind = MessageKind(rawValue: m.kind) ?? .commented
        // A task handed out by a tool (the demo, an import) has no one behind it: the system.
        let actor = m.actorName.flatMap { $0.isEmpty ? nil : $0 } ?? t("job.system_account")
        var text = t("message.kind." + kind.rawValue, actor)
        if let deadline = m.deadline, !deadline.isEmpty { text += t("punct.comma") + t("message.deadline", deadline) }
        return text
    }
}

/// `GET /api/v1/messages`: a page of the caller's messages and how many are unread.
struct MessageListDTO: Content {
    var items: [MessageDTO]
    var total: Int
    var unread: Int
    var limit: Int
    var offset: Int
}

struct MessagesReadDTO: Content {
    var marked: Int
}
