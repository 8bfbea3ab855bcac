import Fluent
import FluentSQL
import SafeGridDomain
import SQLKit

extension QueryBuilder {
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
