@testable import App
import Foundation
import Testing
import VaporTesting

/// Pages must run a fixed number of queries whatever the page holds: no query per row (N+1).
@Suite("Queries per request")
struct QueryCountTests {
    func queries(_ app: Application, _ path: String, token: String?, cookie: String? = nil) async throws -> Int {
        let id = UUID().uuidString
        let response = try await app.testing().sendRequest(.GET, path) { req in
            req.headers.replaceOrAdd(name: "X-Request-Id", value: id)
            if let token { req.headers.bearerAuthorization = .init(token: token) }
            if let cookie { req.headers.replaceOrAdd(name: .cookie, value: "\(WebSession.cookieName)=\(cookie)") }
        }
        #expect(response.status == .ok, "\(path): \(response.status)")
        return QueryCounter.shared.count(for: id)
    }

    @Test("the ledger runs as many queries for 40 rows as for 4")
    func ledgerHasNoNPlusOne() async throws {
        QueryCounter.install()
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            for _ in 0..<4 {
                _ = try await api(app, .POST, "/api/v1/hazards", as: f.tokens["worker"], json: HazardLoopTests.NewHazard(placeId: f.place.id))
            }
            _ = try await queries(app, "/api/v1/me", token: f.tokens["officer"]) // the signed-in user is cached after this
            let web = try await WebSession.login(app, "officer")
            let few = try await queries(app, "/api/v1/hazards?limit=50", token: f.tokens["officer"])
            let fewEvents = try await queries(app, "/api/v1/hazards/1/events", token: f.tokens["officer"])
            // The first page also reads the grid picker, kept for a few seconds (GridPickerCache).
            let coldWeb = try await queries(app, "/hazards", token: nil, cookie: web.cookie)
            let fewWeb = try await queries(app, "/hazards", token: nil, cookie: web.cookie)
            #expect(coldWeb == fewWeb + 1, "the grid picker is read once, then kept: \(coldWeb) then \(fewWeb) queries")
            let fewDetail = try await queries(app, "/hazards/1", token: nil, cookie: web.cookie)
            for _ in 0..<36 {
                _ = try await api(app, .POST, "/api/v1/hazards", as: f.tokens["worker"], json: HazardLoopTests.NewHazard(placeId: f.place.id))
            }
            let many = try await queries(app, "/api/v1/hazards?limit=50", token: f.tokens["officer"])
            #expect(few > 0, "the counter sees the queries")
            #expect(many == few, "ledger: \(few) queries for 4 rows, \(many) for 40")
            // A count and one statement for the page's rows (ids from the index in a subquery).
            #expect(many <= 2, "ledger runs \(many) queries")
            // The total is right on every page, and past the end (where no row carries it).
            for (offset, rows) in [(0, 20), (30, 10), (40, 0), (500, 0)] {
                let page = try decode(ListResponse<HazardDTO>.self, try await api(app, .GET, "/api/v1/hazards?limit=20&offset=\(offset)",
                                                                                 as: f.tokens["officer"]))
                #expect(page.total == 40 && page.items.count == rows, "offset \(offset): \(page.total) total, \(page.items.count) rows")
            }
            #expect(try await queries(app, "/api/v1/hazards/1", token: f.tokens["officer"]) == 1, "one hazard is one statement")
            let manyWeb = try await queries(app, "/hazards", token: nil, cookie: web.cookie)
            #expect(manyWeb == fewWeb, "ledger page: \(fewWeb) queries for 4 rows, \(manyWeb) for 40")
            for n in 0..<6 {
                let r = try await api(app, .POST, "/api/v1/hazards/1/actions", as: f.tokens["officer"],
                                      json: HazardLoopTests.Action(action: "comment", version: n + 1, note: "记录"))
                #expect(r.status == .ok)
            }
            let manyEvents = try await queries(app, "/api/v1/hazards/1/events", token: f.tokens["officer"])
            #expect(manyEvents == fewEvents, "timeline: \(fewEvents) queries for 1 event, \(manyEvents) for 7")
            #expect(manyEvents <= 2, "timeline runs \(manyEvents) queries")
            let manyDetail = try await queries(app, "/hazards/1", token: nil, cookie: web.cookie)
            #expect(manyDetail == fewDetail, "detail page: \(fewDetail) queries for 1 event, \(manyDetail) for 7")
            // The session's read, the unread messages' count (消息 tab), then the hazard with its
            // names, its attachments, its events.
            #expect(manyDetail <= 5, "detail page runs \(manyDetail) queries")
        }
    }

    @Test("a page that leaves the session as it was does not write it; one that changes it does")
    func sessionWrittenOnlyWhenChanged() async throws {
        QueryCounter.install()
        try await withTestApp { app in
            _ = try await Fixture.make(app)
            let web = try await WebSession.login(app, "officer")
            func sessionWrites(_ path: String, cookie: String) async throws -> [String] {
                let id = UUID().uuidString
                let response = try await app.testing().sendRequest(.GET, path) { req in
                    req.headers.replaceOrAdd(name: "X-Request-Id", value: id)
                    req.headers.replaceOrAdd(name: .cookie, value: "\(WebSession.cookieName)=\(cookie)")
                }
                #expect(response.status == .ok, "\(path): \(response.status)")
                // The cookie is renewed on every answer: twelve hours from the last page.
                let cookie = response.headers.first(name: .setCookie) ?? ""
                #expect(cookie.contains("Max-Age=43200") && !cookie.contains("Expires"), "\(cookie)")
                let statements = QueryCounter.shared.sql(for: id)
                #expect(statements.contains { $0.contains("_fluent_sessions") }, "the session is read: \(statements)")
                return statements.filter { $0.contains("_fluent_sessions") && !$0.uppercased().hasPrefix("SELECT") }
            }
            _ = try await sessionWrites("/hazards", cookie: web.cookie)
            #expect(try await sessionWrites("/hazards", cookie: web.cookie).isEmpty, "an unchanged session is not saved")
            #expect(try await sessionWrites("/", cookie: web.cookie).isEmpty, "an unchanged session is not saved")

            // The login form keeps its token in a cookie: a visitor who is not signed in
            // writes no session (issue 11); signing in writes one.
            let id = UUID().uuidString
            let response = try await app.testing().sendRequest(.GET, "/login") { req in
                req.headers.replaceOrAdd(name: "X-Request-Id", value: id)
            }
            #expect(response.status == .ok)
            #expect(!QueryCounter.shared.sql(for: id).contains { $0.contains("_fluent_sessions") }, "the login form touches no session")
            let signIn = UUID().uuidString
            let token = try WebSession.csrfToken(in: response.body.string)
            let cookie = response.headers.setCookie?[CSRFMiddleware.anonymousCookie]?.string ?? ""
            let signedIn = try await app.testing().sendRequest(.POST, "/login") { req in
                req.headers.replaceOrAdd(name: "X-Request-Id", value: signIn)
                req.headers.replaceOrAdd(name: .cookie, value: "\(CSRFMiddleware.anonymousCookie)=\(cookie)")
                try req.content.encode(["_csrf": token, "username": "officer", "password": Fixture.password], as: .urlEncodedForm)
            }
            #expect(signedIn.status == .seeOther)
            #expect(QueryCounter.shared.sql(for: signIn).contains { $0.uppercased().hasPrefix("INSERT") && $0.contains("_fluent_sessions") },
                    "signing in saves a new session")
        }
    }
}
