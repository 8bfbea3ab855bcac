import Fluent
import Foundation
import SafeGridDomain
import SQLKit
import Vapor

/// Synthetic data at township, district or province size for load tests and benchmarks:
/// grid trees with statistical codes, places across categories, users per role, and hazards
/// across states and ages with full event histories. Written with bulk INSERTs and explicit
/// ids; the same seed always gives the same data.
public enum DataScale: String, CaseIterable, Sendable {
    case township, district, province

    var sizes: ScaleSizes {
        switch self {
        case .township: ScaleSizes(districts: 1, townshipsPerDistrict: 1, places: 3_000, hazards: 30_000)
        case .district: ScaleSizes(districts: 1, townshipsPerDistrict: 12, places: 100_000, hazards: 1_000_000)
        case .province: ScaleSizes(districts: 10, townshipsPerDistrict: 12, places: 1_000_000, hazards: 10_000_000)
        }
    }
}

/// How much to generate; the named scales above, or a small custom size in tests.
struct ScaleSizes: Sendable {
    var districts: Int
    var townshipsPerDistrict: Int
    var villagesPerTownship = 25
    var groupsPerVillage = 3
    var places: Int
    var hazards: Int
}

public struct ScaleGenerator {
    let app: Application
    let scale: ScaleSizes
    let log: @Sendable (String) -> Void
    var random: SeededRandom
    let now: Date

    public static let password = "demo-2026"

    public init(app: Application, scale: DataScale, seed: UInt64, log: @escaping @Sendable (String) -> Void) {
        self.init(app: app, sizes: scale.sizes, seed: seed, log: log)
    }

    init(app: Application, sizes: ScaleSizes, seed: UInt64, log: @escaping @Sendable (String) -> Void) {
        self.app = app
        self.scale = sizes
        self.log = log
        self.random = SeededRandom(seed: seed)
        self.now = app.clock.now()
    }

    struct GridInfo {
        let id: Int
        let code: String
        let path: String
        let level: GridLevel
        let townshipIndex: Int
        let townshipId: Int
        let townshipCode: String
        /// The village (or independent grid) a place in this grid is patrolled from.
        let villageId: Int
        let independent: Bool
    }

    /// Fills an empty database; refuses one that already holds grids.
    public mutating func run() async throws {
        guard try await GridRecord.query(on: app.db).count() == 0 else {
            throw SafeGridError(.conflict, "error.generate.not_empty")
        }
        let sql = app.db as! any SQLDatabase
        let writer = BulkWriter(sql: sql)
        let started = Date()
        let grids = try await writeGrids(writer)
        let placeGrids = try await writePlaces(writer, grids: grids)
        let users = try await writeUsers(writer, grids: grids, places: placeGrids.count)
        try await writeHazards(writer, grids: grids, places: placeGrids, users: users)
        try await HazardTallies.rebuild(on: app.db)
        // Rows were written with explicit ids: move PostgreSQL's sequences past them (SQLite
        // takes the next rowid from the table itself).
        if sql.dialect.name == "postgresql" {
            _ = try await DataMigration.resetSequences(try await DataSchema.postgres(sql), sql)
        }
        // Fresh statistics, so the query planner knows the tables' new sizes.
        try await sql.raw("ANALYZE").run()
        log("done in \(Int(Date().timeIntervalSince(started))) s; every generated account has the password \(Self.password)")
    }

    // MARK: Grids

    mutating func writeGrids(_ writer: BulkWriter) async throws -> [GridInfo] {
        var grids: [GridInfo] = []
        var rows: [[any Encodable & Sendable]] = []
        func add(_ code: String, _ name: String, _ level: GridLevel, _ kind: GridKind, _ independent: IndependentGridType?, parent: GridInfo?, township: Int) {
            let id = grids.count + 1
            let townshipId = level == .township ? id : (parent?.townshipId ?? 0)
            let townshipCode = level == .township ? code : (parent?.townshipCode ?? "")
            let villageId = level == .group ? (parent?.id ?? id) : id
            let info = GridInfo(id: id, code: code, path: GridRules.path(parentPath: parent?.path, id: id), level: level, townshipIndex: township,
                                townshipId: townshipId, townshipCode: townshipCode, villageId: villageId, independent: kind == .independent)
            grids.append(info)
            rows.append([id, code, name, level.rawValue, kind.rawValue, independent?.rawValue, parent?.id, info.path, now])
        }
        var townshipIndex = 0
        for d in 0..<scale.districts {
            let districtCode = scale.districts == 1 ? "410106" : "4101" + String(format: "%02d", d + 1)
            add(districtCode, "演示区县\(d + 1)", .district, .territorial, nil, parent: nil, township: -1)
            let district = grids.last!
            for t in 0..<scale.townshipsPerDistrict {
                // 001–099 subdistricts, 100–199 towns: half and half.
                let townCode = districtCode + String(format: "%03d", t % 2 == 0 ? 100 + t : 1 + t)
                add(townCode, (t % 2 == 0 ? "演示镇" : "演示街道") + "\(d + 1)-\(t + 1)", .township, .territorial, nil, parent: district, township: townshipIndex)
                let township = grids.last!
                for v in 0..<scale.villagesPerTownship {
                    add(townCode + String(format: "%03d", 200 + v), "演示村\(t + 1)-\(v + 1)", .village, .territorial, nil, parent: township, township: townshipIndex)
                    let village = grids.last!
                    for g in 0..<scale.groupsPerVillage {
                        add(village.code + String(format: "%03d", g + 1), "\(v + 1)村\(g + 1)组", .group, .territorial, nil, parent: village, township: townshipIndex)
                    }
                }
                for (i, type) in IndependentGridType.allCases.enumerated() {
                    add(townCode + String(format: "%03d", 900 + i), "独立网格\(t + 1)-\(i + 1)", .village, .independent, type, parent: township, township: townshipIndex)
                }
                townshipIndex += 1
            }
        }
        try await writer.insert("grids", ["id", "code", "name", "level", "kind", "independent_type", "parent_id", "path", "created_at"], rows)
        log("grids: \(grids.count)")
        return grids
    }

    // MARK: Places

    /// Writes the places; returns each place's grid (index = place id - 1).
    mutating func writePlaces(_ writer: BulkWriter, grids: [GridInfo]) async throws -> [GridInfo] {
        let leaves = grids.filter { $0.level == .group || $0.independent }
        var placeGrids: [GridInfo] = []
        var rows: [[any Encodable & Sendable]] = []
        let categories = PlaceCategory.allCases
        for i in 0..<scale.places {
            let grid = random.pick(leaves)
            let category = categories[i % categories.count]
            placeGrids.append(grid)
            rows.append([i + 1, "场所\(i + 1)", category.rawValue, grid.id, grid.path, "地址\(grid.code)-\(i + 1)",
                         34.7 + Double.random(in: 0..<0.3, using: &random), 113.2 + Double.random(in: 0..<0.4, using: &random),
                         "联系人\(i + 1)", "138" + String(format: "%08d", i), nil as Int?, category == .industrialEnterprise && random.chance(0.3), "", now, now])
            if rows.count == 20_000 {
                try await writer.insert("places", Self.placeColumns, rows)
                rows.removeAll(keepingCapacity: true)
                log("places: \(i + 1)/\(scale.places)")
            }
        }
        try await writer.insert("places", Self.placeColumns, rows)
        log("places: \(scale.places)")
        return placeGrids
    }

    static let placeColumns = ["id", "name", "category", "grid_id", "grid_path", "address", "latitude", "longitude", "contact_name",
                               "contact_phone", "responsible_cadre_id", "above_scale", "tags", "created_at", "updated_at"]
}
