import Fluent
import Foundation
import NIOConcurrencyHelpers
import SafeGridDomain
import SQLKit
import Vapor

/// Reads for patrol schedules: each place's visits as the rules need them. Places come from
/// `PlaceQuery.scoped` (the one definition of who sees which place); visits are looked up
/// for those places in chunks, grouped by place in SQL so the cost follows places, not visits.
struct PatrolQuery {
    let db: any Database
    let schedule: PatrolSchedule
    let calendar: WorkCalendar

    static func make(_ req: Request) async throws -> PatrolQuery {
        PatrolQuery(db: req.db, schedule: try await PatrolFrequencyRecord.schedule(on: req.db), calendar: try await req.workCalendar())
    }

    /// What a due date is computed from.
    struct PlaceFacts: Sendable {
        let place: PlaceRecord
        let lastVisit: CivilDate?
        var registered: CivilDate { CivilDate(place.createdAt ?? Date(timeIntervalSince1970: 0)) }
    }

    /// The places of the actor's scope (optionally one subtree) with their last counted visit before `before`.
    func places(for actor: Actor, inSubtree path: String?, before: Date) async throws -> [PlaceFacts] {
        let query = PlaceQuery.scoped(to: actor, on: db)
        if let path { query.filter(\.$gridPath, inSubtree: path) }
        let places = try await query.sort(\.$id).all()
        let last = try await visits(of: places.compactMap(\.id), from: nil, before: before, aggregate: "MAX")
        return places.map { PlaceFacts(place: $0, lastVisit: last[$0.id ?? 0].map { CivilDate($0) }) }
    }

    func due(_ facts: PlaceFacts) -> CivilDate {
        schedule.dueDate(lastInspected: facts.lastVisit, registered: facts.registered, level: facts.place.riskLevel, calendar: calendar)
    }

    /// The first (MIN) or last (MAX) counted visit per place in `[from, before)`.
    func visits(of placeIds: [Int], from: Date?, before: Date, aggregate: String) async throws -> [Int: Date] {
        guard let sql = db as? any SQLDatabase else { throw SafeGridError(.unavailable, "error.internal") }
        struct Row: Decodable { let place_id: Int; let at: Date }
        var result: [Int: Date] = [:]
        let counted = InspectionKind.allCases.filter(\.countsAsPatrol).map(\.rawValue)
        // Chunks stay far below either engine's limit on bound parameters.
        for start in stride(from: 0, to: placeIds.count, by: 500) {
            let chunk = Array(placeIds[start..<min(start + 500, placeIds.count)])
            let select = sql.select()
                .column("place_id")
                .column(SQLAlias(SQLFunction(aggregate, args: SQLColumn("started_at")), as: SQLIdentifier("at")))
                .from("inspections")
                .where("place_id", .in, chunk)
                .where("ended_at", .isNot, SQLLiteral.null)
                .where("kind", .in, counted)
                .where("started_at", .lessThan, before)
            if let from { select.where("started_at", .greaterThanOrEqual, from) }
            for row in try await select.groupBy("place_id").all(decoding: Row.self) { result[row.place_id] = row.at }
        }
        return result
    }
}
