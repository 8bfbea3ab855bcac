import SafeGridDomain
import Testing

@Suite("Read scopes")
struct ReadScopeTests {
    let row = ReadScope.Row(gridPath: "/1/4/9/", placeId: 7, transferredTo: .fire, responsibleUserId: 30, discoveredById: 40)

    @Test("each clause admits exactly the rows it names")
    func clauses() {
        #expect(ReadScope.everything.admits(row))
        #expect(ReadScope(clauses: [.subtrees(["/1/4/"])]).admits(row))
        #expect(!ReadScope(clauses: [.subtrees(["/1/5/", "/1/4/9/2/"])]).admits(row))
        #expect(!ReadScope(clauses: [.subtrees([])]).admits(row), "no grids, no rows")
        #expect(ReadScope(clauses: [.places([7])]).admits(row) && !ReadScope(clauses: [.places([8])]).admits(row))
        #expect(ReadScope(clauses: [.transferredTo(.fire)]).admits(row) && !ReadScope(clauses: [.transferredTo(.housing)]).admits(row))
        #expect(ReadScope(clauses: [.responsible(30)]).admits(row) && !ReadScope(clauses: [.responsible(31)]).admits(row))
        #expect(ReadScope(clauses: [.discoveredBy(40)]).admits(row) && !ReadScope(clauses: [.discoveredBy(41)]).admits(row))
        #expect(!ReadScope(clauses: []).admits(row))
    }

    @Test("roles get the scopes the rules describe; only subtree scopes share running tallies")
    func roles() {
        let paths = ["/1/4/"]
        #expect(Permissions.hazardScope(Actor(userId: 1, role: .admin)).isEverything)
        #expect(Permissions.hazardScope(Actor(userId: 2, role: .officer, scopePaths: paths)).subtreesOnly == paths)
        #expect(Permissions.hazardScope(Actor(userId: 3, role: .gridWorker, scopePaths: paths)).subtreesOnly == paths)
        let department = Permissions.hazardScope(Actor(userId: 4, role: .department, scopePaths: paths, department: .fire))
        #expect(department.clauses == [.transferredTo(.fire), .subtrees(paths)] && department.subtreesOnly == nil)
        let owner = Permissions.hazardScope(Actor(userId: 5, role: .enterprise, placeIds: [7]))
        #expect(owner.clauses == [.places([7]), .responsible(5)])
        #expect(Permissions.hazardScope(Actor(userId: 6, role: .expert, scopePaths: paths)).clauses == [.subtrees(paths), .discoveredBy(6)])
        #expect(Permissions.placeScope(Actor(userId: 5, role: .enterprise, placeIds: [7])).clauses == [.places([7])])
        #expect(Permissions.placeScope(Actor(userId: 6, role: .expert, scopePaths: paths)).subtreesOnly == paths)
        #expect(Permissions.canViewPlace(Actor(userId: 5, role: .enterprise, placeIds: [7]), gridPath: "/9/", placeId: 7))
        #expect(!Permissions.canViewPlace(Actor(userId: 2, role: .officer, scopePaths: paths), gridPath: "/1/5/", placeId: 7))
    }

    @Test("a refused registration blames the source where the grid or place is the user's, else the grid")
    func registrationRefusal() {
        let worker = Actor(userId: 3, role: .gridWorker, scopePaths: ["/1/4/"])
        #expect(Permissions.registrationRefusal(worker, gridPath: "/1/4/9/", placeId: nil, source: .territorial) == nil)
        #expect(Permissions.registrationRefusal(worker, gridPath: "/1/5/", placeId: nil, source: .territorial)?.fields.map(\.field) == ["gridId"])
        let expert = Actor(userId: 6, role: .expert, scopePaths: ["/1/4/"])
        #expect(Permissions.registrationRefusal(expert, gridPath: "/1/4/9/", placeId: nil, source: .territorial)?.fields.map(\.field) == ["source"])
        let owner = Actor(userId: 5, role: .enterprise, placeIds: [7])
        #expect(Permissions.registrationRefusal(owner, gridPath: "/9/", placeId: 8, source: .enterprise)?.fields.map(\.field) == ["source"])
        #expect(Permissions.registrationRefusal(owner, gridPath: "/9/", placeId: 7, source: .enterprise) == nil)
    }
}
