@testable import App
import Fluent
import Foundation
import SafeGridDomain
import Testing
import Vapor
import VaporTesting

@Suite("Web pages: rendering, languages, scope, ledger and export")
struct WebPagesTests {
    /// A catalogue key that reached the page instead of its text: `nav.ledger`, `nav_ledger`, `error.x`.
    static let leakedKey =
        #"\b(nav|error|dashboard|ledger|hazard|action_form|new_hazard|notice|grids|places|users|form|pager|csv|plan|login|app|upload)[._][a-z]"#

    static func expectClean(_ html: String, _ path: String) {
        if let match = html.firstMatch(of: try! Regex(leakedKey)) {
            let start = html.index(match.range.lowerBound, offsetBy: -40, limitedBy: html.startIndex) ?? html.startIndex
            let end = html.index(match.range.upperBound, offsetBy: 40, limitedBy: html.endIndex) ?? html.endIndex
            Issue.record("\(path): catalogue key leaked near “\(html[start..<end])”")
        }
    }

    @Test("every page renders in Chinese and in English, with its title and no raw catalogue key")
    func everyPageInBothLanguages() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let id = try await HazardSteps.register(app, f, title: "楼道堆放杂物")
            try await HazardSteps.assign(app, f, id)
            let placeId = f.place.id ?? 0
            let pages: [(String, String)] = [
                ("/", "dashboard.title"), ("/hazards", "ledger.title"), ("/hazards?state=rectifying&page=1", "ledger.title"),
                ("/hazards/new", "new_hazard.title"), ("/hazards/\(id)", "hazard.timeline"), ("/hazards/\(id)/notice", "notice.title"),
                ("/grids", "grids.title"), ("/places", "places.title"), ("/places/new", "places.new"),
                ("/places/\(placeId)/edit", "places.edit"), ("/users", "users.title"), ("/users/new", "users.new"),
            ]
            let admin = try await WebSession.login(app, "admin")
            for (path, key) in pages {
                for locale in AppLocale.allCases {
                    let url = locale == .en ? path + (path.contains("?") ? "&" : "?") + "lang=en" : path
                    let response = try await admin.get(url)
                    #expect(response.status == .ok, "\(url): \(response.status)")
                    let html = response.body.string
                    #expect(html.contains(Catalogue.text(key, locale)), "\(url) lacks “\(Catalogue.text(key, locale))”")
                    #expect(html.contains(Catalogue.text("nav.ledger", locale)), "\(url) lacks the navigation")
                    #expect(html.contains("lang=\"\(locale.rawValue)\""), "\(url) is not marked \(locale.rawValue)")
                    Self.expectClean(html, url)
                }
            }
        }
    }

    @Test("pages render for a grid worker too, whose forms and lists are narrower")
    func gridWorkerPages() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let id = try await HazardSteps.register(app, f, title: "电线私拉乱接")
            let worker = try await WebSession.login(app, "worker")
            for path in ["/", "/hazards", "/hazards/new", "/hazards/\(id)", "/grids", "/places", "/places/new", "/hazards?lang=en"] {
                let response = try await worker.get(path)
                #expect(response.status == .ok, "\(path): \(response.status)")
                Self.expectClean(response.body.string, path)
            }
            #expect(try await worker.get("/users").status == .forbidden)
        }
    }

    @Test("a form posted without the CSRF token is refused with 403 and changes nothing")
    func csrfRequired() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let id = try await HazardSteps.register(app, f, title: "消防通道堵塞")
            let officer = try await WebSession.login(app, "officer")
            let refused = try await officer.post("/hazards/\(id)/actions", [("action", "void"), ("version", "1"), ("note", "重复")], csrf: false)
            #expect(refused.status == .forbidden)
            #expect(try await HazardSteps.state(app, id) == .registered)
            let multipart = try await officer.postMultipart("/hazards/new", [("title", "无令牌"), ("category", "fire"), ("source", "territorial"),
                                                                             ("placeId", "\(f.place.id ?? 0)")], csrf: false)
            #expect(multipart.status == .forbidden)
            #expect(try await officer.post("/grids", [("name", "x")], csrf: false).status == .forbidden)
        }
    }

    @Test("a hazard outside the user's grids is not found, nor its notice or its actions")
    func outOfScope() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let id = try await HazardSteps.register(app, f, title: "液化气瓶未固定")
            try await HazardSteps.assign(app, f, id)
            let other = try await WebSession.login(app, "workerB")
            #expect(try await other.get("/hazards/\(id)").status == .notFound)
            #expect(try await other.get("/hazards/\(id)/notice").status == .notFound)
            #expect(try await other.post("/hazards/\(id)/actions", [("action", "comment"), ("version", "2"), ("note", "看看")]).status == .notFound)
            #expect(try await HazardSteps.eventCount(app, id) == 2)
            #expect(!(try await other.get("/hazards").body.string.contains("液化气瓶未固定")))
            #expect(!(try await other.get("/hazards.csv").body.string.contains("液化气瓶未固定")))
            // In scope but never assigned: there is no notice to print.
            let fresh = try await HazardSteps.register(app, f, title: "安全出口指示灯不亮")
            #expect(try await WebSession.login(app, "worker").get("/hazards/\(fresh)/notice").status == .notFound)
        }
    }

    @Test("ledger filters narrow the rows; a bad filter value is a 400 with the field named")
    func ledgerFilters() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            _ = try await HazardSteps.register(app, f, title: "灭火器压力不足", category: "fire")
            _ = try await HazardSteps.register(app, f, title: "燃气软管老化", category: "gas")
            let inB = try await HazardSteps.register(app, f, as: "workerB", title: "村道护栏缺失", category: "traffic", grid: f.villageB)
            try await HazardSteps.assign(app, f, inB)
            let officer = try await WebSession.login(app, "officer")

            let all = try await officer.get("/hazards").body.string
            #expect(["灭火器压力不足", "燃气软管老化", "村道护栏缺失"].allSatisfy(all.contains))
            #expect(all.contains(Catalogue.text("pager.summary", .zhHans, ["1", "3", "3"])))

            let fire = try await officer.get("/hazards?category=fire").body.string
            #expect(fire.contains("灭火器压力不足") && !fire.contains("燃气软管老化") && !fire.contains("村道护栏缺失"))
            let villageB = try await officer.get("/hazards?gridId=\(f.villageB.id ?? 0)").body.string
            #expect(villageB.contains("村道护栏缺失") && !villageB.contains("灭火器压力不足"))
            let text = try await officer.get("/hazards?q=%E8%BD%AF%E7%AE%A1").body.string // 软管
            #expect(text.contains("燃气软管老化") && !text.contains("灭火器压力不足"))
            let rectifying = try await officer.get("/hazards?state=rectifying").body.string
            #expect(rectifying.contains("村道护栏缺失") && !rectifying.contains("燃气软管老化"))
            // As the filter form sends it: every field, most of them empty.
            let form = try await officer.get("/hazards?q=&state=&gridId=&category=gas&grade=&source=&from=&to=&sort=-discoveredAt")
            #expect(form.status == .ok)
            #expect(form.body.string.contains("燃气软管老化") && !form.body.string.contains("灭火器压力不足"))
            let bad = try await officer.get("/hazards?state=nonsense")
            #expect(bad.status == .badRequest)
            #expect(bad.body.string.contains(Catalogue.text("error.invalid_input", .zhHans)))
        }
    }

    @Test("the ledger pages fifty rows at a time and keeps the filters in the page links")
    func ledgerPaging() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            for i in 1...52 { _ = try await HazardSteps.register(app, f, title: "巡查问题\(i)号") }
            let officer = try await WebSession.login(app, "officer")
            let first = try await officer.get("/hazards?category=fire").body.string
            #expect(first.contains(Catalogue.text("pager.summary", .zhHans, ["1", "50", "52"])))
            #expect(first.contains("/hazards?category=fire&amp;page=2"))
            let second = try await officer.get("/hazards?category=fire&page=2").body.string
            #expect(second.contains(Catalogue.text("pager.summary", .zhHans, ["51", "52", "52"])))
            #expect(second.components(separatedBy: "data-label=\"编号\"").count - 1 == 2)
        }
    }

    @Test("the CSV export is UTF-8 with a BOM, CRLF lines, one per hazard under a header in the user's language")
    func csvExport() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            _ = try await HazardSteps.register(app, f, title: "灭火器过期", category: "fire")
            _ = try await HazardSteps.register(app, f, title: "配电箱无门, 带逗号", category: "electrical")
            _ = try await HazardSteps.register(app, f, title: "=SUM(A1) 公式", category: "other")
            let officer = try await WebSession.login(app, "officer")

            let response = try await officer.get("/hazards.csv")
            #expect(response.status == .ok)
            #expect(response.headers.contentType?.subType == "csv")
            let bytes = Array(response.body.readableBytesView)
            #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF], "no UTF-8 BOM")
            let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
            let lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.count == 4, "header plus three hazards, got \(lines.count)")
            #expect(lines[0].hasPrefix(Catalogue.text("csv.number", .zhHans)))
            #expect(text.contains("\"配电箱无门, 带逗号\""))
            #expect(text.contains("'=SUM(A1) 公式"))

            let english = try await officer.get("/hazards.csv?lang=en&category=fire").body.string
            let englishLines = english.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(englishLines.count == 2)
            #expect(englishLines[0].contains(Catalogue.text("csv.number", .en)))
        }
    }
}
