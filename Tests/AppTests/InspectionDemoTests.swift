@testable import App
import Fluent
import Foundation
import SafeGridDomain
import Testing
import Vapor
import VaporTesting

@Suite("Demo data: inspections and patrol tasks")
struct InspectionDemoTests {
    @Test("the demo has day and night visits, hazards made from them, and due and overdue tasks for 李网格")
    func demo() async throws {
        try await withTestApp { app in
            // setup
            try await DemoLoader.loadIfEmpty(app)
            let login = try await app.testing().sendRequest(.POST, "/api/v1/auth/token") { req in
                try req.content.encode(["username": "gridworker", "password": DemoData.password])
            }
            struct Token: Decodable { let token: String }
            let token = try login.content.decode(Token.self).token

            // MUT
            let tasks = try decode(MyTasksDTO.self, try await api(app, .GET, "/api/v1/my-tasks", as: token))
            let inspections = try await InspectionRecord.query(on: app.db).all()
            let linked = try await InspectionItemRecord.query(on: app.db).filter(\.$hazardId != nil).all()

            // validate
            #expect(inspections.count >= 15 && inspections.allSatisfy(\.finished))
            #expect(inspections.filter(\.night).count >= 4, "night inspections (夜查) are part of the demo")
            #expect(Set(inspections.map(\.kind)).isSuperset(of: [.grid, .territorial, .enterprise, .expert]))
            #expect(linked.count >= 5 && linked.contains(where: \.fixedOnSite))
            let items = tasks.items
            #expect(tasks.overdueCount >= 1, "some places are overdue: \(items)")
            #expect(items.contains { !$0.overdue }, "and some are due soon")
            let dues = items.map(\.dueOn)
            #expect(dues == dues.sorted(), "most urgent first")
        }
    }
}
