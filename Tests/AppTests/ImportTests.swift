@testable import App
import Fluent
import Foundation
import SafeGridDomain
import Testing

@Suite("CSV import: all rows or none")
struct ImportTests {
    func data(_ text: String) -> Data { Data(text.utf8) }

    @Test("grids, places and users import with codes resolving to earlier rows")
    func importsEverything() async throws {
        try await withTestApp { app in
            let grids = "\u{FEFF}code,name,level,kind,independentType,parentCode\r\n410106,上街区,district,,,\r\n410106100,峡窝镇,township,,,410106\r\n410106100201,马固村,village,,,410106100\r\n410106100901,中心小学,village,independent,school,410106100\r\n"
            #expect(try await CSVImport.run(.grids, data: data(grids), on: app) == 4)
            let places = "name,category,gridCode,address,latitude,longitude,contactName,contactPhone,aboveScale,tags\n\"马固建材厂, 东区\",industrialEnterprise,410106100201,马固村1号,34.8,113.28,张三,13800000001,是,重点;粉尘\n小卖部,shop,410106100201,马固村2号,,,,,,\n"
            #expect(try await CSVImport.run(.places, data: data(places), on: app) == 2)
            let users = "username,password,displayName,role,gridCodes,level,department,phone\nliwg,password-1,李网格,gridWorker,410106100201,2,,\nzhao,password-2,赵主任,officer,410106100,,,\n"
            #expect(try await CSVImport.run(.users, data: data(users), on: app) == 2)

            let place = try await PlaceRecord.query(on: app.db).filter(\.$name == "马固建材厂, 东区").first()
            #expect(place?.aboveScale == true)
            #expect(place?.tagList == ["重点", "粉尘"])
            let school = try await GridRecord.query(on: app.db).filter(\.$code == "410106100901").first()
            #expect(school?.kind == .independent)
            #expect(school?.independentType == .school)
            let li = try await UserRecord.query(on: app.db).filter(\.$username == "liwg").first()
            #expect(li?.level == 2)
        }
    }

    @Test("one bad row writes nothing and every problem is reported by line and column")
    func allOrNothing() async throws {
        try await withTestApp { app in
            let grids = "code,name,level,parentCode\n410106,上街区,district,\n410106100,峡窝镇,township,410106\n41010610,坏编码,village,410106100\n410106100202,,village,410106999\n"
            do {
                _ = try await CSVImport.run(.grids, data: data(grids), on: app)
                Issue.record("import should have failed")
            } catch let failure as CSVImport.Failure {
                let found = failure.problems.map { "\($0.line):\($0.column)" }
                #expect(found.contains("4:code"), "\(found)")
                #expect(found.contains("5:name"), "\(found)")
                #expect(found.contains("5:parentCode"), "\(found)")
                #expect(failure.report.contains("line 4, code"))
            }
            #expect(try await GridRecord.query(on: app.db).count() == 0, "the valid rows were rolled back too")
        }
    }

    @Test("a header without the required columns is refused")
    func header() async throws {
        try await withTestApp { app in
            await #expect(throws: CSVImport.Failure.self) {
                _ = try await CSVImport.run(.places, data: Data("name,address\nx,y\n".utf8), on: app)
            }
        }
    }

    @Test("CSV parsing handles quotes, doubled quotes, CRLF and blank lines")
    func parser() {
        let rows = CSV.parse("a,\"b,\"\"c\"\"\",d\r\n\r\n1,2,3\n")
        #expect(rows == [["a", "b,\"c\"", "d"], ["1", "2", "3"]])
        #expect(CSV.field("=SUM(A1)") == "'=SUM(A1)", "formulas are neutralised")
        #expect(CSV.document(header: ["x"], rows: [["1"]]).hasPrefix("\u{FEFF}x\r\n1\r\n"))
    }
}
