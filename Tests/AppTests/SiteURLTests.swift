@testable import App
import Testing
import Vapor

@Suite("Site URLs")
struct SiteURLTests {
    /// Every case once, with `.key` parameters: each must be a route the application serves.
    static let patterns: [SiteURL] = [
        .home, .login, .logout, .language(.key), .sessionCSRF, .accountPassword,
        .hazards, .hazardsCSV, .hazardsXLSX, .newHazard, .hazard(.key), .hazardActions(.key), .hazardNotice(.key),
        .ledgers, .ledgersCSV, .ledgersXLSX,
        .register(.key), .registerExport(.key), .registerEntry(.key, .key), .registerEntryHandle(.key, .key), .registerEntryVoid(.key, .key),
        .assessments, .assessmentHistory, .indicatorSets, .bulletins, .bulletin(.key), .bulletinExport(.key),
        .checklists, .newChecklist, .checklist(.key), .editChecklist(.key), .myTasks, .coverage, .coverageFrequencies,
        .campaigns, .newCampaign, .campaign(.key), .editCampaign(.key), .campaignImport(.key), .campaignTasks(.key),
        .campaignTasksXLSX(.key), .campaignTasksCSV(.key), .campaignTaskEdit(.key, .key), .campaignTaskDelete(.key, .key),
        .campaignTaskProgress(.key, .key), .campaignEvidence(.key, .key), .publicCampaign(.key),
        .grids, .gridMove, .grid(.key), .inspections, .newInspection, .inspection(.key), .inspectionItemHazard(.key, .key),
        .places, .newPlace, .editPlace(.key), .placeRisk(.key), .placeRiskApprove(.key, .key),
        .risks, .regionMap, .enterpriseMap, .boundaries, .users, .newUser, .userAccess(.key), .imports,
        .calendar, .calendarYear(.key), .attachment(.key), .messages, .message(.key), .messagesRead,
    ]

    @Test("every named page is a route the server registers, parameter names included")
    func everyURLIsARoute() async throws {
        try await withTestApp { app in
            let registered = Set(app.routes.all.map { $0.path.map(\.description).joined(separator: "/") })
            for url in Self.patterns {
                let pattern = url.pathComponents.map(\.description).joined(separator: "/")
                #expect(registered.contains(pattern), "no route for /\(pattern)")
            }
        }
    }

    @Test("links fill in the values, encode them, and keep a query as given")
    func links() {
        #expect(SiteURL.home.path == "/")
        #expect(SiteURL.hazard(.id(12)).path == "/hazards/12")
        #expect(SiteURL.registerEntryVoid(.value("activities"), .id(3)).path == "/registers/activities/3/void")
        #expect(SiteURL.campaignTaskEdit(.id(1), .id(2)).path == "/campaigns/1/tasks/2/edit")
        #expect(SiteURL.publicCampaign(.value("a/b c")).path == "/p/campaigns/a%2Fb%20c", "a value cannot add a path segment")
        #expect(SiteURL.hazards.with(query: "gridId=3&state=open") == "/hazards?gridId=3&state=open")
        #expect(SiteURL.hazards.with(query: "") == "/hazards")
        #expect(SiteURL.hazard(.key).pathComponents.map(\.description) == ["hazards", ":hazardID"])
    }
}
