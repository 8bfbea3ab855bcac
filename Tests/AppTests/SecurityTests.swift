@testable import App
import Fluent
import Foundation
import SafeGridDomain
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Issue 11: what a stranger or a careless client can send. Every case here ended the process
/// or was accepted before the fix.
@Suite struct SecurityTests {
    @Test("malformed paths are refused without a session and the server answers the next request", arguments: ["/%ff", "/%2e%2e/x", "/css/%ff"])
    func malformedPaths(path: String) async throws {
        try await withTestApp { app in
            let response = try await app.testing().sendRequest(.GET, path)
            #expect((400..<500).contains(response.status.code), "\(response.status)")
            #expect(try await app.testing().sendRequest(.GET, "/login").status == .ok)
        }
    }

    @Test("huge paging values are a 400 naming the field, on every API list")
    func hugePaging() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            for list in ["places", "grids", "users", "hazards", "bulletins", "inspections", "activities", "accidents", "public-reports", "risks"] {
                for (field, value) in [("offset", "9223372036854775807"), ("offset", "10000001"), ("limit", "9223372036854775807"), ("offset", "-1")] {
                    let response = try await api(app, .GET, "/api/v1/\(list)?\(field)=\(value)", as: f.tokens["admin"])
                    #expect(response.status == .badRequest, "\(list) \(field)=\(value): \(response.status)")
                    #expect(fieldErrors(response) == ["\(field)=error.field.out_of_range"], "\(list): \(response.body.string)")
                }
            }
            #expect(try await api(app, .GET, "/api/v1/places?offset=10000000", as: f.tokens["admin"]).status == .ok)
        }
    }

    @Test("whole numbers in query strings are never silently ignored: text or out of range is a 400 naming the parameter")
    func queryIntegers() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            for (path, field) in [("/api/v1/assessments?period=2026-11&gridId=abc", "gridId"), ("/api/v1/bulletins?gridId=1x", "gridId"),
                                  ("/api/v1/assessments/history?period=2026-11&count=0", "count"),
                                  ("/api/v1/assessments/history?period=2026-11&count=99999999999999999999", "count"),
                                  ("/api/v1/ledgers/sources?townshipId=-5", "townshipId")] {
                let response = try await api(app, .GET, path, as: f.tokens["admin"])
                #expect(response.status == .badRequest && fieldErrors(response) == ["\(field)=error.field.out_of_range"], "\(path): \(response.body.string)")
            }
            #expect(try await api(app, .GET, "/api/v1/bulletins?gridId=", as: f.tokens["admin"]).status == .ok, "empty is absent")
        }
    }

    @Test("huge page numbers are a 400 on every web list")
    func hugeWebPages() async throws {
        try await withTestApp { app in
            _ = try await Fixture.make(app)
            let admin = try await WebSession.login(app, "admin")
            for list in ["/hazards", "/places", "/users", "/risks", "/inspections", "/bulletins", "/registers/activities"] {
                let response = try await admin.get("\(list)?page=1000000000000000000")
                #expect(response.status == .badRequest, "\(list): \(response.status)")
                #expect(try await admin.get("\(list)?page=2").status == .ok, "\(list)")
            }
        }
    }

    @Test("a multipart body that is only a closing boundary is a 400, not a 500")
    func brokenMultipart() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let id = try await HazardSteps.register(app, f, title: "配电箱门损坏")
            for path in ["/api/v1/attachments", "/api/v1/hazards/\(id)/attachments"] {
                let response = try await app.testing().sendRequest(.POST, path) { req in
                    req.headers.bearerAuthorization = BearerAuthorization(token: f.tokens["worker"]!)
                    req.headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=XX")
                    req.body = ByteBuffer(string: "--XX--")
                }
                #expect(response.status == .badRequest, "\(path): \(response.status) \(response.body.string)")
            }
        }
    }

    @Test("an empty multipart boundary is a 400 on the web before signing in and on the API (it trapped in the parser)")
    func emptyBoundary() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            for (path, token) in [("/login", nil), ("/hazards/new", nil), ("/api/v1/attachments", f.tokens["worker"])] {
                let response = try await app.testing().sendRequest(.POST, path) { req in
                    if let token { req.headers.bearerAuthorization = BearerAuthorization(token: token) }
                    req.headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=")
                    req.body = ByteBuffer(string: "x")
                }
                #expect((400..<500).contains(response.status.code), "\(path): \(response.status)")
            }
            #expect(try await app.testing().sendRequest(.GET, "/login").status == .ok)
        }
    }

    @Test("overlong paths under Public/ are a 404, not a 500", arguments: [256, 300, 5_000])
    func overlongStaticPaths(length: Int) async throws {
        try await withTestApp { app in
            for path in ["/" + String(repeating: "a", count: length), "/css/" + String(repeating: "b", count: length),
                         String(repeating: "/c", count: length / 2)] {
                let response = try await app.testing().sendRequest(.GET, path)
                #expect(response.status == .notFound, "\(path.prefix(20))…: \(response.status)")
            }
        }
    }

    @Test("HTML answers forbid inline script, framing and sniffing; HSTS only with secure cookies")
    func headers() async throws {
        try await withTestApp { app in
            let page = try await app.testing().sendRequest(.GET, "/login")
            let csp = try #require(page.headers.first(name: "Content-Security-Policy"))
            #expect(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"))
            #expect(!csp.split(separator: ";").contains { $0.contains("script-src") && $0.contains("unsafe-inline") })
            #expect(page.headers.first(name: "X-Content-Type-Options") == "nosniff")
            #expect(page.headers.first(name: "Referrer-Policy") == "same-origin")
            #expect(page.headers.first(name: "Strict-Transport-Security") == nil)
            #expect(!page.body.string.contains("<script>"), "no inline script in the page")
            let missing = try await app.testing().sendRequest(.GET, "/no-such-page")
            #expect(missing.headers.first(name: "Content-Security-Policy") != nil, "error pages carry the headers too")
        }
    }

    @Test("next= only ever leads to a path of this site", arguments: [
        ("/hazards?state=open", "/hazards?state=open"), ("//evil.com", "/"), ("/\t/evil.com", "/"), ("/\\evil.com", "/"),
        ("https://evil.com", "/"), ("/%2F%2Fevil.com", "/"), ("/%5cevil.com", "/"), (" /x", "/"), ("/a\n/b", "/"),
        ("/\u{200B}/evil.com", "/"), ("", "/"),
    ])
    func safeNext(input: String, expected: String) {
        #expect(SessionWebController.safeNext(input) == expected)
    }

    @Test("the language switch does not bounce to another site")
    func languageSwitchRedirect() async throws {
        try await withTestApp { app in
            let response = try await app.testing().sendRequest(.GET, "/lang/en?next=/%09/evil.com")
            #expect(response.headers.first(name: .location) == "/")
        }
    }

    @Test("CSV exports neutralise formulas, full-width ones included", arguments: ["=1+1", "＝1+1", "＋1", "－1", "＠SUM(A1)", "\t=1", "@x"])
    func csvFormulas(value: String) {
        #expect(CSV.field(value).hasPrefix("'") || CSV.field(value).hasPrefix("\"'"), "\(CSV.field(value))")
    }

    @Test("an anonymous visit to the login page writes no session row")
    func anonymousLoginPage() async throws {
        try await withTestApp { app in
            let sql = app.db as! any SQLDatabase
            func sessions() async throws -> Int {
                try await sql.raw("SELECT count(*) AS n FROM _fluent_sessions").first()?.decode(column: "n", as: Int.self) ?? -1
            }
            let before = try await sessions()
            let page = try await app.testing().sendRequest(.GET, "/login")
            #expect(page.status == .ok)
            _ = try await app.testing().sendRequest(.GET, "/login", headers: ["Cookie": "safegrid_session=stale-id-from-last-week"])
            #expect(try await sessions() == before)
        }
    }

    @Test("a web session ends after eight idle hours and after a week, on the server")
    func sessionLimits() async throws {
        try await withTestApp { app in
            _ = try await Fixture.make(app)
            let worker = try await WebSession.login(app, "worker")
            #expect(try await worker.get("/").status == .ok)
            app.clock = AppClock { Date.t0.addingTimeInterval(SessionPolicy.idleSeconds - 60) }
            #expect(try await worker.get("/").status == .ok, "within the idle limit")
            app.clock = AppClock { Date.t0.addingTimeInterval(SessionPolicy.idleSeconds * 2 - 30) }
            let idle = try await worker.get("/")
            #expect(idle.status == .seeOther && idle.headers.first(name: .location)?.hasPrefix("/login") == true, "\(idle.status)")
        }
    }

    @Test("a whole office signs in from one address: successes do not count towards the address's limit, failures still do")
    func officeBehindOneAddress() async throws {
        try await withTestApp { app in
            _ = try await Fixture.make(app)
            let names = ["worker", "worker2", "workerB", "officer", "leader"]
            let limit = SignInThrottle.Scope.address.freeTries
            for round in 0..<(limit / names.count + 2) {
                for name in names {
                    let signIn = try await api(app, .POST, "/api/v1/auth/token", as: nil, json: ["username": name, "password": Fixture.password])
                    #expect(signIn.status == .ok, "sign-in \(round * names.count + 1) of \(name): \(signIn.status)")
                }
            }
            // Wrong guesses from the same address are still counted and slowed.
            var statuses: [HTTPStatus] = []
            for i in 0...limit {
                statuses.append(try await api(app, .POST, "/api/v1/auth/token", as: nil, json: ["username": "guess\(i)", "password": "x"]).status)
            }
            #expect(statuses.last == .tooManyRequests, "\(statuses.map(\.code))")
        }
    }

    @Test("sign-in throttling: ten parallel wrong guesses get five answers, the rest wait; fifty at once give no 500")
    func parallelGuesses() async throws {
        try await withTestApp { app in
            _ = try await Fixture.make(app)
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for _ in 0..<10 {
                    group.addTask { try await api(app, .POST, "/api/v1/auth/token", as: nil, json: ["username": "worker", "password": "wrong-guess-1"]).status }
                }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .unauthorized }.count == SignInThrottle.Scope.accountAtAddress.freeTries, "\(statuses)")
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 10 - SignInThrottle.Scope.accountAtAddress.freeTries)
            let burst = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for i in 0..<50 {
                    group.addTask { try await api(app, .POST, "/api/v1/auth/token", as: nil, json: ["username": "nobody\(i % 3)", "password": "x"]).status }
                }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }
            #expect(burst.allSatisfy { $0 == .unauthorized || $0 == .tooManyRequests }, "\(Set(burst.map(\.code)))")
        }
    }

    @Test("an unknown username and a wrong password get the same answer")
    func sameAnswer() async throws {
        try await withTestApp { app in
            _ = try await Fixture.make(app)
            let unknown = try await api(app, .POST, "/api/v1/auth/token", as: nil, json: ["username": "no-such-user", "password": "wrong-guess-1"])
            let wrong = try await api(app, .POST, "/api/v1/auth/token", as: nil, json: ["username": "worker", "password": "wrong-guess-1"])
            #expect(unknown.status == wrong.status)
            #expect(try apiError(unknown) == apiError(wrong))
        }
    }

    @Test("passwords: blank, short, too long for bcrypt, the username, a common one are refused", arguments: [
        ("        ", "error.field.required"), ("short", "error.field.password_short"),
        (String(repeating: "安", count: 25), "error.field.password_long"), ("xx-newworker-xx", "error.field.password_username"),
        ("Password123", "error.field.password_common"), ("qwertyuiop", "error.field.password_common"),
    ])
    func passwordPolicy(password: String, key: String) {
        var errors = FieldErrors()
        PasswordPolicy.check(password, username: "newworker", common: DirectoryService.commonPasswords, into: &errors)
        #expect(errors.items.map(\.key) == [key])
    }

    @Test("the shipped list of common passwords is loaded")
    func commonListLoaded() {
        #expect(DirectoryService.commonPasswords.count > 100)
        #expect(DirectoryService.commonPasswords.contains("12345678"))
    }

    @Test("changing one's password ends the other tokens; deactivation and revocation end them at once")
    func revocation() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let other = try await f.login(app, "worker")
            let change = try await api(app, .POST, "/api/v1/me/password", as: f.tokens["worker"],
                                       json: ["currentPassword": Fixture.password, "newPassword": "a-new-passphrase-9"])
            #expect(change.status == .noContent, "\(change.body.string)")
            #expect(try await api(app, .GET, "/api/v1/me", as: f.tokens["worker"]).status == .ok, "the calling token goes on")
            #expect(try await api(app, .GET, "/api/v1/me", as: other).status == .unauthorized, "the other token ended")
            let wrong = try await api(app, .POST, "/api/v1/me/password", as: f.tokens["worker"],
                                      json: ["currentPassword": "not-it-at-all", "newPassword": "another-passphrase-9"])
            #expect(fieldErrors(wrong) == ["currentPassword=error.field.password_wrong"])

            let web = try await WebSession.login(app, "worker2")
            struct Access: Encodable, Sendable { let active: Bool }
            let off = try await api(app, .PATCH, "/api/v1/users/\(f.users["worker2"]!.id!)", as: f.tokens["admin"], json: Access(active: false))
            #expect(off.status == .ok)
            #expect(try await api(app, .GET, "/api/v1/me", as: f.tokens["worker2"]).status == .unauthorized)
            #expect(try await web.get("/").status == .seeOther, "the web session ended")

            #expect(try await api(app, .POST, "/api/v1/users/\(f.users["officer"]!.id!)/revoke", as: f.tokens["admin"]).status == .noContent)
            #expect(try await api(app, .GET, "/api/v1/me", as: f.tokens["officer"]).status == .unauthorized)
            #expect(try await api(app, .POST, "/api/v1/users/\(f.users["leader"]!.id!)/revoke", as: f.tokens["officer2"]).status == .forbidden)
            let selfOff = try await api(app, .PATCH, "/api/v1/users/\(f.users["admin"]!.id!)", as: f.tokens["admin"], json: Access(active: false))
            #expect(fieldErrors(selfOff) == ["active=error.field.deactivate_self"])
        }
    }

    @Test("co-inspectors and campaign tags are checked for existence and scope")
    func inspectionWritesAcrossScope() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let placeId = f.place.id!
            let owner = f.users["owner"]!.id!
            var response = try await apiJSON(app, .POST, "/api/v1/inspections", as: f.tokens["worker"], #"{"placeId":\#(placeId),"inspectorIds":[\#(owner)]}"#)
            #expect(fieldErrors(response) == ["inspectorIds=error.inspection.co_inspector_scope"], "an enterprise user never co-inspects")
            let outsider = f.users["officer2"]!.id!
            response = try await apiJSON(app, .POST, "/api/v1/inspections", as: f.tokens["worker"], #"{"placeId":\#(placeId),"inspectorIds":[\#(outsider)]}"#)
            #expect(fieldErrors(response) == ["inspectorIds=error.inspection.co_inspector_scope"], "nor does an officer of another township")
            response = try await apiJSON(app, .POST, "/api/v1/inspections", as: f.tokens["worker"], #"{"placeId":\#(placeId),"campaignId":999}"#)
            #expect(fieldErrors(response) == ["campaignId=error.inspection.campaign_scope"], "no such campaign")
            let other = try await api(app, .POST, "/api/v1/campaigns", as: f.tokens["officer2"], json: CampaignTests.NewCampaign(gridId: f.otherTownship.id!))
            let otherId = try decode(CampaignDTO.self, other).id
            response = try await apiJSON(app, .POST, "/api/v1/inspections", as: f.tokens["worker"], #"{"placeId":\#(placeId),"campaignId":\#(otherId)}"#)
            #expect(fieldErrors(response) == ["campaignId=error.inspection.campaign_scope"], "another township's campaign")
            let colleague = f.users["worker2"]!.id!
            response = try await apiJSON(app, .POST, "/api/v1/inspections", as: f.tokens["worker"], #"{"placeId":\#(placeId),"inspectorIds":[\#(colleague)]}"#)
            #expect(response.status == .created, "a colleague of the same village may join")
        }
    }

    @Test("a campaign's tagging call cannot take a hazard out of another campaign")
    func untagAcrossCampaigns() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let hazard = try await HazardSteps.register(app, f, title: "灭火器过期")
            struct Tag: Content { let hazardIds: [Int]; var remove = false }
            let created = try await api(app, .POST, "/api/v1/campaigns", as: f.tokens["admin"],
                                        json: CampaignTests.NewCampaign(name: "区专项", gridId: f.district.id!))
            let district = try decode(CampaignDTO.self, created).id
            let ownCampaign = try await api(app, .POST, "/api/v1/campaigns", as: f.tokens["officer"],
                                            json: CampaignTests.NewCampaign(name: "镇专项", gridId: f.township.id!))
            let own = try decode(CampaignDTO.self, ownCampaign).id
            #expect(try await api(app, .POST, "/api/v1/campaigns/\(district)/hazards", as: f.tokens["admin"], json: Tag(hazardIds: [hazard])).status == .ok)
            let removal = try await api(app, .POST, "/api/v1/campaigns/\(own)/hazards", as: f.tokens["officer"], json: Tag(hazardIds: [hazard], remove: true))
            #expect(removal.status == .badRequest)
            #expect(fieldErrors(removal) == ["hazardIds=error.field.campaign.not_tagged"])
            let row = try await HazardStore.find(hazard, on: app.db)
            #expect(row?.campaignId == district)
        }
    }
}
