import Foundation
import Testing
@testable import SafeGridDomain

@Suite("Inspections and checklists")
struct InspectionRulesTests {
    static let village = "/1/2/3/"
    static let other = "/1/9/10/"
    static let facts = InspectionFacts(gridPath: village, placeId: 7, inspectorIds: [11, 12], finished: false)

    static func actor(_ role: Role, id: Int = 50, paths: [String] = [village], places: Set<Int> = []) -> Actor {
        Actor(userId: id, role: role, scopePaths: paths, placeIds: places)
    }

    @Test("each kind of inspection feeds its own ledger", arguments: [
        (InspectionKind.grid, HazardSource.grid), (.territorial, .territorial), (.industry, .industry),
        (.enterprise, .enterprise), (.expert, .expert),
    ])
    func ledger(kind: InspectionKind, source: HazardSource) {
        #expect(kind.hazardSource == source)
        #expect(kind.countsAsPatrol == (kind != .enterprise))
    }

    @Test("who may start which kind where", arguments: [
        (Role.gridWorker, InspectionKind.grid, village, true),
        (.gridWorker, .territorial, village, false),
        (.gridWorker, .grid, other, false),
        (.officer, .territorial, village, true),
        (.officer, .grid, village, true),
        (.officer, .expert, village, false),
        (.department, .industry, village, true),
        (.expert, .expert, village, true),
        (.expert, .grid, village, false),
        (.leader, .territorial, village, false),
        (.admin, .enterprise, other, true),
    ])
    func start(role: Role, kind: InspectionKind, path: String, allowed: Bool) {
        #expect(InspectionRules.mayStart(Self.actor(role), kind: kind, gridPath: path, placeId: 7) == allowed)
        if allowed { #expect(InspectionRules.kinds(for: role).contains(kind)) }
    }

    @Test("an enterprise self-inspects only its own places")
    func enterprise() {
        let owner = Self.actor(.enterprise, paths: [], places: [7])
        #expect(InspectionRules.mayStart(owner, kind: .enterprise, gridPath: Self.village, placeId: 7))
        #expect(!InspectionRules.mayStart(owner, kind: .enterprise, gridPath: Self.village, placeId: 8))
        #expect(InspectionRules.defaultKind(for: .enterprise) == .enterprise)
        #expect(InspectionRules.canView(owner, Self.facts))
    }

    @Test("viewing, recording and raising hazards")
    func access() {
        let inspector = Self.actor(.gridWorker, id: 11)
        let colleague = Self.actor(.gridWorker, id: 13)
        let outsider = Self.actor(.gridWorker, id: 14, paths: [Self.other])
        let joinedDepartment = Self.actor(.department, id: 12, paths: [])
        let officer = Self.actor(.officer, paths: ["/1/2/"])
        #expect(InspectionRules.canView(colleague, Self.facts))
        #expect(!InspectionRules.canView(outsider, Self.facts))
        #expect(InspectionRules.canView(joinedDepartment, Self.facts), "a co-inspector sees it without the grid")
        #expect(InspectionRules.mayRecord(inspector, Self.facts))
        #expect(InspectionRules.mayRecord(joinedDepartment, Self.facts))
        #expect(!InspectionRules.mayRecord(colleague, Self.facts), "only the inspectors write results")
        var finished = Self.facts
        finished.finished = true
        #expect(!InspectionRules.mayRecord(inspector, finished), "a finished inspection is not changed")
        #expect(InspectionRules.mayRaiseHazard(inspector, finished))
        #expect(InspectionRules.mayRaiseHazard(officer, finished))
        #expect(!InspectionRules.mayRaiseHazard(colleague, finished))
    }

    @Test("item answers: a failed item that needs a photo needs one", arguments: [
        (ItemAnswer(result: .fail, requiresPhoto: true), ["items.0.photos"]),
        (ItemAnswer(result: .fail, photoCount: 1, requiresPhoto: true), []),
        (ItemAnswer(result: .fail, requiresPhoto: false), []),
        (ItemAnswer(result: .pass, requiresPhoto: true), []),
        (ItemAnswer(result: .notApplicable, requiresPhoto: true), []),
        (ItemAnswer(result: .pass, note: String(repeating: "字", count: 2001)), ["items.0.note"]),
        (ItemAnswer(result: nil, requiresPhoto: true), []),
    ])
    func answers(answer: ItemAnswer, fields: [String]) {
        var errors = FieldErrors()
        InspectionRules.validate(answer, field: "items.0", errors: &errors)
        #expect(errors.items.map(\.field) == fields)
    }

    @Test("unanswered items block finishing")
    func unanswered() {
        #expect(InspectionRules.unanswered([ItemAnswer(result: .pass), ItemAnswer(result: nil), ItemAnswer(result: nil)]) == 2)
        #expect(InspectionRules.unanswered([ItemAnswer(result: .notApplicable)]) == 0)
    }

    @Test("night inspections start between 20:00 and 06:00 China time", arguments: [
        (19, 59, false), (20, 0, true), (23, 30, true), (0, 0, true), (5, 59, true), (6, 0, false), (12, 0, false),
    ])
    func night(hour: Int, minute: Int, expected: Bool) {
        // 2026-11-26 00:00 China = 2026-11-25 16:00 UTC.
        let midnight = CivilDate(iso: "2026-11-26")!.start()
        let instant = midnight.addingTimeInterval(Double(hour * 3600 + minute * 60))
        #expect(InspectionRules.isNight(instant) == expected)
    }

    @Test("a hazard's title comes from a short note, else from the item", arguments: [
        ("灭火器配置到位", "两具灭火器已过期\n压力指针在红区", "两具灭火器已过期"),
        ("灭火器配置到位", "", "不符合：灭火器配置到位"),
        ("灭火器配置到位", String(repeating: "长", count: 61), "不符合：灭火器配置到位"),
    ])
    func title(item: String, note: String, expected: String) {
        #expect(InspectionRules.hazardTitle(itemText: item, note: note) == expected)
    }

    @Test("shipped checklists cover the required categories, are valid and group by topic")
    func defaults() {
        let required: [PlaceCategory] = [.threeInOneShop, .rentalHousing, .market, .industrialEnterprise, .constructionSite,
                                         .warehouse, .crowdedPlace, .gas, .selfBuiltHouse, .other]
        let categories = DefaultChecklists.all.map(\.category)
        #expect(Set(categories) == Set(required))
        #expect(categories.count == Set(categories).count, "one default per category")
        for spec in DefaultChecklists.all {
            #expect(spec.problems().isEmpty, "\(spec.name): \(spec.problems())")
            #expect(spec.items.contains { $0.requiresPhoto }, "\(spec.name) asks for no photo anywhere")
            #expect(spec.topics.count >= 3, "\(spec.name) should group items under several topics")
            #expect(spec.topics.map(\.items.count).reduce(0, +) == spec.items.count)
        }
    }

    @Test("a template needs a name and items with topic and text")
    func templateProblems() {
        let empty = ChecklistSpec(category: .shop, name: " ", items: [])
        #expect(empty.problems().map(\.field) == ["name", "items"])
        let blankItem = ChecklistSpec(category: .shop, name: "商铺", items: [ChecklistItemSpec("", "x", .fire)])
        #expect(blankItem.problems().map(\.field) == ["items.0.topic"])
    }

    @Test("a failed item is flagged until a hazard records it", arguments: [
        (ItemResult?.some(.fail), Int?.none, true), (.fail, 12, false), (.pass, nil, false), (.notApplicable, nil, false), (nil, nil, false),
    ])
    func awaitsHazard(result: ItemResult?, hazardId: Int?, flagged: Bool) {
        #expect(InspectionRules.awaitsHazard(result, hazardId: hazardId) == flagged)
    }

    @Test("a second start at the same place continues the newest open inspection, unless it records a past visit")
    func continues() {
        #expect(InspectionRules.continues(openAtPlace: [9, 4], startedAtGiven: false) == 9)
        #expect(InspectionRules.continues(openAtPlace: [9], startedAtGiven: true) == nil)
        #expect(InspectionRules.continues(openAtPlace: [], startedAtGiven: false) == nil)
    }
}
