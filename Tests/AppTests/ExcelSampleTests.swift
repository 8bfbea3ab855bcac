@testable import App
import Foundation
import SafeGridDomain
import Testing
import Vapor
import VaporTesting

/// Writes real exports for `scripts/check-xlsx`, which reads them with openpyxl and converts
/// them with LibreOffice. Each `.xlsx` gets a `.json` beside it with the cells it must hold.
/// Without `SAFEGRID_XLSX_OUT` the files go to a temporary folder and only the Swift checks run.
@Suite("Excel: sample exports for independent readers")
struct ExcelSampleTests {
    @Test("the ledger, a task list and a typed sample are written with their expected cells")
    func writeSamples() async throws {
        let out = ProcessInfo.processInfo.environment["SAFEGRID_XLSX_OUT"]
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("safegrid-xlsx-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)

        // Expected as stored: XML 1.0 cannot hold control characters, the writer puts U+FFFD instead.
        let stored = ExcelTests.sample.rows.map { row in
            row.map { cell -> Cell in
                if case .text(let s) = cell { return .text(s.replacingOccurrences(of: "\u{01}", with: "\u{FFFD}")) }
                return cell
            }
        }
        try write(try Workbook(sheets: [ExcelTests.sample]).xlsx(), expected: [ExcelTests.sample.name: [ExcelTests.sample.header.map { .text($0) }] + stored],
                  name: "sample", to: out)
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let id = try await CampaignTests.campaign(app, f)
            try await CampaignTests.seedTasks(app, f, id)
            let hazard = try await HazardSteps.register(app, f, title: "液化气钢瓶 & 灶具 <室内>")
            try await HazardSteps.assign(app, f, hazard)
            let tasks = try await api(app, .GET, "/api/v1/campaigns/\(id)/tasks.xlsx", as: f.tokens["officer"])
            let web = try await WebSession.login(app, "officer")
            let ledger = try await web.get("/hazards.xlsx")
            for (name, response) in [("tasks", tasks.status, tasks.body), ("ledger", ledger.status, ledger.body)].map({ ($0.0, (status: $0.1, body: $0.2)) }) {
                #expect(response.status == .ok)
                let data = Data(response.body.readableBytesView)
                let sheets = try WorkbookReader.read(data)
                try write(data, expected: Dictionary(uniqueKeysWithValues: sheets.map { ($0.name, $0.rows) }), name: name, to: out)
            }
        }
        #expect(FileManager.default.fileExists(atPath: "\(out)/ledger.json"))
    }

    private func write(_ data: Data, expected: [String: [[Cell]]], name: String, to folder: String) throws {
        try data.write(to: URL(fileURLWithPath: "\(folder)/\(name).xlsx"))
        let json = expected.mapValues { rows in rows.map { $0.map(Self.json) } }
        let encoded = try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])
        try encoded.write(to: URL(fileURLWithPath: "\(folder)/\(name).json"))
    }

    /// How scripts/check-xlsx compares a cell: dates and instants as tagged text (China time).
    static func json(_ cell: Cell) -> Any {
        switch cell {
        case .empty: NSNull()
        case .text(let s): s
        case .integer(let n): n
        case .number(let d), .decimal(let d), .percent(let d): d
        case .bool(let b): b
        case .date(let d): "date:\(d)"
        case .dateTime(let t): "datetime:" + WebFormat.dateTime(t).replacingOccurrences(of: " ", with: "T")
        }
    }
}
