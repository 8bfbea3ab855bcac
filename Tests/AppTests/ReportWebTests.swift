@testable import App
import Fluent
import Foundation
import SafeGridDomain
import Testing
import VaporTesting

@Suite("Register, assessment and bulletin pages")
struct ReportWebTests {
    @Test("registers: the form records an activity, errors come back by the fields, public reports are handled, exports download")
    func registerPages() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let officer = try await WebSession.login(app, "officer")
            let page = try await officer.get("/registers/activities")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("宣传培训演练") && page.body.string.contains("新增记录"))

            let bad = try await officer.post("/registers/activities", [("kind", "lecture"), ("title", ""), ("heldOn", "2026-12-01"),
                                                                        ("gridId", "\(f.villageA.id!)"), ("venue", "村委会"), ("people", "x")])
            #expect(bad.status == .badRequest)
            #expect(bad.body.string.contains("日期不能晚于今天") && bad.body.string.contains("必填"))

            let ok = try await officer.post("/registers/activities", [("kind", "lecture"), ("title", "安全大讲堂：电动车充电"),
                                                                       ("heldOn", "2026-11-25"), ("gridId", "\(f.villageA.id!)"),
                                                                       ("venue", "马固村委会"), ("people", "180")])
            #expect(ok.status == .seeOther)
            #expect(try await officer.get("/registers/activities").body.string.contains("安全大讲堂：电动车充电"))

            let posted = try await officer.post("/registers/publicReports", [("receivedOn", "2026-11-24"), ("channel", "hotline12345"),
                                                                    ("gridId", "\(f.villageA.id!)"), ("content", "门店夜间留宿")])
            #expect(posted.status == .seeOther, "\(posted.body.string.prefix(2000))")
            let report = try #require(try await PublicReportRecord.query(on: app.db).first())
            let handled = try await officer.post("/registers/publicReports/\(report.id!)/handle", [("handledOn", "2026-11-25"), ("reply", "已核实整改")])
            #expect(handled.status == .seeOther)
            #expect(try await PublicReportRecord.find(report.id, on: app.db)?.handledOn == "2026-11-25")

            let csv = try await officer.get("/registers/activities/export?format=csv")
            #expect(csv.status == .ok && csv.body.string.contains("安全大讲堂：电动车充电") && csv.body.string.contains("180"))
            let xlsx = try await officer.get("/registers/publicReports/export?format=xlsx")
            #expect(xlsx.status == .ok && xlsx.headers.contentType == Download.xlsxType)
            #expect(xlsx.body.readableBytesView.starts(with: [0x50, 0x4B]), "an xlsx file is a zip")

            let english = try await officer.get("/registers/accidents?lang=en")
            #expect(english.body.string.contains("Accidents") && english.body.string.contains("Add an entry"))
            let owner = try await WebSession.login(app, "owner")
            #expect(try await owner.get("/registers/activities").status == .forbidden)
            #expect(try await officer.get("/registers/nothing").status == .notFound)
        }
    }

    @Test("assessment ranking and history pages with charts; a bulletin generated from the page prints with its figures and exports")
    func assessmentAndBulletin() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let rows = try await SeedRows(app, f)
            try await rows.hazards(3, in: f.villageA, closed: true, deadline: "2026-11-30")
            try await rows.visits(4, .shop, in: f.villageB)
            let officer = try await WebSession.login(app, "officer")

            let ranking = try await officer.get("/assessments?period=2026-11")
            #expect(ranking.status == .ok)
            let html = ranking.body.string
            #expect(html.contains("马固村") && html.contains("峡窝村") && html.contains("<svg") && html.contains("结案率（30）"))
            #expect(try await officer.get("/assessments?period=2026-13").status == .badRequest)
            let csv = try await officer.get("/assessments?period=2026-11&format=csv")
            #expect(csv.status == .ok && csv.body.string.contains("马固村"))
            let history = try await officer.get("/assessments/history?gridId=\(f.villageA.id!)&period=2026-11")
            #expect(history.status == .ok && history.body.string.contains("2026-06") && history.body.string.contains("2026-11"))

            let made = try await officer.post("/bulletins", [("gridId", "\(f.township.id!)"), ("period", "2026-W48")])
            #expect(made.status == .seeOther)
            let location = try #require(made.headers.first(name: .location))
            let sheet = try await officer.get(location)
            #expect(sheet.status == .ok)
            let text = sheet.body.string
            #expect(text.contains("峡窝镇安全生产工作通报") && text.contains("门店 4 家次") && text.contains("排查整治隐患 3 个（处）"))
            #expect(text.contains("4 shop visits"), "the English text follows the Chinese")
            let other = try #require(text.range(of: #"<p class="bulletin-other muted no-print">"#), "the other language is not printed")
            #expect(text[other.upperBound...].prefix(while: { $0 != "<" }).contains("shop visits"))
            #expect(text.components(separatedBy: "<svg").count - 1 == 3, "three charts")
            #expect(text.contains("data-print") && text.contains("class=\"sheet bulletin-sheet\""))
            let book = try await officer.get(location + "/export?format=xlsx")
            #expect(book.status == .ok && book.headers.contentType == Download.xlsxType)
            let list = try await officer.get("/bulletins")
            #expect(list.body.string.contains("2026-W48"))
            let worker = try await WebSession.login(app, "worker")
            #expect(try await worker.get(location).status == .notFound)
            #expect(try await worker.get("/assessments").status == .forbidden)
        }
    }
}

@Suite("Demo registers and bulletins")
struct ReportDemoTests {
    @Test("the demo district has activities, reports, a vetoed village and four weeks of bulletins per township")
    func demo() async throws {
        try await withTestApp { app in
            try await DemoLoader.loadIfEmpty(app)
            #expect(try await ActivityRecord.query(on: app.db).count() > 20)
            #expect(try await PublicReportRecord.query(on: app.db).count() == 5)
            #expect(try await BulletinRecord.query(on: app.db).count() == 10, "2 townships × (4 weeks + this month)")
            let officer = try await WebSession.login(app, "officer", password: DemoData.password)
            let month = ReportPeriod.containing(CivilDate(Date.t0), kind: .month).code
            let html = try await officer.get("/assessments?period=\(month)").body.string
            #expect(html.contains("西宋村") && html.contains("（一票否决）"))
        }
    }
}
