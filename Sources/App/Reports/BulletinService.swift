import Fluent
import Foundation
import SafeGridDomain
import SQLKit

/// What a stored bulletin holds beside its texts: the facts, the ranking of the units below
/// the grid, and campaign progress, as they were when it was generated.
struct BulletinContent: Codable, Sendable {
    struct RankRow: Codable, Sendable {
        let rank: Int
        let name: String
        let score: Int?
        let grade: AssessmentGrade
        let vetoed: Bool
    }

    struct CampaignRow: Codable, Sendable {
        let name: String
        let tasks: Int
        let done: Int
    }

    var facts: BulletinFacts
    var ranking: [RankRow]
    var campaigns: [CampaignRow]
}

/// Generates bulletins (日调度、周通报、月例会) for a grid subtree and period and stores them,
/// one per grid and period; generating again replaces the stored one.
struct BulletinService {
    let db: any Database
    let now: Date
    /// The writer behind the gate on SQLite.
    var writes = WritePath.joined

    func generate(grid: GridRecord, period: ReportPeriod, by userId: Int?) async throws -> BulletinRecord {
        let window = PeriodWindow(period, now: now)
        let (facts, overdue) = try await BulletinCounts.load(path: grid.path, window: window, on: db)
        var ranking: [BulletinContent.RankRow] = []
        if period.kind != .custom {
            let (_, units) = try await AssessmentService(db: db, now: now).ranking(root: grid, period: period, target: .village)
            if units.count > 1 {
                ranking = units.map { .init(rank: $0.rank, name: $0.name, score: $0.result.score, grade: $0.result.grade, vetoed: $0.result.vetoed) }
            }
        }
        let content = BulletinContent(facts: facts, ranking: ranking, campaigns: try await campaigns(grid: grid, window: window))
        let figures = BulletinFigures(facts)

        let record = try await BulletinRecord.query(on: db).filter(\.$grid.$id == grid.requireID()).filter(\.$period == period.code).first()
            ?? BulletinRecord()
        record.$grid.id = try grid.requireID()
        record.gridPath = grid.path
        record.period = period.code
        record.periodKind = period.kind
        record.startOn = period.start.description
        record.endOn = period.end.description
        record.facts = String(decoding: try JSONEncoder().encode(content), as: UTF8.self)
        record.overdue = String(decoding: try JSONEncoder().encode(overdue), as: UTF8.self)
        record.textZh = BulletinText.compose(figures, grid: grid.name, period: period, asOf: window.statedDay, .zhHans)
        record.textEn = BulletinText.compose(figures, grid: grid.name, period: period, asOf: window.statedDay, .en)
        record.generatedAt = now
        record.generatedById = userId
        record.trailAnchor = try await TrailAnchor.current(on: db)
        do {
            try await writes.transaction(on: db) { tx in try await record.save(on: tx) }
        } catch where record.id == nil {
            // Another instance stored the same bulletin a moment ago: the unique key on
            // (grid, period) refused ours; theirs has the same figures.
            guard let theirs = try await BulletinRecord.query(on: db).filter(\.$grid.$id == grid.requireID())
                .filter(\.$period == period.code).first() else { throw error }
            return theirs
        }
        return record
    }

    /// Campaigns over the grid or above it that overlap the period, with their task counts.
    private func campaigns(grid: GridRecord, window w: PeriodWindow) async throws -> [BulletinContent.CampaignRow] {
        let sql = db as! any SQLDatabase
        struct Row: Decodable { let name: String; let grid_path: String; let tasks: Int; let done: Int }
        let rows = try await sql.raw("""
            SELECT c.name AS name, c.grid_path AS grid_path, COUNT(t.id) AS tasks,
                   CAST(COALESCE(SUM(CASE WHEN t.completed_on IS NOT NULL AND t.completed_on <= \(bind: w.statedDay.description) THEN 1 ELSE 0 END), 0) AS BIGINT) AS done
            FROM campaigns c LEFT JOIN campaign_tasks t ON t.campaign_id = c.id
            WHERE c.start_date <= \(bind: w.endDay) AND c.end_date >= \(bind: w.startDay)
            GROUP BY c.id, c.name, c.grid_path ORDER BY c.start_date, c.id
            """).all(decoding: Row.self)
        // A campaign applies here when it covers the grid (an ancestor) or runs inside it.
        return rows.filter { grid.path.hasPrefix($0.grid_path) || $0.grid_path.hasPrefix(grid.path) }
            .map { .init(name: $0.name, tasks: $0.tasks, done: $0.done) }
    }
}

extension BulletinRecord {
    var content: BulletinContent? { try? JSONDecoder().decode(BulletinContent.self, from: Data(facts.utf8)) }
    var overdueRows: [BulletinCounts.OverdueRow] {
        (try? JSONDecoder().decode([BulletinCounts.OverdueRow].self, from: Data(overdue.utf8))) ?? []
    }
}
