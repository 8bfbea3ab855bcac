import Fluent
import FluentSQL
import Foundation
import SafeGridDomain
import SQLKit
import Vapor

/// Ledger filters (台账筛选), shared by the API list, the ledger page and its CSV export.
struct HazardFilter: Sendable {
    var states: [HazardState] = []
    var gridId: Int?
    var category: HazardCategory?
    var grade: HazardGrade?
    var source: HazardSource?
    var overdue: Bool?
    var text: String?
    var from: CivilDate?
    var to: CivilDate?
    var placeId: Int?
    var sort: Sort = .discoveredAt
    var descending = true

    enum Sort: String, CaseIterable, Sendable {
        case number, discoveredAt, deadline, state, title
    }

    /// Reads the filter from query parameters; bad values are field errors (400), not ignored.
    init(query: any URLQueryContainer) throws(SafeGridError) {
        var errors = FieldErrors()
        let values = QueryValues(query)
        func text(_ key: String) -> String? {
            values[key].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        }
        if let raw = text("state") {
            for part in raw.split(separator: ",") {
                if let s = HazardState(rawValue: String(part)) { states.append(s) }
                else { errors.add("state", "error.field.choice", args: [HazardState.allCases.map(\.rawValue).joined(separator: ", ")]) }
            }
        }
        if let raw = text("gridId") { gridId = Int(raw); if gridId == nil { errors.add("gridId", "error.field.invalid") } }
        if let raw = text("placeId") { placeId = Int(raw); if placeId == nil { errors.add("placeId", "error.field.invalid") } }
        if let raw = text("category") { category = Choice.parse(HazardCategory.self, raw, "category", &errors) }
        if let raw = text("grade") { grade = Choice.parse(HazardGrade.self, raw, "grade", &errors) }
        if let raw = text("source") { source = Choice.parse(HazardSource.self, raw, "source", &errors) }
        if let raw = text("overdue") {
            switch raw { case "true", "1", "on": overdue = true; case "false", "0": overdue = false; default: errors.add("overdue", "error.field.invalid") }
        }
        self.text = text("q").map { String($0.prefix(100)) }
        if let raw = text("from") { from = CivilDate(iso: raw); if from == nil { errors.add("from", "error.field.date") } }
        if let raw = text("to") { to = CivilDate(iso: raw); if to == nil { errors.add("to", "error.field.date") } }
        if let raw = text("sort") {
            let key = raw.hasPrefix("-") ? String(raw.dropFirst()) : raw
            if let s = Sort(rawValue: key) { sort = s; descending = raw.hasPrefix("-") }
            else { errors.add("sort", "error.field.choice", args: [Sort.allCases.map(\.rawValue).joined(separator: ", ")]) }
        }
        try errors.throwIfAny()
    }

    init() {}
}

struct Page: Sendable {
    var limit: Int
    var offset: Int

    init(query: any URLQueryContainer, defaultLimit: Int = 50) throws(SafeGridError) {
        var errors = FieldErrors()
        limit = defaultLimit
        offset = 0
        let values = QueryValues(query)
        if let n = InputBounds.int(values["limit"], in: InputBounds.listLimit, field: "limit", into: &errors) { limit = n }
        if let n = InputBounds.int(values["offset"], in: InputBounds.offset, field: "offset", into: &errors) { offset = n }
        try errors.throwIfAny()
    }

    init(limit: Int, offset: Int) { self.limit = limit; self.offset = offset }
}

/// The query string's values, parsed once. Vapor parses the whole string again for every
/// `query.get(_:at:)`, and a ledger filter asks for a dozen keys per request.
struct QueryValues {
    private let values: [String: String]?
    private let query: any URLQueryContainer

    init(_ query: any URLQueryContainer) {
        self.query = query
        // A key given twice does not fit a flat dictionary; such queries are read key by key.
        values = try? query.decode([String: String].self)
    }

    subscript(key: String) -> String? {
        if let values { return values[key] }
        return try? query.get(String.self, at: key)
    }
}

enum HazardQuery {
    /// Hazards the user may see, narrowed by the filter. Scope is applied in SQL so that
    /// counts and pages never include what the user cannot open.
    static func scoped(_ filter: HazardFilter, for user: CurrentUser, today: CivilDate, on db: any Database) async throws -> QueryBuilder<HazardRecord> {
        let query = HazardRecord.query(on: db)
        applyScope(query, actor: user.actor)
        if let gridId = filter.gridId {
            guard let grid = try await GridRecord.find(gridId, on: db) else { throw SafeGridError.invalid(field: "gridId", "error.field.unknown_grid") }
            subtree(query, grid.path)
        }
        if !filter.states.isEmpty { query.filter(\.$state ~~ filter.states) }
        if let c = filter.category { query.filter(\.$category == c) }
        if let g = filter.grade { query.filter(\.$grade == g) }
        if let s = filter.source { query.filter(\.$source == s) }
        if let p = filter.placeId { query.filter(\.$place.$id == p) }
        switch filter.overdue {
        case true?:
            query.filter(\.$state == .rectifying).filter(\.$deadline < today.description)
        case false?:
            query.group(.or) { $0.filter(\.$state != .rectifying).filter(\.$deadline == nil).filter(\.$deadline >= today.description) }
        case nil:
            break
        }
        if let text = filter.text {
            query.group(.or) {
                $0.filter(Self.contains(HazardRecord.schema, "title", text))
                    .filter(Self.contains(HazardRecord.schema, "number", text))
                    .filter(Self.contains(HazardRecord.schema, "description", text))
            }
        }
        if let from = filter.from { query.filter(\.$discoveredAt >= startOfDay(from)) }
        if let to = filter.to { query.filter(\.$discoveredAt < startOfDay(to.adding(days: 1))) }
        let direction: DatabaseQuery.Sort.Direction = filter.descending ? .descending : .ascending
        switch filter.sort {
        case .number: query.sort(\.$number, direction)
        case .discoveredAt: query.sort(\.$discoveredAt, direction)
        case .deadline:
            // Hazards without a deadline last, whichever way: SQLite puts NULL first and
            // PostgreSQL last, so the order is stated rather than left to the engine.
            query.sort(DatabaseQuery.Sort.sql(unsafeRaw: "CASE WHEN \"hazards\".\"deadline\" IS NULL THEN 1 ELSE 0 END"))
            query.sort(\.$deadline, direction)
        case .state: query.sort(\.$state, direction)
        case .title: query.sort(\.$title, direction)
        }
        query.sort(\.$id, direction)
        return query
    }

    /// `Permissions.hazardScope` as SQL: each clause of the domain's scope becomes one branch.
    static func applyScope(_ query: QueryBuilder<HazardRecord>, actor: Actor) {
        guard let clauses = Permissions.hazardScope(actor).clauses else { return }
        if clauses.count == 1, case let .subtrees(paths) = clauses[0], paths.count == 1 { return subtree(query, paths[0]) }
        query.group(.or) { group in
            for clause in clauses {
                switch clause {
                case let .subtrees(paths): for path in paths { subtree(group, path) }
                case let .places(ids): group.filter(\.$place.$id ~~ Array(ids))
                case let .transferredTo(department): group.filter(\.$transferredTo == department)
                case let .responsible(userId): group.filter(\.$responsibleUserId == userId)
                case let .discoveredBy(userId): group.filter(\.$discoveredBy.$id == userId)
                }
            }
            group.filter(.sql(unsafeRaw: "1 = 0"))
        }
    }

    /// Hazards below a grid. A township's subtree is exactly its `township_id`, an equality
    /// that the ledger indexes keep in page order; deeper and higher grids use the path range.
    static func subtree(_ query: QueryBuilder<HazardRecord>, _ path: String) {
        let grid = GridPath(path)
        if grid.isTownship, let township = grid.townshipId {
            query.filter(\.$township.$id == township)
        } else {
            query.filter(\.$gridPath, inSubtree: path)
        }
    }

    /// `table.column` contains `text` literally: `%`, `_` and `\` in it are escaped, so
    /// searching for "100%" or "A_1" finds exactly that (the same on SQLite and PostgreSQL).
    static func contains(_ table: String, _ column: String, _ text: String) -> DatabaseQuery.Filter {
        .sql(SQLBinaryExpression(left: SQLColumn(column, table: table), op: SQLRaw("LIKE"),
                                 right: SQLList([SQLBind("%" + escapeLike(text) + "%"), SQLRaw("ESCAPE '\\'")], separator: SQLRaw(" "))))
    }

    static func escapeLike(_ text: String) -> String {
        var out = ""
        for ch in text {
            if ch == "%" || ch == "_" || ch == "\\" { out.append("\\") }
            out.append(ch)
        }
        return out
    }

    /// Midnight China time of a civil date, as an instant.
    static func startOfDay(_ date: CivilDate) -> Date {
        Date(timeIntervalSince1970: Double(date.dayNumber * 86_400 - CivilDate.chinaOffset))
    }
}
