import Fluent
import Foundation
import SafeGridDomain
import SQLKit
import Vapor

/// Risk tables and assessments: drafts, approval (which sets the place's current level in
/// the same transaction), and the facts the shown level needs.
struct RiskService {
    let db: any Database
    let gate: WriteGate
    let sqlite: Bool
    let now: Date

    init(req: Request) {
        db = req.db; gate = req.application.writeGate; sqlite = req.application.isSQLite; now = req.now
    }

    init(app: Application, now: Date? = nil) {
        db = app.db; gate = app.writeGate; sqlite = app.isSQLite; self.now = now ?? app.clock.now()
    }

    // MARK: tables

    /// The current (highest) version of a method's table.
    static func currentTable(_ method: RiskMethod, on db: any Database) async throws -> RiskTable {
        let row = try await RiskTableRecord.query(on: db).filter(\.$method == method).sort(\.$version, .descending).first()
        return try row?.table() ?? RiskTable.defaultTable(method)
    }

    /// Every version of every method, oldest first (version 1 is the shipped default).
    static func allTables(on db: any Database) async throws -> [RiskTable] {
        let rows = try await RiskTableRecord.query(on: db).sort(\.$method).sort(\.$version).all()
        return try RiskMethod.allCases.flatMap { method in
            [RiskTable.defaultTable(method)] + (try rows.filter { $0.method == method }.map { try $0.table() })
        }
    }

    /// Adds the next version of a method's table; earlier assessments keep theirs.
    func publish(method: RiskMethod, factors: [RiskFactor]?, bands: RiskBands, by user: CurrentUser) async throws -> RiskTable {
        guard RiskPermissions.mayEditTables(user.actor) else { throw SafeGridError.forbidden }
        return try await db.writeTransaction(gate: gate, sqlite: sqlite) { tx in
            var table = try await Self.currentTable(method, on: tx)
            table.version += 1
            if let factors { table.factors = factors }
            table.bands = bands
            let problems = table.validate()
            guard problems.isEmpty else { throw SafeGridError.invalid(problems) }
            try await RiskTableRecord(table, by: user.id).create(on: tx)
            return table
        }
    }

    // MARK: assessments

    /// Scores and stores a draft with the method's current table.
    func assess(_ place: PlaceRecord, method: RiskMethod, inputs: [String: Double], note: String?, by user: CurrentUser) async throws -> RiskAssessmentRecord {
        let placeId = try place.requireID()
        guard RiskPermissions.mayAssess(user.actor, gridPath: place.gridPath, placeId: placeId) else { throw SafeGridError.forbidden }
        let now = self.now
        return try await db.writeTransaction(gate: gate, sqlite: sqlite) { tx in
            let table = try await Self.currentTable(method, on: tx)
            let result = try table.assess(inputs)
            let record = RiskAssessmentRecord()
            record.$place.id = placeId
            record.gridPath = place.gridPath
            record.method = method
            record.tableVersion = result.tableVersion
            record.inputs = try JSONCoding.string(inputs)
            record.score = result.score
            record.level = result.level
            record.controlLevel = result.controlLevel
            record.state = .draft
            record.note = note.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : String($0.prefix(2000)) }
            record.$assessedBy.id = user.id
            record.assessedAt = now
            try await record.create(on: tx)
            return record
        }
    }

    /// Approves a draft; the place's current level becomes this assessment's level.
    /// Of two simultaneous approvals one wins, the other gets 409.
    func approve(_ assessment: RiskAssessmentRecord, by user: CurrentUser) async throws -> RiskAssessmentRecord {
        let id = try assessment.requireID()
        guard RiskPermissions.mayApprove(user.actor, gridPath: assessment.gridPath, assessedById: assessment.$assessedBy.id) else {
            throw assessment.$assessedBy.id == user.id ? SafeGridError(.forbidden, "error.risk.self_approval") : SafeGridError.forbidden
        }
        let now = self.now
        return try await db.writeTransaction(gate: gate, sqlite: sqlite) { tx in
            struct Row: Decodable { let id: Int }
            // Claim the draft first: the row lock (PostgreSQL) or the single writer (SQLite)
            // lets exactly one of two approvals match it.
            let claimed = try await (tx as! any SQLDatabase).raw("""
                UPDATE risk_assessments SET state = \(bind: AssessmentState.approved.rawValue)
                WHERE id = \(bind: id) AND state = \(bind: AssessmentState.draft.rawValue) RETURNING id
                """).first(decoding: Row.self)
            guard claimed != nil, let record = try await RiskAssessmentRecord.find(id, on: tx) else {
                throw SafeGridError(.conflict, "error.risk.not_draft")
            }
            record.$approvedBy.id = user.id
            record.approvedAt = now
            try await record.save(on: tx)
            try await PlaceRecord.query(on: tx).filter(\.$id == record.$place.id).set(\.$riskLevel, to: record.level).update()
            return record
        }
    }

    // MARK: shown levels

    /// Places among `placeIds` with an open major hazard.
    static func placesWithOpenMajorHazard(_ placeIds: [Int], on db: any Database) async throws -> Set<Int> {
        guard !placeIds.isEmpty else { return [] }
        let hazards = try await HazardReads.openMajorHazards(HazardSelection().and("hazards.place_id IN (\(binds: placeIds))"), on: db)
        return Set(hazards.compactMap(\.placeId))
    }
}
