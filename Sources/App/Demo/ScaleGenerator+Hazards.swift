import Fluent
import SQLKit
import Foundation
import SafeGridDomain
import Vapor

extension ScaleGenerator {
    struct Event {
        let action: HazardAction
        let actor: Int
        let role: Role
        let at: Date
        let from: HazardState?
        let to: HazardState
        let note: String?
        var details: String = "{}"
    }

    /// Hazards in time order over the last two years, so numbers run with the calendar.
    /// Older ones are mostly closed; recent ones spread over every open state.
    mutating func writeHazards(_ writer: BulkWriter, grids: [GridInfo], places: [GridInfo], users staff: Staff) async throws {
        let day: TimeInterval = 86_400
        let span = 720 * day
        let start = now.addingTimeInterval(-span)
        let today = CivilDate(now)
        var counters: [String: Int] = [:]
        var hazards: [[any Encodable & Sendable]] = []
        var events: [[any Encodable & Sendable]] = []
        var notices: [[any Encodable & Sendable]] = []
        var eventId = 0, noticeId = 0
        // Generated events are links of the trail like any others: `safegrid verify` passes on
        // generated data. The database is new, so the chain starts here.
        var chainHash = AuditTrail.genesis
        let plan = try JSONCoding.string(GovernancePlan(goal: "消除重大隐患", measures: "停产整改", funding: "企业自筹", organisation: "主要负责人牵头",
                                                        timeline: "限期完成", safetyMeasures: "设置警戒，落实应急措施"))
        let total = scale.hazards
        var lastReport = Date()

        for i in 0..<total {
            let id = i + 1
            let t0 = start.addingTimeInterval(span * Double(i) / Double(total) + Double.random(in: 0..<600, using: &random))
            let placeId = Int.random(in: 1...places.count, using: &random)
            let grid = places[placeId - 1]
            let year = CivilDate(t0).year
            let counterName = "hazard:\(grid.townshipId):\(year)"
            counters[counterName, default: 0] += 1
            let number = CaseNumber.hazard(townshipCode: grid.townshipCode, year: year, sequence: counters[counterName]!)
            let officer = staff.officerByTownship[grid.townshipId] ?? staff.admin
            let worker = staff.workerByVillage[grid.villageId]?.first ?? officer
            let reviewer = staff.workerByVillage[grid.villageId]?.last ?? officer
            let owner = staff.ownerByPlace[placeId]
            let submitter = owner ?? worker
            let grade: HazardGrade = random.chance(0.03) ? .major : .general
            let category = random.pick(HazardCategory.allCases)
            let source: HazardSource = random.pick([.grid, .grid, .grid, .territorial, .territorial, .industry, .enterprise, .expert])
            let age = now.timeIntervalSince(t0) / day

            var state = HazardState.registered
            var timeline = [Event(action: .register, actor: worker, role: .gridWorker, at: t0, from: nil, to: .registered, note: nil)]
            var deadline: CivilDate?, rework = 0, escalation = 0, lastSubmitter: Int?, noticeNumber: String?, closedAt: Date?
            func step(_ action: HazardAction, _ actor: Int, _ role: Role, after days: Double, to next: HazardState, note: String? = nil, details: String = "{}") {
                let at = min(now.addingTimeInterval(-60), timeline.last!.at.addingTimeInterval(days * day))
                timeline.append(Event(action: action, actor: actor, role: role, at: at, from: state, to: next, note: note, details: details))
                state = next
                if next == .closed { closedAt = at }
            }
            let roll = Double.random(in: 0..<1, using: &random)
            let open = age < 60
            if roll < (open ? 0.15 : 0.005) {
                // stays registered
            } else if roll < (open ? 0.18 : 0.05) {
                step(.void, officer, .officer, after: 0.5, to: .voided, note: "重复登记")
            } else if grade == .general && roll < (open ? 0.30 : 0.30) {
                step(.fixOnSite, worker, .gridWorker, after: 0.05, to: .closed, note: "现场整改完毕")
            } else {
                let days = Double(Int.random(in: 7...30, using: &random))
                deadline = CivilDate(t0.addingTimeInterval((days + 1) * day))
                noticeId += 1
                let counter = "notice:\(grid.townshipId):\(year)"
                counters[counter, default: 0] += 1
                noticeNumber = CaseNumber.notice(townshipCode: grid.townshipCode, year: year, sequence: counters[counter]!)
                var notice = NoticeRow()
                (notice.id, notice.number, notice.hazardId, notice.responsible) = (noticeId, noticeNumber!, id, "负责人\(placeId)")
                notice.responsiblePhone = "1380000\(String(format: "%04d", placeId % 10_000))"
                (notice.requirement, notice.deadline) = ("限期整改", deadline!.description)
                (notice.issuedById, notice.issuedAt) = (officer, t0.addingTimeInterval(day))
                notices.append(notice.allValues)
                step(.assign, officer, .officer, after: 1, to: .rectifying,
                     details: "{\"deadline\":\"\(deadline!)\",\"noticeNumber\":\"\(noticeNumber!)\"}")
                let outcome = Double.random(in: 0..<1, using: &random)
                let openShare = open ? 0.55 : 0.02
                if outcome < openShare * 0.2 {
                    // reviewing
                    step(.submit, submitter, owner == nil ? .gridWorker : .enterprise, after: days * 0.6, to: .reviewing, note: "已整改")
                    lastSubmitter = submitter
                } else if outcome < openShare {
                    // still rectifying; some extended, some escalated when overdue
                    if random.chance(0.1) {
                        deadline = deadline!.adding(days: 15)
                        step(.extend, officer, .officer, after: days * 0.5, to: .rectifying, note: "材料未到，申请延期", details: "{\"deadline\":\"\(deadline!)\"}")
                    }
                    if deadline!.adding(days: 3) < today && random.chance(0.4) {
                        escalation = 1
                        step(.escalate, officer, .officer, after: days + 3, to: .rectifying, note: "超期督办", details: "{\"escalation\":1}")
                    }
                } else {
                    step(.submit, submitter, owner == nil ? .gridWorker : .enterprise, after: days * 0.5, to: .reviewing, note: "已整改")
                    if random.chance(0.15) {
                        rework = 1
                        step(.reject, reviewer, .gridWorker, after: 1, to: .rectifying, note: "整改不到位")
                        step(.submit, submitter, owner == nil ? .gridWorker : .enterprise, after: 3, to: .reviewing, note: "再次整改")
                    }
                    lastSubmitter = submitter
                    step(.approve, officer, .officer, after: 1, to: .closed, note: "复查合格")
                }
            }
            hazards.append(HazardRow(
                id: id, number: number, townshipId: grid.townshipId, gridId: grid.id, gridPath: grid.path, placeId: placeId,
                title: "\(category.rawValue)隐患\(id)", description: "生成的演示隐患", category: category, grade: grade, source: source,
                state: state, version: timeline.count, deadline: deadline?.description, reworkCount: rework, escalation: escalation,
                responsibleName: noticeNumber == nil ? nil : "负责人\(placeId)", responsibleUserId: owner,
                requirement: noticeNumber == nil ? nil : "限期整改", plan: grade == .major && noticeNumber != nil ? plan : nil,
                noticeNumber: noticeNumber, lastSubmitterId: lastSubmitter, discoveredAt: t0, discoveredById: worker,
                closedAt: closedAt, createdAt: t0, updatedAt: timeline.last!.at).allValues)
            for e in timeline {
                eventId += 1
                var event = HazardEventRow(
                    id: eventId, hazardId: id, action: e.action, actorId: e.actor, actorRole: e.role, occurredAt: e.at, fromState: e.from,
                    toState: e.to, note: e.note, details: e.details, attachmentIds: "[]", chainSeq: eventId, prevHash: chainHash)
                let hash = AuditTrail.hash(seq: eventId, previous: chainHash, fields: event.trailFields)
                event.hash = hash
                events.append(event.allValues)
                chainHash = hash
            }
            if hazards.count == 5_000 || i == total - 1 {
                let (h, e, n) = (hazards, events, notices)
                try await app.db.transaction { tx in
                    let w = BulkWriter(sql: tx as! any SQLDatabase)
                    try await w.insert(HazardRow.table, HazardRow.columnNames, h)
                    try await w.insert(HazardEventRow.table, HazardEventRow.columnNames, e)
                    try await w.insert(NoticeRow.table, NoticeRow.columnNames, n)
                }
                hazards.removeAll(keepingCapacity: true); events.removeAll(keepingCapacity: true); notices.removeAll(keepingCapacity: true)
                if Date().timeIntervalSince(lastReport) > 5 || i == total - 1 {
                    log("hazards: \(i + 1)/\(total) (\(Int(Double(i + 1) * 100 / Double(total)))%), events: \(eventId)")
                    lastReport = Date()
                }
            }
        }
        let head = (eventId, chainHash)
        try await WritePath.joined.transaction(on: app.db) { tx in try await TrailHead.advance(.hazardEvents, to: head, on: tx) }
        try await writer.insert("counters", ["id", "name", "value"],
                                counters.sorted { $0.key < $1.key }.enumerated().map { [$0.offset + 1, $0.element.key, $0.element.value] })
    }
}
