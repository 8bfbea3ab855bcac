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

/// Which hazards a read takes and in which order: the user's scope and the ledger filter as
/// SQL over `hazards` (`HazardStore` is SQLKit throughout). Conditions are joined with AND.
struct HazardSelection: @unchecked Sendable {
    // SQLQueryString holds only expressions and binds built here; not marked Sendable by SQLKit.
    var conditions: [SQLQueryString] = []
    var order: SQLQueryString = "hazards.id DESC"

    func and(_ condition: SQLQueryString) -> HazardSelection {
        var narrowed = self
        narrowed.conditions.append(condition)
        return narrowed
    }

    var predicate: SQLQueryString {
        guard var joined = conditions.first.map({ "(\($0))" as SQLQueryString }) else { return "1 = 1" }
        for condition in conditions.dropFirst() { joined += " AND (\(condition))" }
        return joined
    }
}

enum HazardQuery {
    /// Hazards the user may see, narrowed by the filter. Scope is applied in SQL so that
    /// counts and pages never include what the user cannot open.
    static func scoped(_ filter: HazardFilter, for user: CurrentUser, today: CivilDate, on db: any Database) async throws -> HazardSelection {
        var selection = HazardSelection()
        if let scope = scope(user.actor) { selection.conditions.append(scope) }
        if let gridId = filter.gridId {
            guard let path = try await GridRecord.path(of: gridId, on: db) else { throw SafeGridError.invalid(field: "gridId", "error.field.unknown_grid") }
            selection.conditions.append(subtree(path))
        }
        if !filter.states.isEmpty { selection.conditions.append("hazards.state IN (\(binds: filter.states.map(\.rawValue)))") }
        if let c = filter.category { selection.conditions.append("hazards.category = \(bind: c.rawValue)") }
        if let g = filter.grade { selection.conditions.append("hazards.grade = \(bind: g.rawValue)") }
        if let s = filter.source { selection.conditions.append("hazards.source = \(bind: s.rawValue)") }
        if let p = filter.placeId { selection.conditions.append("hazards.place_id = \(bind: p)") }
        let rectifying = HazardState.rectifying.rawValue
        switch filter.overdue {
        case true?:
            selection.conditions.append("hazards.state = \(bind: rectifying) AND hazards.deadline < \(bind: today.description)")
        case false?:
            selection.conditions.append(
                "hazards.state <> \(bind: rectifying) OR hazards.deadline IS NULL OR hazards.deadline >= \(bind: today.description)")
        case nil:
            break
        }
        if let text = filter.text {
            let pattern = "%" + escapeLike(text) + "%"
            selection.conditions.append("""
                hazards.title LIKE \(bind: pattern) ESCAPE '\\' OR hazards.number LIKE \(bind: pattern) ESCAPE '\\' \
                OR hazards.description LIKE \(bind: pattern) ESCAPE '\\'
                """)
        }
        if let from = filter.from { selection.conditions.append("hazards.discovered_at >= \(bind: startOfDay(from))") }
        if let to = filter.to { selection.conditions.append("hazards.discovered_at < \(bind: startOfDay(to.adding(days: 1)))") }
        let direction: SQLQueryString = filter.descending ? "DESC" : "ASC"
        switch filter.sort {
        case .number: selection.order = "hazards.number \(direction)"
        case .discoveredAt: selection.order = "hazards.discovered_at \(direction)"
        case .deadline:
            // Hazards without a deadline last, whichever way: SQLite puts NULL first and
            // PostgreSQL last, so the order is stated rather than left to the engine.
            selection.order = "CASE WHEN hazards.deadline IS NULL THEN 1 ELSE 0 END, hazards.deadline \(direction)"
        case .state: selection.order = "hazards.state \(direction)"
        case .title: selection.order = "hazards.title \(direction)"
        }
        selection.order += ", hazards.id \(direction)"
        return selection
    }

    /// `Permissions.hazardScope` as SQL: each clause of the domain's scope becomes one branch
    /// of an OR; nil when the actor sees every hazard.
    static func scope(_ actor: Actor) -> SQLQueryString? {
        guard let clauses = Permissions.hazardScope(actor).clauses else { return nil }
        if clauses.count == 1, case let .subtrees(paths) = clauses[0], paths.count == 1 { return subtree(paths[0]) }
        var branches: [SQLQueryString] = []
        for clause in clauses {
            switch clause {
            case let .subtrees(paths): branches += paths.map(subtree)
            case let .places(ids):
                if !ids.isEmpty { branches.append("hazards.place_id IN (\(binds: ids.sorted()))") }
            case let .transferredTo(department): branches.append("hazards.transferred_to = \(bind: department.rawValue)")
            case let .responsible(userId): branches.append("hazards.responsible_user_id = \(bind: userId)")
            case let .discoveredBy(userId): branches.append("hazards.discovered_by_id = \(bind: userId)")
            }
        }
        var any: SQLQueryString = "1 = 0"
        for branch in branches { any += " OR (\(branch))" }
        return any
    }

    /// Hazards below a grid. A township's subtree is exactly its `township_id`, an equality
    /// that the ledger indexes keep in page order; deeper and higher grids use the path range
    /// (`Subtree`).
    static func subtree(_ path: String) -> SQLQueryString {
        let grid = GridPath(path)
        if grid.isTownship, let township = grid.townshipId { return "hazards.township_id = \(bind: township)" }
        return "hazards.grid_path >= \(bind: path) AND hazards.grid_path < \(bind: Subtree.upperBound(path))"
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
