/// How a bulletin groups inspection visits (家次) by place category, as the seed reports do:
/// "企业 84 家次，门店 1257 家次，楼院 31 栋次" (seed 003).
public enum VisitGroup: String, Codable, CaseIterable, Sendable {
    case enterprise  // 企业: industrial and trade enterprises, warehouses, gas
    case shop        // 门店: shops and three-in-one shops
    case building    // 楼院: old compounds, rental and self-built housing (counted in 栋次)
    case market      // 集贸市场
    case other       // everything else (schools, hospitals, sites, crowded places...)

    public static func of(_ category: PlaceCategory) -> VisitGroup {
        switch category {
        case .industrialEnterprise, .warehouse, .gas: .enterprise
        case .shop, .threeInOneShop: .shop
        case .oldResidential, .rentalHousing, .selfBuiltHouse: .building
        case .market: .market
        case .constructionSite, .tourismSite, .school, .hospital, .crowdedPlace, .geologicalHazardPoint, .other: .other
        }
    }
}

/// What was counted for one grid subtree and period, in plain values: the App counts rows,
/// this type does the arithmetic and decides what the bulletin says.
public struct BulletinFacts: Equatable, Sendable, Codable {
    /// The office's own finished inspection visits (家次: grid, territorial and sector
    /// checks), every visit counted, not distinct places.
    public var visits: [PlaceCategory: Int]
    /// Of those, the ones made at night (夜查).
    public var nightChecks: Int
    /// Finished enterprise self-inspections (企业自查), counted apart from the office's visits.
    public var selfInspections: Int
    /// Finished expert inspections (专家检查), counted apart too.
    public var expertInspections: Int
    /// Discovered in the period (not voided).
    public var hazardsFound: Int
    /// Closed (销号) in the period, whenever they were found.
    public var hazardsRectified: Int
    /// Open at the end of the period (or now, for a period not yet over).
    public var hazardsOpen: Int
    /// Rectifying past the deadline day at the same moment (see `Overdue`).
    public var hazardsOverdue: Int
    public var majorFound: Int
    public var majorOpen: Int
    public var reportsReceived: Int
    public var reportsHandled: Int
    public var activities: [ActivityKind: ActivityTally]
    public var accidents: Int
    public var liabilityAccidents: Int

    public init(visits: [PlaceCategory: Int] = [:], nightChecks: Int = 0, selfInspections: Int = 0, expertInspections: Int = 0,
                hazardsFound: Int = 0, hazardsRectified: Int = 0,
                hazardsOpen: Int = 0, hazardsOverdue: Int = 0, majorFound: Int = 0, majorOpen: Int = 0,
                reportsReceived: Int = 0, reportsHandled: Int = 0, activities: [ActivityKind: ActivityTally] = [:],
                accidents: Int = 0, liabilityAccidents: Int = 0) {
        self.visits = visits; self.nightChecks = nightChecks; self.hazardsFound = hazardsFound
        self.selfInspections = selfInspections; self.expertInspections = expertInspections
        self.hazardsRectified = hazardsRectified; self.hazardsOpen = hazardsOpen; self.hazardsOverdue = hazardsOverdue
        self.majorFound = majorFound; self.majorOpen = majorOpen; self.reportsReceived = reportsReceived
        self.reportsHandled = reportsHandled; self.activities = activities; self.accidents = accidents
        self.liabilityAccidents = liabilityAccidents
    }

    private enum CodingKeys: String, CodingKey {
        case visits, nightChecks, selfInspections, expertInspections, hazardsFound, hazardsRectified, hazardsOpen, hazardsOverdue
        case majorFound, majorOpen, reportsReceived, reportsHandled, activities, accidents, liabilityAccidents
    }

    /// Bulletins stored before self and expert inspections were counted apart read as zero for them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        visits = try c.decode([PlaceCategory: Int].self, forKey: .visits)
        nightChecks = try c.decode(Int.self, forKey: .nightChecks)
        selfInspections = try c.decodeIfPresent(Int.self, forKey: .selfInspections) ?? 0
        expertInspections = try c.decodeIfPresent(Int.self, forKey: .expertInspections) ?? 0
        hazardsFound = try c.decode(Int.self, forKey: .hazardsFound)
        hazardsRectified = try c.decode(Int.self, forKey: .hazardsRectified)
        hazardsOpen = try c.decode(Int.self, forKey: .hazardsOpen)
        hazardsOverdue = try c.decode(Int.self, forKey: .hazardsOverdue)
        majorFound = try c.decode(Int.self, forKey: .majorFound)
        majorOpen = try c.decode(Int.self, forKey: .majorOpen)
        reportsReceived = try c.decode(Int.self, forKey: .reportsReceived)
        reportsHandled = try c.decode(Int.self, forKey: .reportsHandled)
        activities = try c.decode([ActivityKind: ActivityTally].self, forKey: .activities)
        accidents = try c.decode(Int.self, forKey: .accidents)
        liabilityAccidents = try c.decode(Int.self, forKey: .liabilityAccidents)
    }
}

/// One clause of a bulletin's summary sentence: a catalogue key and its numbers. The App turns
/// clauses into Chinese and English, so the words live in the catalogue and the choice of
/// what to say lives here.
public struct BulletinClause: Equatable, Sendable, Codable {
    public var key: String
    public var numbers: [Int]

    public init(_ key: String, _ numbers: Int...) { self.key = key; self.numbers = numbers }
}

/// The figures of a bulletin (日调度、周通报、月例会) and the clauses of its summary.
public struct BulletinFigures: Equatable, Sendable {
    public let facts: BulletinFacts

    public init(_ facts: BulletinFacts) { self.facts = facts }

    /// Visits per group in a fixed order, groups with no visit left out.
    public var visitsByGroup: [(group: VisitGroup, visits: Int)] {
        VisitGroup.allCases.compactMap { group in
            let n = facts.visits.filter { VisitGroup.of($0.key) == group }.reduce(0) { $0 + $1.value }
            return n > 0 ? (group, n) : nil
        }
    }

    public var totalVisits: Int { facts.visits.values.reduce(0, +) }

    public func activity(_ kind: ActivityKind) -> ActivityTally { facts.activities[kind] ?? ActivityTally() }

    /// Publicity, training and lectures together: the "宣传活动 … 影响群众" of the seeds.
    public var outreach: ActivityTally {
        activity(.publicity) + activity(.training) + activity(.lecture)
    }

    /// Rectified ÷ found in the same period. Above 100 % is possible (older hazards closed
    /// now) and is shown as such; nil when nothing was found.
    public var rectificationRate: Rate? { Rate(facts.hazardsRectified, of: facts.hazardsFound) }

    public var reportHandlingRate: Rate? { Rate(facts.reportsHandled, of: facts.reportsReceived) }

    /// The clauses of the summary sentence, in the order the seed reports use: visits, night
    /// checks, hazards, public reports, drills, outreach, then what is still open. Zero
    /// figures are left out, except the hazards found, which a bulletin always states.
    public var clauses: [BulletinClause] {
        var list: [BulletinClause] = []
        for (group, n) in visitsByGroup { list.append(BulletinClause("bulletin.clause.visits.\(group.rawValue)", n)) }
        if facts.nightChecks > 0 { list.append(BulletinClause("bulletin.clause.night", facts.nightChecks)) }
        if facts.selfInspections > 0 { list.append(BulletinClause("bulletin.clause.self_inspections", facts.selfInspections)) }
        if facts.expertInspections > 0 { list.append(BulletinClause("bulletin.clause.expert_inspections", facts.expertInspections)) }
        if facts.hazardsFound == facts.hazardsRectified && facts.hazardsFound > 0 {
            list.append(BulletinClause("bulletin.clause.hazards_found_rectified", facts.hazardsFound))
        } else {
            list.append(BulletinClause("bulletin.clause.hazards", facts.hazardsFound, facts.hazardsRectified))
        }
        if facts.majorFound > 0 { list.append(BulletinClause("bulletin.clause.major", facts.majorFound)) }
        if facts.reportsReceived > 0 || facts.reportsHandled > 0 {
            list.append(BulletinClause("bulletin.clause.reports", facts.reportsReceived, facts.reportsHandled))
        }
        let drills = activity(.drill)
        if drills.count > 0 {
            list.append(drills.people > 0 ? BulletinClause("bulletin.clause.drills_people", drills.count, drills.people)
                                           : BulletinClause("bulletin.clause.drills", drills.count))
        }
        for kind in [ActivityKind.lecture, .publicity, .training] where activity(kind).count > 0 {
            list.append(BulletinClause("bulletin.clause.\(kind.rawValue)", activity(kind).count))
        }
        if outreach.people > 0 { list.append(BulletinClause("bulletin.clause.people_reached", outreach.people)) }
        return list
    }

    /// The second sentence: what remains to do. Empty when nothing is open.
    public var openClauses: [BulletinClause] {
        var list: [BulletinClause] = []
        if facts.hazardsOpen > 0 { list.append(BulletinClause("bulletin.clause.open", facts.hazardsOpen)) }
        if facts.hazardsOverdue > 0 { list.append(BulletinClause("bulletin.clause.overdue", facts.hazardsOverdue)) }
        if facts.majorOpen > 0 { list.append(BulletinClause("bulletin.clause.major_open", facts.majorOpen)) }
        if facts.accidents > 0 { list.append(BulletinClause("bulletin.clause.accidents", facts.accidents, facts.liabilityAccidents)) }
        return list
    }

    /// "1.3万" style for large counts of people in Chinese text: one decimal of ten thousands,
    /// rounded down so the bulletin never overstates ("约 1.3 万余人").
    public static func tenThousands(_ n: Int) -> String? {
        guard n >= 10_000 else { return nil }
        let tenths = n / 1_000
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
    }
}
