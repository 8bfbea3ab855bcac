import Fluent
import SQLKit
import SafeGridDomain
import Vapor

/// Reads of inspections: the scope filter and the mapping to DTOs in a few queries per page.
enum InspectionQuery {
    /// An inspection of the user's still under way, to continue instead of starting another.
    struct OpenInspection: Sendable {
        let id: Int
        let placeId: Int
        let placeName: String
        let startedAt: Date
    }

    /// The inspections the user takes part in that are neither finished nor cancelled, newest
    /// first (「继续检查」 on my tasks, and the place a new start resumes).
    static func open(of userId: Int, placeId: Int? = nil, on db: any Database) async throws -> [OpenInspection] {
        var query: SQLQueryString = """
            SELECT i.id, i.place_id, p.name, i.started_at FROM inspections i
            JOIN inspection_inspectors ii ON ii.inspection_id = i.id JOIN places p ON p.id = i.place_id
            WHERE ii.user_id = \(bind: userId) AND i.ended_at IS NULL AND i.cancelled_at IS NULL
            """
        if let placeId { query += " AND i.place_id = \(bind: placeId)" }
        query += " ORDER BY i.started_at DESC, i.id DESC LIMIT 50"
        return try await (db as! any SQLDatabase).raw(query).all().map { row in
            OpenInspection(id: try row.decode(column: "id", as: Int.self), placeId: try row.decode(column: "place_id", as: Int.self),
                           placeName: try row.decode(column: "name", as: String.self), startedAt: try row.decode(column: "started_at", as: Date.self))
        }
    }

    struct AwaitingHazards: Sendable {
        let id: Int
        let placeName: String
        let endedAt: Date
        let items: Int
    }

    /// The user's finished inspections with failed items no hazard records yet
    /// (`InspectionRules.awaitsHazard` as SQL), newest first: flagged on 我的任务 until done.
    static func awaitingHazards(of userId: Int, on db: any Database) async throws -> [AwaitingHazards] {
        let query: SQLQueryString = """
            SELECT i.id, p.name, i.ended_at, COUNT(*) AS n FROM inspections i
            JOIN inspection_inspectors ii ON ii.inspection_id = i.id JOIN places p ON p.id = i.place_id
            JOIN inspection_items it ON it.inspection_id = i.id
            WHERE ii.user_id = \(bind: userId) AND i.ended_at IS NOT NULL AND i.cancelled_at IS NULL
              AND it.result = \(bind: ItemResult.fail.rawValue) AND it.hazard_id IS NULL
            GROUP BY i.id, p.name, i.ended_at ORDER BY i.ended_at DESC, i.id DESC LIMIT 50
            """
        return try await (db as! any SQLDatabase).raw(query).all().map { row in
            AwaitingHazards(id: try row.decode(column: "id", as: Int.self), placeName: try row.decode(column: "name", as: String.self),
                            endedAt: try row.decode(column: "ended_at", as: Date.self), items: try row.decode(column: "n", as: Int.self))
        }
    }

    /// Inspections the user may see: by grid scope, by own places, or as an inspector.
    static func scoped(for user: CurrentUser, on db: any Database) async throws -> QueryBuilder<InspectionRecord> {
        let query = InspectionRecord.query(on: db)
        guard let clauses = Permissions.placeScope(user.actor).clauses else { return query }
        let mine = try await InspectionInspectorRecord.query(on: db).filter(\.$user.$id == user.id).all().map(\.$inspection.id)
        query.group(.or) { or in
            for clause in clauses {
                switch clause {
                case let .subtrees(paths): or.filter(\.$gridPath, inAnySubtree: paths)
                case let .places(ids): or.filter(\.$place.$id ~~ Array(ids))
                // Inspections are not transferred, assigned or found: these reach none.
                case .transferredTo, .responsible, .discoveredBy: or.filter(.sql(unsafeRaw: "1 = 0"))
                }
            }
            if !mine.isEmpty { or.filter(\.$id ~~ mine) }
            or.filter(.sql(unsafeRaw: "1 = 0"))
        }
        return query
    }

    /// Filters: place, grid subtree, kind, night, campaign, inspector, started from/to (days).
    static func filtered(_ q: any URLQueryContainer, for user: CurrentUser, on db: any Database) async throws -> QueryBuilder<InspectionRecord> {
        let query = try await scoped(for: user, on: db)
        var errors = FieldErrors()
        func int(_ name: String) -> Int? {
            guard let raw = try? q.get(String.self, at: name), !raw.isEmpty else { return nil }
            guard let value = Int(raw) else { errors.add(name, "error.field.invalid"); return nil }
            return value
        }
        func day(_ name: String) -> CivilDate? {
            guard let raw = try? q.get(String.self, at: name), !raw.isEmpty else { return nil }
            guard let value = CivilDate(iso: raw) else { errors.add(name, "error.field.date"); return nil }
            return value
        }
        if let placeId = int("placeId") { query.filter(\.$place.$id == placeId) }
        if let gridId = int("gridId") {
            if let path = try await GridRecord.path(of: gridId, on: db) { query.filter(\.$gridPath, inSubtree: path) }
            else { errors.add("gridId", "error.field.unknown_grid") }
        }
        if let raw = try? q.get(String.self, at: "kind"), !raw.isEmpty,
           let kind = Choice.parse(InspectionKind.self, raw, "kind", &errors) {
            query.filter(\.$kind == kind)
        }
        if let raw = try? q.get(String.self, at: "night"), !raw.isEmpty { query.filter(\.$night == (raw == "true" || raw == "1")) }
        if let campaignId = int("campaignId") { query.filter(\.$campaignId == campaignId) }
        if let inspectorId = int("inspectorId") {
            let ids = try await InspectionInspectorRecord.query(on: db).filter(\.$user.$id == inspectorId).all().map(\.$inspection.id)
            query.filter(\.$id ~~ ids)
        }
        if let from = day("from") { query.filter(\.$startedAt >= from.start()) }
        if let to = day("to") { query.filter(\.$startedAt < to.adding(days: 1).start()) }
        if let raw = try? q.get(String.self, at: "finished"), !raw.isEmpty {
            // Not finished means still open: a cancelled inspection is over, not under way.
            if raw == "true" || raw == "1" { query.filter(\.$endedAt != nil) } else { query.filter(\.$endedAt == nil).filter(\.$cancelledAt == nil) }
        }
        if let raw = try? q.get(String.self, at: "cancelled"), !raw.isEmpty {
            if raw == "true" || raw == "1" { query.filter(\.$cancelledAt != nil) } else { query.filter(\.$cancelledAt == nil) }
        }
        try errors.throwIfAny()
        return query
    }

    static func dto(_ inspection: InspectionRecord, on db: any Database) async throws -> InspectionDTO {
        try await dtos([inspection], items: true, on: db)[0]
    }

    static func dtos(_ rows: [InspectionRecord], items withItems: Bool, on db: any Database) async throws -> [InspectionDTO] {
        let ids = rows.compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        let places = try await PlaceRecord.query(on: db).filter(\.$id ~~ Set(rows.map(\.$place.id))).all()
        let placeNames = Dictionary(uniqueKeysWithValues: places.compactMap { p in p.id.map { ($0, p.name) } })
        let links = try await InspectionInspectorRecord.query(on: db).filter(\.$inspection.$id ~~ ids).with(\.$user).sort(\.$id).all()
        var items: [Int: [InspectionItemDTO]] = [:]
        if withItems {
            let records = try await InspectionItemRecord.query(on: db).filter(\.$inspection.$id ~~ ids).sort(\.$position).all()
            let photos = try await InspectionPhotoRecord.query(on: db).filter(\.$inspection.$id ~~ ids).sort(\.$id).all()
            let photosByItem = Dictionary(grouping: photos, by: { $0.$item.id })
            for record in records {
                items[record.$inspection.id, default: []].append(
                    InspectionItemDTO(record, photos: photosByItem[record.id ?? 0]?.map(\.$attachment.id) ?? []))
            }
        }
        return rows.map { row in
            let inspectors = links.filter { $0.$inspection.id == row.id }.map {
                InspectorDTO(id: $0.$user.id, name: $0.user.displayName, role: $0.user.role)
            }
            return InspectionDTO(row, placeName: placeNames[row.$place.id] ?? "", inspectors: inspectors,
                                 items: withItems ? (items[row.id ?? 0] ?? []) : nil)
        }
    }
}
