import Fluent
import Foundation
import SafeGridDomain

/// Scores the units under a grid for a period and ranks them (平安考核). Units are the grid's
/// children (a township's villages and independent grids; a district's townships) or the
/// grid workers attached inside it. Nothing is stored: results are recomputed from the
/// ledger and the registers, and each names the indicator set version it used.
struct AssessmentService {
    let db: any Database
    let now: Date

    struct UnitResult: Sendable {
        let id: Int
        let name: String
        let facts: AssessmentFacts
        let result: AssessmentResult
        var rank: Int
    }

    /// The newest stored version for the target and period kind, else the shipped default.
    func indicatorSet(_ target: AssessmentTarget, _ kind: PeriodKind) async throws -> IndicatorSet {
        let row = try await IndicatorSetRecord.query(on: db).filter(\.$target == target).filter(\.$periodKind == kind)
            .sort(\.$version, .descending).first()
        return row?.set ?? IndicatorSet.defaults(target, kind)
    }

    func ranking(root: GridRecord, period: ReportPeriod, target: AssessmentTarget) async throws -> (IndicatorSet, [UnitResult]) {
        let set = try await indicatorSet(target, period.kind)
        let counts = try await AssessmentCounts.load(path: root.path, window: PeriodWindow(period, now: now), on: db)
        let units = try await self.units(root: root, target: target)
        let scored = units.map { unit in
            let facts = counts.facts(inAny: unit.paths)
            return UnitResult(id: unit.id, name: unit.name, facts: facts, result: Assessment.score(facts, with: set), rank: 0)
        }
        let ranks = Ranking.rank(scored.map { Ranking.Entry(id: $0.id, name: $0.name, score: $0.result.score, vetoed: $0.result.vetoed) })
        let byId = Dictionary(uniqueKeysWithValues: scored.map { ($0.id, $0) })
        return (set, ranks.compactMap { entry in byId[entry.id].map { var u = $0; u.rank = entry.rank; return u } })
    }

    /// One unit's results over several periods, oldest first.
    func history(grid: GridRecord, periods: [ReportPeriod]) async throws -> [(ReportPeriod, AssessmentResult)] {
        var list: [(ReportPeriod, AssessmentResult)] = []
        for period in periods {
            let set = try await indicatorSet(.village, period.kind)
            let counts = try await AssessmentCounts.load(path: grid.path, window: PeriodWindow(period, now: now), on: db)
            list.append((period, Assessment.score(counts.facts(inAny: [grid.path]), with: set)))
        }
        return list
    }

    private func units(root: GridRecord, target: AssessmentTarget) async throws -> [(id: Int, name: String, paths: [String])] {
        switch target {
        case .village:
            let children = try await GridRecord.query(on: db).filter(\.$parent.$id == root.requireID()).sort(\.$code).all()
            if children.isEmpty { return [(try root.requireID(), root.name, [root.path])] }
            return try children.map { (try $0.requireID(), $0.name, [$0.path]) }
        case .gridWorker:
            let links = try await UserGridRecord.query(on: db).with(\.$grid).with(\.$user).all()
            var byUser: [Int: (name: String, paths: [String])] = [:]
            for link in links where link.user.role == .gridWorker && link.user.active && link.grid.path.hasPrefix(root.path) {
                let id = try link.user.requireID()
                byUser[id, default: (link.user.displayName, [])].paths.append(link.grid.path)
            }
            return byUser.map { ($0.key, $0.value.name, $0.value.paths) }
        }
    }
}
