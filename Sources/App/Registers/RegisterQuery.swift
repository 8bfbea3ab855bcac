import Fluent
import SafeGridDomain
import Vapor

/// Scoping and filters shared by the three registers: a user sees the rows of their grids'
/// subtrees (everything for an admin); `gridId`, `from` and `to` narrow the list.
enum RegisterQuery {
    static func scoped<M: Model>(_ query: QueryBuilder<M>, path: KeyPath<M, FieldProperty<M, String>>, actor: Actor) throws -> QueryBuilder<M> {
        guard RegisterPermissions.mayView(actor) else { throw SafeGridError.forbidden }
        if !actor.seesEverything { query.filter(path, inAnySubtree: actor.scopePaths) }
        return query
    }

    /// One activity or accident in the user's reach, with its grid; 404 otherwise.
    static func entry<R: VoidableRecord>(_ type: R.Type, _ id: Int, for actor: Actor, on db: any Database) async throws -> R {
        guard RegisterPermissions.mayView(actor), let record = try await R.find(id, on: db),
              actor.seesEverything || actor.covers(gridPath: record.gridPath) else { throw SafeGridError.notFound }
        return record
    }

    /// Applies `gridId`, `from`, `to` (days, both included) from the query string.
    static func filtered<M: Model>(_ query: QueryBuilder<M>, _ q: any URLQueryContainer, path: KeyPath<M, FieldProperty<M, String>>,
                                   day: KeyPath<M, FieldProperty<M, String>>, on db: any Database) async throws -> QueryBuilder<M> {
        var errors = FieldErrors()
        for (name, isFrom) in [("from", true), ("to", false)] {
            guard let raw = try? q.get(String.self, at: name), !raw.isEmpty else { continue }
            guard let d = CivilDate(iso: raw), raw.count == 10 else { errors.add(name, "error.field.date"); continue }
            if isFrom { query.filter(day >= d.description) } else { query.filter(day <= d.description) }
        }
        try errors.throwIfAny()
        if let raw = try? q.get(String.self, at: "gridId"), !raw.isEmpty {
            guard let id = Int(raw), let gridPath = try await GridRecord.path(of: id, on: db) else {
                throw SafeGridError.invalid(field: "gridId", "error.field.unknown_grid")
            }
            query.filter(path, inSubtree: gridPath)
        }
        return query
    }

    static func choice<E: RawRepresentable & CaseIterable>(_ type: E.Type, _ q: any URLQueryContainer, _ name: String) throws -> E?
    where E.RawValue == String {
        guard let raw = try? q.get(String.self, at: name), !raw.isEmpty else { return nil }
        var errors = FieldErrors()
        let value = Choice.parse(type, raw, name, &errors)
        try errors.throwIfAny()
        return value
    }
}
