import Testing
@testable import SafeGridDomain

@Suite("Assessment: indicator formulas, weights, veto, ranking")
struct AssessmentTests {
    static let month = IndicatorSet.defaults(.village, .month) // activity target 2

    @Test("every indicator's formula, in per mille", arguments: [
        // closure = closed ÷ (closed + open due)
        (Indicator.closureRate, AssessmentFacts(closed: 6, openDue: 2), 750 as Int?),
        (.closureRate, AssessmentFacts(closed: 0, openDue: 3), 0),
        (.closureRate, AssessmentFacts(), nil),
        // on time = closed by the deadline day ÷ closed with a deadline
        (.onTimeRate, AssessmentFacts(closed: 10, closedWithDeadline: 8, closedOnTime: 6), 750),
        (.onTimeRate, AssessmentFacts(closed: 4), nil),
        // rework = ever reworked ÷ (closed + open due)
        (.reworkRate, AssessmentFacts(closed: 7, reworked: 1, openDue: 1), 125),
        (.reworkRate, AssessmentFacts(), nil),
        // coverage = distinct places inspected ÷ places, never above 100 %
        (.inspectionCoverage, AssessmentFacts(places: 3, placesInspected: 2), 667),
        (.inspectionCoverage, AssessmentFacts(places: 3, placesInspected: 5), 1000),
        (.inspectionCoverage, AssessmentFacts(places: 0, placesInspected: 0), nil),
        // public reports = handled ÷ received (reports received in the period)
        (.publicReportsHandled, AssessmentFacts(reportsReceived: 4, reportsHandled: 3), 750),
        (.publicReportsHandled, AssessmentFacts(reportsReceived: 0), nil),
        // activities = held ÷ target, capped at the target
        (.activitiesHeld, AssessmentFacts(activities: 1), 500),
        (.activitiesHeld, AssessmentFacts(activities: 9), 1000),
        (.activitiesHeld, AssessmentFacts(activities: 0), 0),
    ] as [(Indicator, AssessmentFacts, Int?)])
    func formulas(indicator: Indicator, facts: AssessmentFacts, expected: Int?) {
        #expect(Assessment.value(indicator, facts, Self.month) == expected, "\(indicator) of \(facts)")
    }

    @Test("the rework rate scores inversely: fewer reworks, more points")
    func reworkScoresInversely() {
        let set = IndicatorSet(target: .village, periodKind: .month, weights: [.reworkRate: 1], activityTarget: 1)
        let result = Assessment.score(AssessmentFacts(closed: 8, reworked: 2), with: set)
        #expect(result.lines.map(\.value) == [250])
        #expect(result.lines.map(\.score) == [750])
        #expect(result.score == 750)
    }

    @Test("weighted score, rounded half up to a tenth of a point", arguments: [
        // closure 100 %, on time 50 %, weights 3:1 → (3×1000 + 1×500)/4 = 875
        ([Indicator.closureRate: 3, .onTimeRate: 1], AssessmentFacts(closed: 4, closedWithDeadline: 4, closedOnTime: 2), 875 as Int?),
        // equal weights of 1000 and 667 → 833.5 → 834
        ([.closureRate: 1, .inspectionCoverage: 1], AssessmentFacts(closed: 1, places: 3, placesInspected: 2), 834),
        // an indicator with nothing to measure drops out: only closure counts
        ([.closureRate: 1, .publicReportsHandled: 9], AssessmentFacts(closed: 1, openDue: 1), 500),
        // a weight of 0 leaves an indicator out entirely
        ([.closureRate: 0, .activitiesHeld: 1], AssessmentFacts(openDue: 5, activities: 1), 1000),
        // nothing measurable at all: no score
        ([.closureRate: 1, .onTimeRate: 1], AssessmentFacts(), nil),
    ] as [([Indicator: Int], AssessmentFacts, Int?)])
    func weights(weights: [Indicator: Int], facts: AssessmentFacts, expected: Int?) {
        let set = IndicatorSet(target: .village, periodKind: .month, weights: weights, activityTarget: 1)
        #expect(Assessment.score(facts, with: set).score == expected)
    }

    @Test("grades from the set's thresholds", arguments: [
        (1000, AssessmentGrade.excellent), (900, .excellent), (899, .good), (800, .good), (799, .pass), (600, .pass), (599, .fail), (0, .fail),
    ])
    func grades(perMille: Int, grade: AssessmentGrade) {
        // Coverage alone: placesInspected out of 1000 places gives the score directly.
        let set = IndicatorSet(target: .village, periodKind: .month, weights: [.inspectionCoverage: 1], activityTarget: 1)
        let result = Assessment.score(AssessmentFacts(places: 1000, placesInspected: perMille), with: set)
        #expect(result.score == perMille)
        #expect(result.grade == grade)
    }

    @Test("one-vote veto: a liability accident fails the unit whatever its score")
    func veto() {
        let perfect = AssessmentFacts(closed: 5, closedWithDeadline: 5, closedOnTime: 5, places: 2, placesInspected: 2,
                                      reportsReceived: 1, reportsHandled: 1, activities: 2)
        let clean = Assessment.score(perfect, with: Self.month)
        #expect(clean.score == 1000 && clean.grade == .excellent && !clean.vetoed)
        var accident = perfect
        accident.liabilityAccidents = 1
        let vetoed = Assessment.score(accident, with: Self.month)
        #expect(vetoed.score == 1000, "the score is still shown")
        #expect(vetoed.vetoed)
        #expect(vetoed.grade == .fail)
        // Even with nothing to score, the veto fails the unit rather than "no data".
        #expect(Assessment.score(AssessmentFacts(liabilityAccidents: 2), with: Self.month).grade == .fail)
        let ledgerOnly = IndicatorSet(target: .village, periodKind: .month, weights: [.closureRate: 1, .onTimeRate: 1], activityTarget: 1)
        #expect(Assessment.score(AssessmentFacts(), with: ledgerOnly).grade == .noData)
        // Activities always have a target, so a unit that held none scores 0 there rather than "no data".
        #expect(Assessment.score(AssessmentFacts(), with: Self.month).score == 0)
    }

    @Test("results name the indicator set version they used")
    func version() {
        var set = Self.month
        set.version = 7
        #expect(Assessment.score(AssessmentFacts(closed: 1), with: set).setVersion == 7)
    }

    @Test("default weights add up to 100 and are valid; broken sets are refused")
    func defaults() {
        for target in AssessmentTarget.allCases {
            for kind in PeriodKind.allCases {
                let set = IndicatorSet.defaults(target, kind)
                #expect(set.weights.values.reduce(0, +) == 100)
                #expect(set.validationErrors().isEmpty)
            }
        }
        var broken = Self.month
        broken.weights = [.closureRate: -1]
        broken.activityTarget = 0
        broken.passFrom = 950
        #expect(Set(broken.validationErrors().map(\.key)) == ["error.assessment.weight_range", "error.assessment.no_weight",
                                                                "error.assessment.activity_target", "error.assessment.grade_order"])
    }

    @Test("ranking: by score, ties share a rank, units without score after, vetoed units last")
    func ranking() {
        typealias E = Ranking.Entry<Int>
        let ranked = Ranking.rank([
            E(id: 1, name: "甲村", score: 800, vetoed: false),
            E(id: 2, name: "乙村", score: 950, vetoed: true),
            E(id: 3, name: "丙村", score: 900, vetoed: false),
            E(id: 4, name: "丁村", score: 800, vetoed: false),
            E(id: 5, name: "戊村", score: nil, vetoed: false),
            E(id: 6, name: "己村", score: 700, vetoed: false),
        ])
        #expect(ranked.map(\.rank) == [1, 2, 2, 4, 5, 6])
        #expect(ranked.first?.id == 3)
        #expect(Set(ranked[1...2].map(\.id)) == [1, 4], "the two 80-point villages share rank 2")
        #expect(ranked[3].id == 6 && ranked[4].id == 5 && ranked[5].id == 2)
    }
}

@Suite("Register permissions")
struct RegisterPermissionTests {
    static let township = "/1/2/", village = "/1/2/3/", elsewhere = "/1/9/"

    @Test("who records what, where", arguments: [
        (Role.admin, Register.accidents, "/1/9/", true),
        (.officer, .accidents, "/1/2/3/", true),
        (.officer, .publicReports, "/1/9/", false),
        (.gridWorker, .activities, "/1/2/3/", true),
        (.gridWorker, .activities, "/1/9/", false),
        (.gridWorker, .accidents, "/1/2/3/", false),
        (.gridWorker, .publicReports, "/1/2/3/", false),
        (.leader, .activities, "/1/2/3/", false),
        (.department, .activities, "/1/2/3/", false),
        (.enterprise, .activities, "/1/2/3/", false),
        (.expert, .activities, "/1/2/3/", false),
    ])
    func record(role: Role, register: Register, path: String, allowed: Bool) {
        let scope = role == .gridWorker ? [Self.village] : [Self.township]
        let actor = Actor(userId: 1, role: role, scopePaths: scope)
        #expect(RegisterPermissions.mayRecord(register, actor, gridPath: path) == allowed)
    }

    @Test("views and bulletins")
    func views() {
        #expect(!RegisterPermissions.mayView(Actor(userId: 1, role: .enterprise)))
        #expect(RegisterPermissions.mayView(Actor(userId: 1, role: .gridWorker, scopePaths: [Self.village])))
        #expect(RegisterPermissions.mayViewAssessment(Actor(userId: 1, role: .leader, scopePaths: [Self.township])))
        #expect(!RegisterPermissions.mayViewAssessment(Actor(userId: 1, role: .gridWorker, scopePaths: [Self.village])))
        #expect(RegisterPermissions.mayGenerateBulletin(Actor(userId: 1, role: .officer, scopePaths: [Self.township]), gridPath: Self.village))
        #expect(!RegisterPermissions.mayGenerateBulletin(Actor(userId: 1, role: .officer, scopePaths: [Self.township]), gridPath: Self.elsewhere))
        #expect(!RegisterPermissions.mayGenerateBulletin(Actor(userId: 1, role: .leader, scopePaths: [Self.township]), gridPath: Self.village))
    }
}
