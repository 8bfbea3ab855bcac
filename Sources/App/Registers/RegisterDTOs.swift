import Foundation
import SafeGridDomain
import Vapor

/// Bodies of the register endpoints. Every field is optional so that a missing or malformed
/// value becomes a field error, not a decoding failure. Days are `yyyy-MM-dd`.
struct ActivityRequest: Content {
    var kind: String?
    var title: String?
    var heldOn: String?
    var venue: String?
    var gridId: Int?
    var people: Int?
    var note: String?
}

/// Why an activity or accident is voided (required).
struct VoidRequest: Content {
    var reason: String?
}

struct AccidentRequest: Content {
    var occurredOn: String?
    var venue: String?
    var gridId: Int?
    var type: String?
    var deaths: Int?
    var injuries: Int?
    var liability: String?
    var description: String?
}

struct PublicReportRequest: Content {
    var receivedOn: String?
    var channel: String?
    var gridId: Int?
    var content: String?
    var reporter: String?
    var hazardId: Int?
    var handledOn: String?
    var reply: String?
}

struct ActivityDTO: Content {
    let id: Int
    let kind: ActivityKind
    let title: String
    let heldOn: String
    let venue: String
    let gridId: Int
    let gridName: String?
    let people: Int
    let note: String?
    /// When and why the entry was voided; both null while it counts.
    let voidedAt: Date?
    let voidReason: String?

    init(_ r: ActivityRecord) {
        id = r.id ?? 0; kind = r.kind; title = r.title; heldOn = r.heldOn; venue = r.venue
        gridId = r.$grid.id; gridName = r.$grid.value?.name; people = r.people; note = r.note
        voidedAt = r.voidedAt; voidReason = r.voidReason
    }
}

struct AccidentDTO: Content {
    let id: Int
    let occurredOn: String
    let venue: String
    let gridId: Int
    let gridName: String?
    let type: AccidentType
    let deaths: Int
    let injuries: Int
    let liability: AccidentLiability
    let description: String
    let voidedAt: Date?
    let voidReason: String?

    init(_ r: AccidentRecord) {
        id = r.id ?? 0; occurredOn = r.occurredOn; venue = r.venue; gridId = r.$grid.id; gridName = r.$grid.value?.name
        type = r.type; deaths = r.deaths; injuries = r.injuries; liability = r.liability; description = r.description
        voidedAt = r.voidedAt; voidReason = r.voidReason
    }
}

struct PublicReportDTO: Content {
    let id: Int
    let receivedOn: String
    let channel: ReportChannel
    let gridId: Int
    let gridName: String?
    let content: String
    let reporter: String?
    let hazardId: Int?
    let handledOn: String?
    let reply: String?
    let handled: Bool

    init(_ r: PublicReportRecord) {
        id = r.id ?? 0; receivedOn = r.receivedOn; channel = r.channel; gridId = r.$grid.id; gridName = r.$grid.value?.name
        content = r.content; reporter = r.reporter; hazardId = r.hazardId; handledOn = r.handledOn; reply = r.reply
        handled = r.handledOn != nil
    }
}
