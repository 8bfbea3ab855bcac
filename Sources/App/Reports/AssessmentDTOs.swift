import Foundation
import SafeGridDomain
import Vapor

struct IndicatorSetDTO: Content {
    let version: Int
    let target: AssessmentTarget
    let periodKind: PeriodKind
    let weights: [String: Int]
    let activityTarget: Int
    let excellentFrom: Int
    let goodFrom: Int
    let passFrom: Int

    init(_ s: IndicatorSet) {
        version = s.version; target = s.target; periodKind = s.periodKind
        weights = Dictionary(uniqueKeysWithValues: Indicator.allCases.map { ($0.rawValue, s.weights[$0] ?? 0) })
        activityTarget = s.activityTarget; excellentFrom = s.excellentFrom; goodFrom = s.goodFrom; passFrom = s.passFrom
    }
}

struct IndicatorSetRequest: Content {
    var target: String?
    var periodKind: String?
    var weights: [String: Int]?
    var activityTarget: Int?
    var excellentFrom: Int?
    var goodFrom: Int?
    var passFrom: Int?
}

struct AssessmentLineDTO: Content {
    let indicator: Indicator
    let weight: Int
    /// Per mille; null when there was nothing to measure.
    let value: Int?
    let score: Int?
}

struct AssessmentUnitDTO: Content {
    let rank: Int
    let id: Int
    let name: String
    /// Tenths of a point (0–1000); `points` is the same as text ("87.5").
    let score: Int?
    let points: String?
    let grade: AssessmentGrade
    let vetoed: Bool
    let indicators: [AssessmentLineDTO]
    let facts: AssessmentFacts

    init(_ u: AssessmentService.UnitResult) {
        rank = u.rank; id = u.id; name = u.name; score = u.result.score; points = u.result.score.map(Assessment.points)
        grade = u.result.grade; vetoed = u.result.vetoed; facts = u.facts
        indicators = u.result.lines.map { AssessmentLineDTO(indicator: $0.indicator, weight: $0.weight, value: $0.value, score: $0.score) }
    }
}

struct AssessmentDTO: Content {
    let period: String
    let periodKind: PeriodKind
    let start: String
    let end: String
    let gridId: Int
    let gridName: String
    let target: AssessmentTarget
    let indicatorSet: IndicatorSetDTO
    let units: [AssessmentUnitDTO]
}

struct AssessmentHistoryDTO: Content {
    struct Item: Content {
        let period: String
        let score: Int?
        let points: String?
        let grade: AssessmentGrade
        let vetoed: Bool
        let setVersion: Int
    }

    let gridId: Int
    let gridName: String
    let items: [Item]
}

struct BulletinRequest: Content {
    var gridId: Int?
    var period: String?
}

struct BulletinFiguresDTO: Content {
    let visitsByGroup: [String: Int]
    let visitsByCategory: [String: Int]
    let totalVisits: Int
    let nightChecks: Int
    let selfInspections: Int
    let expertInspections: Int
    let hazardsFound: Int
    let hazardsRectified: Int
    let hazardsOpen: Int
    let hazardsOverdue: Int
    let majorFound: Int
    let majorOpen: Int
    let reportsReceived: Int
    let reportsHandled: Int
    let activities: [String: ActivityTally]
    let drills: Int
    let lectures: Int
    let peopleReached: Int
    let accidents: Int
    let liabilityAccidents: Int

    init(_ f: BulletinFacts) {
        let figures = BulletinFigures(f)
        visitsByGroup = Dictionary(uniqueKeysWithValues: VisitGroup.allCases.map { g in
            (g.rawValue, figures.visitsByGroup.first { $0.group == g }?.visits ?? 0)
        })
        visitsByCategory = Dictionary(uniqueKeysWithValues: f.visits.map { ($0.key.rawValue, $0.value) })
        totalVisits = figures.totalVisits; nightChecks = f.nightChecks
        selfInspections = f.selfInspections; expertInspections = f.expertInspections
        hazardsFound = f.hazardsFound; hazardsRectified = f.hazardsRectified; hazardsOpen = f.hazardsOpen
        hazardsOverdue = f.hazardsOverdue; majorFound = f.majorFound; majorOpen = f.majorOpen
        reportsReceived = f.reportsReceived; reportsHandled = f.reportsHandled
        activities = Dictionary(uniqueKeysWithValues: ActivityKind.allCases.map { ($0.rawValue, figures.activity($0)) })
        drills = figures.activity(.drill).count; lectures = figures.activity(.lecture).count
        peopleReached = figures.outreach.people; accidents = f.accidents; liabilityAccidents = f.liabilityAccidents
    }
}

struct BulletinSummaryDTO: Content {
    let id: Int
    let gridId: Int
    let period: String
    let periodKind: PeriodKind
    let start: String
    let end: String
    let generatedAt: Date
    let textZh: String

    init(_ r: BulletinRecord) {
        id = r.id ?? 0; gridId = r.$grid.id; period = r.period; periodKind = r.periodKind; start = r.startOn; end = r.endOn
        generatedAt = r.generatedAt; textZh = r.textZh
    }
}

struct BulletinDTO: Content {
    let id: Int
    let gridId: Int
    let gridName: String?
    let period: String
    let periodKind: PeriodKind
    let start: String
    let end: String
    let generatedAt: Date
    let figures: BulletinFiguresDTO
    let overdue: [BulletinCounts.OverdueRow]
    let ranking: [BulletinContent.RankRow]
    let campaigns: [BulletinContent.CampaignRow]
    let textZh: String
    let textEn: String
    /// The heads of the event chains when the bulletin was made; absent on older bulletins.
    let trailAnchor: String?

    init(_ r: BulletinRecord) {
        let content = r.content ?? BulletinContent(facts: BulletinFacts(), ranking: [], campaigns: [])
        id = r.id ?? 0; gridId = r.$grid.id; gridName = r.$grid.value?.name; period = r.period; periodKind = r.periodKind
        start = r.startOn; end = r.endOn; generatedAt = r.generatedAt; figures = BulletinFiguresDTO(content.facts)
        overdue = r.overdueRows; ranking = content.ranking; campaigns = content.campaigns; textZh = r.textZh; textEn = r.textEn
        trailAnchor = r.trailAnchor
    }
}
