import Foundation
import Testing
@testable import SafeGridDomain

@Suite("Risk grading: LEC, LS and MES tables, bands and the shown level")
struct RiskMethodTests {
    /// Every band edge is an exclusive lower bound: the edge value itself falls in the band below.
    @Test("band edges: a score equal to an edge belongs to the lower band", arguments: [
        (RiskMethod.lec, 0.05, RiskLevel.blue), (.lec, 70, .blue), (.lec, 70.0001, .yellow), (.lec, 160, .yellow),
        (.lec, 160.0001, .orange), (.lec, 320, .orange), (.lec, 320.0001, .red), (.lec, 10_000, .red),
        (.ls, 1, .blue), (.ls, 8, .blue), (.ls, 9, .yellow), (.ls, 12, .yellow), (.ls, 15, .orange), (.ls, 16, .orange),
        (.ls, 20, .red), (.ls, 25, .red),
        (.mes, 0.5, .blue), (.mes, 50, .blue), (.mes, 50.0001, .yellow), (.mes, 90, .yellow), (.mes, 90.0001, .orange),
        (.mes, 180, .orange), (.mes, 180.0001, .red), (.mes, 500, .red),
    ])
    func bandEdges(method: RiskMethod, score: Double, expected: RiskLevel) {
        let level = RiskTable.defaultTable(method).bands.level(of: score)
        #expect(level == expected, "\(method.rawValue) score \(score) should be \(expected), is \(level)")
    }

    @Test("factor values chosen from the tables give the documented score, level and control level", arguments: [
        (RiskMethod.lec, ["L": 1, "E": 10, "C": 7], 70.0, RiskLevel.blue, ControlLevel.post),
        (.lec, ["L": 0.2, "E": 10, "C": 40], 80, .yellow, .team),
        (.lec, ["L": 3, "E": 6, "C": 7], 126, .yellow, .team),
        (.lec, ["L": 10, "E": 6, "C": 3], 180, .orange, .department),
        (.lec, ["L": 10, "E": 10, "C": 3], 300, .orange, .department),
        (.lec, ["L": 3, "E": 3, "C": 40], 360, .red, .company),
        (.lec, ["L": 0.1, "E": 0.5, "C": 1], 0.05, .blue, .post),
        (.ls, ["L": 2, "S": 4], 8, .blue, .post),
        (.ls, ["L": 3, "S": 3], 9, .yellow, .team),
        (.ls, ["L": 3, "S": 4], 12, .yellow, .team),
        (.ls, ["L": 3, "S": 5], 15, .orange, .department),
        (.ls, ["L": 4, "S": 4], 16, .orange, .department),
        (.ls, ["L": 4, "S": 5], 20, .red, .company),
        (.mes, ["M": 5, "E": 10, "S": 1], 50, .blue, .post),
        (.mes, ["M": 1, "E": 6, "S": 10], 60, .yellow, .team),
        (.mes, ["M": 3, "E": 3, "S": 10], 90, .yellow, .team),
        (.mes, ["M": 5, "E": 10, "S": 2], 100, .orange, .department),
        (.mes, ["M": 3, "E": 6, "S": 10], 180, .orange, .department),
        (.mes, ["M": 5, "E": 6, "S": 8], 240, .red, .company),
    ])
    func scoring(method: RiskMethod, inputs: [String: Double], score: Double, level: RiskLevel, control: ControlLevel) throws {
        let result = try RiskTable.defaultTable(method).assess(inputs)
        #expect(result.score == score, "\(method.rawValue) \(inputs) should score \(score), scores \(result.score)")
        #expect(result.level == level)
        #expect(result.controlLevel == control)
        #expect(result.tableVersion == 1)
    }

    @Test("a value outside the table, a missing factor and an unknown factor are field errors")
    func invalidInputs() {
        #expect(throws: SafeGridError.invalid([
            FieldError(field: "inputs.E", key: "error.field.required"),
            FieldError(field: "inputs.C", key: "error.risk.option", args: ["100, 40, 15, 7, 3, 1"]),
        ])) { try RiskTable.lec.assess(["L": 3, "C": 50]) }
        #expect(throws: SafeGridError.invalid([FieldError(field: "inputs.X", key: "error.risk.unknown_factor")])) {
            try RiskTable.ls.assess(["L": 3, "S": 3, "X": 1])
        }
    }

    @Test("a new table version scores new inputs with its own bands; the old version is unchanged")
    func newVersion() throws {
        var v2 = RiskTable.lec
        v2.version = 2
        v2.bands = RiskBands(red: 240, orange: 120, yellow: 50)
        let inputs: [String: Double] = ["L": 10, "E": 6, "C": 3]  // 180
        #expect(try RiskTable.lec.assess(inputs).level == .orange)
        let result = try v2.assess(inputs)
        #expect(result.level == .orange && result.tableVersion == 2)
        #expect(try v2.assess(["L": 10, "E": 10, "C": 3]).level == .red, "300 is red under the stricter v2 bands")
        #expect(try RiskTable.lec.assess(["L": 10, "E": 10, "C": 3]).level == .orange)
    }

    @Test("the shipped tables are valid; a table with wrong factors or rising bands is not")
    func tableValidation() {
        for method in RiskMethod.allCases {
            #expect(RiskTable.defaultTable(method).validate().isEmpty, "default \(method.rawValue) table should validate")
        }
        var wrong = RiskTable.mes
        wrong.factors.removeLast()
        wrong.bands = RiskBands(red: 10, orange: 20, yellow: 5)
        wrong.factors[0].options.append(RiskFactorOption(0, " "))
        let fields = Set(wrong.validate().map { "\($0.field) \($0.key)" })
        #expect(fields == ["factors error.risk.factors", "bands error.risk.bands", "factors[0].options error.risk.option_value",
                           "factors[0].options error.risk.option_label"])
    }

    @Test("an open major hazard shows its place red until closed; the rule can be switched off", arguments: [
        (true, RiskLevel?.some(.blue), true, RiskLevel?.some(.red)),
        (true, .some(.yellow), false, .some(.yellow)),
        (true, nil, true, .some(.red)),
        (true, nil, false, nil),
        (false, .some(.blue), true, .some(.blue)),
        (false, nil, true, nil),
    ])
    func displayedLevel(raises: Bool, assessed: RiskLevel?, openMajor: Bool, expected: RiskLevel?) {
        let rule = RiskDisplayRule(majorHazardRaisesToRed: raises)
        #expect(rule.displayed(assessed: assessed, openMajorHazard: openMajor) == expected)
    }

    @Test("a grid takes the highest level among its places; nothing assessed leaves it uncoloured")
    func gridColour() {
        let rule = RiskDisplayRule.standard
        #expect(rule.gridColour(placeLevels: [.blue, nil, .orange, .yellow], openMajorHazard: false) == .orange)
        #expect(rule.gridColour(placeLevels: [nil, nil], openMajorHazard: false) == nil)
        #expect(rule.gridColour(placeLevels: [], openMajorHazard: true) == .red)
        #expect(RiskDisplayRule(majorHazardRaisesToRed: false).gridColour(placeLevels: [.blue], openMajorHazard: true) == .blue)
        #expect(RiskLevel.allCases.sorted() == [.blue, .yellow, .orange, .red])
    }

    @Test("scores print without trailing zeros")
    func formatting() {
        #expect(RiskScore.format(320) == "320")
        #expect(RiskScore.format(0.05) == "0.05")
        #expect(RiskScore.format(0.2 * 10 * 40) == "80")
    }
}

@Suite("Risk permissions")
struct RiskPermissionTests {
    static let officer = Actor(userId: 2, role: .officer, scopePaths: ["/1/2/"])
    static let worker = Actor(userId: 3, role: .gridWorker, scopePaths: ["/1/2/5/"])
    static let owner = Actor(userId: 4, role: .enterprise, placeIds: [7])
    static let leader = Actor(userId: 5, role: .leader, scopePaths: ["/1/2/"])

    @Test("who may draft an assessment", arguments: [
        (officer, "/1/2/5/", 7, true), (officer, "/1/3/", 7, false), (worker, "/1/2/5/", 7, true), (worker, "/1/2/6/", 8, false),
        (owner, "/1/2/5/", 7, true), (owner, "/1/2/5/", 8, false), (leader, "/1/2/5/", 7, false),
        (Actor(userId: 1, role: .admin), "/9/", 1, true),
    ])
    func assess(actor: Actor, path: String, place: Int, expected: Bool) {
        #expect(RiskPermissions.mayAssess(actor, gridPath: path, placeId: place) == expected)
    }

    @Test("the township office approves, never its own draft")
    func approve() {
        #expect(RiskPermissions.mayApprove(Self.officer, gridPath: "/1/2/5/", assessedById: 3))
        #expect(!RiskPermissions.mayApprove(Self.officer, gridPath: "/1/2/5/", assessedById: 2), "no self-approval")
        #expect(!RiskPermissions.mayApprove(Self.officer, gridPath: "/1/3/", assessedById: 3), "outside the township")
        #expect(!RiskPermissions.mayApprove(Self.worker, gridPath: "/1/2/5/", assessedById: 4))
        #expect(RiskPermissions.mayApprove(Actor(userId: 1, role: .admin), gridPath: "/1/", assessedById: 2))
        #expect(!RiskPermissions.mayViewMaps(Self.owner) && RiskPermissions.mayViewMaps(Self.leader))
    }

    @Test("boundaries, checklists and patrol frequencies are settings for the few who may change them")
    func settings() {
        let admin = Actor(userId: 1, role: .admin)
        #expect(RiskPermissions.mayUploadBoundaries(admin) && RiskPermissions.mayUploadBoundaries(Self.officer))
        #expect(!RiskPermissions.mayUploadBoundaries(Self.worker) && !RiskPermissions.mayUploadBoundaries(Self.leader))
        #expect(InspectionRules.mayEditChecklists(admin) && !InspectionRules.mayEditChecklists(Self.officer))
        #expect(InspectionRules.mayChangePatrolFrequencies(admin) && !InspectionRules.mayChangePatrolFrequencies(Self.worker))
    }
}
