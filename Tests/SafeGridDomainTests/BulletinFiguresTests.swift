import Testing
@testable import SafeGridDomain

@Suite("Bulletins: periods, figures, clauses, charts")
struct BulletinFiguresTests {
    /// Seed 003 (新安路街道): the figures its report states.
    static let seed = BulletinFacts(
        visits: [.industrialEnterprise: 84, .shop: 1_000, .threeInOneShop: 257, .oldResidential: 31, .market: 12],
        nightChecks: 12, hazardsFound: 258, hazardsRectified: 258, reportsReceived: 4, reportsHandled: 4,
        activities: [.drill: ActivityTally(count: 6), .lecture: ActivityTally(count: 72, people: 13_000)])

    @Test("period codes parse to their first and last day", arguments: [
        ("2026-W48", PeriodKind.week, "2026-11-23", "2026-11-29"),
        ("2026-W01", .week, "2025-12-29", "2026-01-04"),
        ("2020-W53", .week, "2020-12-28", "2021-01-03"),
        ("2026-11", .month, "2026-11-01", "2026-11-30"),
        ("2024-02", .month, "2024-02-01", "2024-02-29"),
        ("2026-Q4", .quarter, "2026-10-01", "2026-12-31"),
        ("2026-Q1", .quarter, "2026-01-01", "2026-03-31"),
        ("2026", .year, "2026-01-01", "2026-12-31"),
        ("2026-11-01..2026-11-26", .custom, "2026-11-01", "2026-11-26"),
    ])
    func periods(code: String, kind: PeriodKind, start: String, end: String) throws {
        let period = try #require(ReportPeriod(code: code))
        #expect(period.kind == kind)
        #expect(period.start.description == start)
        #expect(period.end.description == end)
        #expect(period.code == code, "the code round-trips")
    }

    @Test("malformed or impossible period codes are refused", arguments: [
        "", "2026-13", "2026-Q5", "2026-W54", "2026-W00", "2025-W53", "26-11", "2026-11-26", "2026-11-30..2026-11-01", "2026/11", "abcd",
    ])
    func badPeriods(code: String) {
        #expect(ReportPeriod(code: code) == nil, "\(code) should not parse")
    }

    @Test("the period containing a day, and the one before it")
    func containing() {
        let thursday = CivilDate(year: 2026, month: 11, day: 26)!
        #expect(ReportPeriod.containing(thursday, kind: .week).code == "2026-W48")
        #expect(ReportPeriod.containing(thursday, kind: .week).previous.code == "2026-W47")
        #expect(ReportPeriod.containing(CivilDate(year: 2027, month: 1, day: 1)!, kind: .week).code == "2026-W53")
        #expect(ReportPeriod.containing(thursday, kind: .month).previous.code == "2026-10")
        #expect(ReportPeriod(code: "2026-01")!.previous.code == "2025-12")
        #expect(ReportPeriod(code: "2026-Q1")!.previous.code == "2025-Q4")
        #expect(ReportPeriod(code: "2026-Q3")!.history(3).map(\.code) == ["2026-Q1", "2026-Q2", "2026-Q3"])
        #expect(ReportPeriod(code: "2026-11-21..2026-11-26")!.previous.code == "2026-11-15..2026-11-20")
    }

    @Test("visits are grouped the way the seed reports count them (家次, not distinct places)", arguments: [
        (PlaceCategory.industrialEnterprise, VisitGroup.enterprise), (.warehouse, .enterprise), (.gas, .enterprise),
        (.shop, .shop), (.threeInOneShop, .shop), (.oldResidential, .building), (.rentalHousing, .building),
        (.selfBuiltHouse, .building), (.market, .market), (.school, .other), (.constructionSite, .other),
    ])
    func groups(category: PlaceCategory, group: VisitGroup) {
        #expect(VisitGroup.of(category) == group)
    }

    @Test("seed 003's figures come out as its report states them")
    func seedFigures() {
        let figures = BulletinFigures(Self.seed)
        #expect(figures.visitsByGroup.map(\.group) == [.enterprise, .shop, .building, .market])
        #expect(figures.visitsByGroup.map(\.visits) == [84, 1_257, 31, 12])
        #expect(figures.totalVisits == 1_384)
        #expect(figures.rectificationRate?.description == "100%")
        #expect(figures.outreach == ActivityTally(count: 72, people: 13_000))
        #expect(figures.clauses == [
            BulletinClause("bulletin.clause.visits.enterprise", 84),
            BulletinClause("bulletin.clause.visits.shop", 1_257),
            BulletinClause("bulletin.clause.visits.building", 31),
            BulletinClause("bulletin.clause.visits.market", 12),
            BulletinClause("bulletin.clause.night", 12),
            BulletinClause("bulletin.clause.hazards_found_rectified", 258),
            BulletinClause("bulletin.clause.reports", 4, 4),
            BulletinClause("bulletin.clause.drills", 6),
            BulletinClause("bulletin.clause.lecture", 72),
            BulletinClause("bulletin.clause.people_reached", 13_000),
        ])
        #expect(figures.openClauses.isEmpty)
        #expect(BulletinFigures.tenThousands(13_000) == "1.3")
        #expect(BulletinFigures.tenThousands(13_999) == "1.3", "rounded down, never overstated")
        #expect(BulletinFigures.tenThousands(20_000) == "2")
        #expect(BulletinFigures.tenThousands(9_999) == nil)
    }

    @Test("a quiet week still states the hazards; zeros elsewhere are left out; open work is listed")
    func quietWeek() {
        let figures = BulletinFigures(BulletinFacts(hazardsFound: 3, hazardsRectified: 1, hazardsOpen: 5, hazardsOverdue: 2,
                                                    majorFound: 1, majorOpen: 1, activities: [.drill: ActivityTally(count: 1, people: 40)],
                                                    accidents: 1, liabilityAccidents: 0))
        #expect(figures.clauses == [
            BulletinClause("bulletin.clause.hazards", 3, 1),
            BulletinClause("bulletin.clause.major", 1),
            BulletinClause("bulletin.clause.drills_people", 1, 40),
        ])
        #expect(figures.openClauses.map(\.key) == ["bulletin.clause.open", "bulletin.clause.overdue",
                                                  "bulletin.clause.major_open", "bulletin.clause.accidents"])
        #expect(BulletinFigures(BulletinFacts()).clauses == [BulletinClause("bulletin.clause.hazards", 0, 0)])
        #expect(BulletinFigures(BulletinFacts()).rectificationRate == nil)
    }

    @Test("register rules: people in range, no future dates, handled after received")
    func registerRules() {
        let today = CivilDate(year: 2026, month: 11, day: 26)!
        var errors = FieldErrors()
        RegisterRules.validatePeople(-1, field: "people", into: &errors)
        RegisterRules.validatePeople(nil, field: "people2", into: &errors)
        RegisterRules.validatePeople(0, field: "ok", into: &errors)
        RegisterRules.validatePast(today.adding(days: 1), today: today, field: "date", into: &errors)
        RegisterRules.validatePast(today, today: today, field: "ok2", into: &errors)
        RegisterRules.validateHandled(received: today, handled: today.adding(days: -1), into: &errors)
        RegisterRules.validateHandled(received: today, handled: today, into: &errors)
        #expect(errors.items.map(\.field) == ["people", "people2", "date", "handledOn"])
    }
}
