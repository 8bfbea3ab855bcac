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

    /// Stores a new version of a set (the weights are required; the other fields left out keep
    /// the current version's value).
    func saveIndicatorSet(_ body: IndicatorSetRequest, by user: CurrentUser, writes: WritePath) async throws -> IndicatorSet {
        guard RegisterPermissions.mayEditIndicatorSets(user.actor) else { throw SafeGridError.forbidden }
        var errors = FieldErrors()
        let target = Choice.parse(AssessmentTarget.self, body.target, "target", &errors)
        let kind = Choice.parse(PeriodKind.self, body.periodKind, "periodKind", &errors)
        if kind == .custom { errors.add("periodKind", "error.assessment.custom_period") }
        var weights: [Indicator: Int] = [:]
        if body.weights == nil { errors.add("weights", "error.field.required") }
        for (key, w) in body.weights ?? [:] {
            if let i = Indicator(rawValue: key) { weights[i] = w } else { errors.add("weights.\(key)", "error.field.invalid") }
        }
        try errors.throwIfAny()
        let current = try await indicatorSet(target!, kind!)
        let set = IndicatorSet(version: current.version + 1, target: target!, periodKind: kind!,
                               weights: weights,
                               activityTarget: body.activityTarget ?? current.activityTarget,
                               excellentFrom: body.excellentFrom ?? current.excellentFrom, goodFrom: body.goodFrom ?? current.goodFrom,
                               passFrom: body.passFrom ?? current.passFrom)
        let problems = set.validationErrors()
        if !problems.isEmpty { throw SafeGridError.invalid(problems) }
        let record = IndicatorSetRecord()
        record.target = set.target; record.periodKind = set.periodKind; record.version = set.version
        let stored = Dictionary(uniqueKeysWithValues: set.weights.map { ($0.key.rawValue, $0.value) })
        record.weights = String(decoding: try JSONEncoder().encode(stored), as: UTF8.self)
        record.activityTarget = set.activityTarget; record.excellentFrom = set.excellentFrom; record.goodFrom = set.goodFrom
        record.passFrom = set.passFrom; record.createdById = user.id
        do {
            try await writes.transaction(on: db) { tx in try await record.create(on: tx) }
        } catch {
            // Two administrators saved at once: the unique (target, kind, version) kept the first.
            throw SafeGridError.staleVersion
        }
        return set
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
