import Fluent
import FluentSQL
import SafeGridDomain
import SQLKit

/// `SELECT <columns>, COUNT(*) ... GROUP BY <columns>` over the filters of a Fluent query.
/// Fluent has no GROUP BY, and writing the scope again in SQLKit would give two versions of
/// who-sees-what; so the Fluent query is converted as the driver would, then regrouped.
extension QueryBuilder {
    func groupedCount(by columns: [String], extra: [(alias: String, expression: any SQLExpression)] = []) async throws -> [any SQLRow] {
        guard let sql = database as? any SQLDatabase else { throw SafeGridError(.unavailable, "error.internal") }
        var select = try sqlSelect()
        let table = Model.schema
        let grouped: [any SQLExpression] = columns.map { SQLColumn($0, table: table) }
        select.columns = grouped + extra.map { SQLAlias($0.expression, as: SQLIdentifier($0.alias)) }
            + [SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("n"))]
        // Output aliases in GROUP BY are accepted by SQLite and PostgreSQL alike.
        select.groupBy = grouped + extra.map { SQLIdentifier($0.alias) }
        select.orderBy = []
        select.limit = nil
        select.offset = nil
        let builder = SQLSelectBuilder(on: sql)
        builder.select = select
        return try await builder.all()
    }
}

extension QueryBuilder {
    /// `SELECT COUNT(*)` over the query's filters through SQLKit. Fluent's own `count()` walks
    /// the model's properties by reflection (fields, timestamps, soft delete) on every call,
    /// which was a sixteenth of a ledger request's CPU.
    func sqlCount() async throws -> Int {
        guard let sql = database as? any SQLDatabase else { throw SafeGridError(.unavailable, "error.internal") }
        var select = try sqlSelect()
        select.columns = [SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("n"))]
        select.orderBy = []
        select.limit = nil
        select.offset = nil
        let builder = SQLSelectBuilder(on: sql)
        builder.select = select
        return try await builder.first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// The query's filters and sorts as an SQLKit `SELECT`, for reads that choose their own
    /// columns and decode plain structs instead of models (`HazardReads`).
    func sqlSelect() throws -> SQLSelect {
        guard let select = SQLQueryConverter(delegate: PlainSQLDelegate()).convert(query) as? SQLSelect else {
            throw SafeGridError(.unavailable, "error.internal")
        }
        return select
    }
}

/// Reads need no dialect-specific types; the driver's own delegate only matters for schemas.
private struct PlainSQLDelegate: SQLConverterDelegate {
    func customDataType(_ dataType: DatabaseSchema.DataType) -> (any SQLExpression)? { nil }
}
