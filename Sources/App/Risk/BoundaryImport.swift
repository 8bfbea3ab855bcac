import Fluent
import Foundation
import SafeGridDomain
import SafeGridRendering
import Vapor

/// Grid boundaries from GeoJSON: `safegrid import boundaries FILE.geojson`, the API upload and
/// the admin page all come here. Each feature is matched to a grid by the code in one of its
/// properties; all matched grids are written in one transaction, or none when the file is bad.
public enum BoundaryImport {
    public struct Result: Sendable {
        public let updated: Int
        /// Codes of features that match no grid the caller may manage, and features without a code.
        public let unmatched: [String]
    }

    static func crs(_ raw: String?) throws(SafeGridError) -> CoordinateSystem {
        guard let raw, !raw.isEmpty else { return .wgs84 }
        guard let crs = CoordinateSystem(rawValue: raw.lowercased().replacingOccurrences(of: "-", with: "")) else {
            throw SafeGridError.invalid(field: "crs", "error.field.choice", args: ["wgs84, gcj02"])
        }
        return crs
    }

    /// For the command line: every grid may be written.
    public static func run(_ data: Data, property: String, crs raw: String?, on app: Application) async throws -> Result {
        try await run(data, property: property, crs: try crs(raw), by: nil, db: app.db, gate: app.writeGate, sqlite: app.isSQLite)
    }

    /// `actor` nil means the command line; otherwise only grids the actor manages are written.
    static func run(_ data: Data, property: String, crs: CoordinateSystem, by actor: Actor?,
                    db: any Database, gate: WriteGate, sqlite: Bool) async throws -> Result {
        if let actor, !RiskPermissions.mayUploadBoundaries(actor) { throw SafeGridError.forbidden }
        let features = try GeoJSON.features(data)
        return try await db.writeTransaction(gate: gate, sqlite: sqlite) { tx in
            var updated = 0
            var unmatched: [String] = []
            for (i, feature) in features.enumerated() {
                guard let code = feature.properties[property]?.trimmingCharacters(in: .whitespaces), !code.isEmpty else {
                    unmatched.append("#\(i + 1)")
                    continue
                }
                guard let grid = try await GridRecord.query(on: tx).filter(\.$code == code).first(),
                      actor.map({ Permissions.mayManage($0, gridPath: grid.path) }) ?? true else {
                    unmatched.append(code)
                    continue
                }
                grid.boundary = feature.shape.mapPoints(crs.toWGS84).geoJSON()
                try await grid.save(on: tx)
                updated += 1
            }
            return Result(updated: updated, unmatched: unmatched)
        }
    }
}
