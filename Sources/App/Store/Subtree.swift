import Fluent
import SafeGridDomain

/// "Lies in the subtree of a grid" as a range over the materialised path: every path below
/// `/1/4/` sorts between `/1/4/` and `/1/4/~` (paths hold only digits and slashes, and `~`
/// sorts after both). Unlike `LIKE 'x%'`, a range uses the path index on SQLite and on
/// PostgreSQL alike; PostgreSQL compares these columns with the "C" collation (migration 002),
/// so the order is by bytes as on SQLite.
enum Subtree {
    static func upperBound(_ path: String) -> String { path + "~" }
}

extension QueryBuilder {
    /// Rows whose path column lies in the subtree rooted at `path`.
    @discardableResult
    func filter(_ field: KeyPath<Model, FieldProperty<Model, String>>, inSubtree path: String) -> Self {
        group(.and) { $0.filter(field >= path).filter(field < Subtree.upperBound(path)) }
    }

    /// Rows in any of the subtrees (nothing when `paths` is empty).
    @discardableResult
    func filter(_ field: KeyPath<Model, FieldProperty<Model, String>>, inAnySubtree paths: [String]) -> Self {
        group(.or) { group in
            for path in paths { group.filter(field, inSubtree: path) }
            if paths.isEmpty { group.filter(.sql(unsafeRaw: "1 = 0")) }
        }
    }
}
