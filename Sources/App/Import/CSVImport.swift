import Fluent
import Foundation
import SafeGridDomain
import Vapor

/// `safegrid import grids|places|users|tasks FILE.csv|FILE.xlsx`: every row is checked with the
/// same rules as the API, inside one transaction; a single bad row rolls everything back and the
/// whole list of problems is reported by line (or sheet and row) and column.
public enum CSVImport {
    public enum Kind: String, CaseIterable, Sendable {
        case grids, places, users
        /// A campaign's task list (任务清单); needs the campaign's id.
        case tasks

        var columns: [String] {
            switch self {
            case .grids: ["code", "name", "level", "kind", "independentType", "parentCode"]
            case .places: ["name", "category", "gridCode", "address", "latitude", "longitude", "contactName", "contactPhone", "aboveScale", "tags"]
            case .users: ["username", "password", "displayName", "role", "gridCodes", "level", "department", "phone"]
            case .tasks: ["title", "description", "ownerName", "ownerUsername", "deadline", "targetCount", "doneCount", "completedOn", "result"]
            }
        }

        /// Header texts that also name a column: the task list's export writes its headers in
        /// Chinese or English, and that file must import again as it is.
        var aliases: [String: String] {
            guard self == .tasks else { return [:] }
            var all: [String: String] = [:]
            for column in columns {
                for locale in AppLocale.allCases {
                    let label = Catalogue.text("campaign.col.\(column)", locale)
                    if label != "campaign.col.\(column)" { all[label] = column }
                }
            }
            return all
        }

        var required: [String] {
            switch self {
            case .grids: ["code", "name", "level"]
            case .places: ["name", "category", "gridCode", "address"]
            case .users: ["username", "password", "role"]
            case .tasks: ["title", "ownerName", "deadline"]
            }
        }
    }

    public struct Failure: Error, Sendable {
        public struct Problem: Sendable {
            /// The worksheet of an `.xlsx` file; nil for CSV.
            public var sheet: String? = nil
            /// The CSV line or the worksheet row, the header being 1.
            public let line: Int
            public let column: String
            public let message: String

            public var place: String {
                sheet.map { "sheet \($0), row \(line), \(column)" } ?? "line \(line), \(column)"
            }
        }
        public let problems: [Problem]

        public var report: String {
            ([Catalogue.bilingual("error.import.failed")]
                + problems.map { "\($0.place): \($0.message)" }).joined(separator: "\n")
        }
    }

    private struct Rollback: Error { let problems: [Failure.Problem] }

    /// Imports the file (CSV, or `.xlsx` recognised by its first bytes); returns the number of
    /// rows written. `campaignId` names the campaign whose task list `tasks` adds to.
    /// `actor` is the signed-in user of a web import, whose rights each row is checked against
    /// as in the API; nil for the command line, which the operator runs on the server itself.
    public static func run(_ kind: Kind, data: Data, on app: Application, campaignId: Int? = nil, actor: Actor? = nil) async throws -> Int {
        let table = try ImportTable.read(data, kind: kind)
        let now = app.clock.now()
        let today = CivilDate(now)
        let rows = table.rows
        guard let header = rows.first?.map({ h in
            let name = h.trimmingCharacters(in: .whitespaces)
            return kind.aliases[name] ?? name
        }) else {
            throw Failure(problems: [.init(sheet: table.sheet, line: 1, column: "-", message: Catalogue.bilingual("error.import.empty"))])
        }
        let missing = kind.required.filter { !header.contains($0) }
        if !missing.isEmpty {
            throw Failure(problems: [.init(sheet: table.sheet, line: 1, column: missing.joined(separator: ","),
                                           message: Catalogue.bilingual("error.import.header", [missing.joined(separator: ", ")]))])
        }
        var found: CampaignRecord?
        if kind == .tasks {
            if let campaignId { found = try await CampaignRecord.find(campaignId, on: app.db) }
            guard found != nil else {
                throw Failure(problems: [.init(line: 1, column: "campaign", message: Catalogue.bilingual("error.not_found"))])
            }
        }
        let campaign = found
        let passwords = app.password.async
        let dataRows = Array(rows.dropFirst().enumerated()).filter { !$0.element.allSatisfy(\.isEmpty) }
        // Imported grids reach the pickers once the import is over (committed or not).
        defer { if kind == .grids { app.gridPickerCache.invalidate() } }
        do {
            try await app.db.writeTransaction(gate: app.writeGate, sqlite: app.isSQLite) { tx in
                let directory = DirectoryService(db: tx, passwords: passwords)
                let grids = GridCodes(rememberMisses: kind != .grids)
                var collected: [Failure.Problem] = []
                for (index, row) in dataRows {
                    // A file wrong throughout (the wrong template, a shifted column) would list
                    // every row; the first few hundred problems say what to fix.
                    if collected.count >= maxProblems {
                        collected.append(.init(sheet: table.sheet, line: line(index), column: "-",
                                               message: Catalogue.bilingual("error.import.more_problems", ["\(maxProblems)"])))
                        break
                    }
                    let line = line(index)
                    var values: [String: String] = [:]
                    for (i, name) in header.enumerated() where i < row.count {
                        let v = row[i].trimmingCharacters(in: .whitespaces)
                        if !v.isEmpty { values[name] = v }
                    }
                    do {
                        try await importRow(kind, values, directory: directory, campaign: campaign, today: today, now: now, actor: actor,
                                            grids: grids, on: tx)
                    } catch let error as SafeGridError {
                        let fields = error.fields.isEmpty ? [FieldError(field: "-", key: error.key, args: error.args)] : error.fields
                        for f in fields {
                            collected.append(.init(sheet: table.sheet, line: line, column: columnName(f.field, kind),
                                                   message: Catalogue.bilingual(f.key, f.args)))
                        }
                    }
                }
                if !collected.isEmpty { throw Rollback(problems: collected) }
            }
        } catch let rollback as Rollback {
            throw Failure(problems: rollback.problems)
        }
        return dataRows.count
    }

    /// The problems listed at most; the import stops checking after them.
    static let maxProblems = 300

    /// The file's line (or sheet row) of a data row: the header is line 1.
    private static func line(_ index: Int) -> Int { index + 2 }

    /// Grid codes looked up once per import: a place list names the same few villages thousands
    /// of times.
    private final class GridCodes {
        var ids: [String: Int?] = [:]
        /// A grid import creates the grids later rows name, so an unknown code is asked again.
        let rememberMisses: Bool
        init(rememberMisses: Bool) { self.rememberMisses = rememberMisses }
    }

    /// API field names back to the CSV's column names in messages.
    private static func columnName(_ field: String, _ kind: Kind) -> String {
        switch field {
        case "parentId": "parentCode"
        case "gridId": "gridCode"
        case "gridIds": "gridCodes"
        case "ownerUserId": "ownerUsername"
        default: field
        }
    }

    /// Looks up a grid by code; an unknown code is recorded and the row's other checks still run,
    /// so one pass reports every problem of the row.
    private static func gridId(code: String?, field: String, errors: inout FieldErrors, grids: GridCodes, on db: any Database) async throws -> Int? {
        guard let code else { return nil }
        let id: Int?
        if let known = grids.ids[code] {
            id = known
        } else {
            id = try await GridRecord.query(on: db).filter(\.$code == code).first()?.id
            if id != nil || grids.rememberMisses { grids.ids[code] = id }
        }
        if id == nil { errors.add(field, "error.field.unknown_grid") }
        return id
    }

    /// Runs the row's own validation and merges its field errors with the lookup errors.
    private static func merging(_ lookup: FieldErrors, skip: String, _ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as SafeGridError where error.kind == .invalid && !lookup.items.isEmpty {
            let own = error.fields.filter { $0.field != skip }
            throw SafeGridError.invalid(lookup.items + own)
        }
        try lookup.throwIfAny()
    }

    private static func importRow(_ kind: Kind, _ v: [String: String], directory: DirectoryService, campaign: CampaignRecord?,
                                  today: CivilDate, now: Date, actor: Actor?, grids: GridCodes, on db: WriteTransaction) async throws {
        var lookup = FieldErrors()
        switch kind {
        case .tasks:
            guard let campaign else { return }
            try await CampaignTaskImport.row(v, campaign: campaign, today: today, at: now, by: actor?.userId, lookup: &lookup, on: db)
        case .grids:
            let parentId = try await gridId(code: v["parentCode"], field: "parentId", errors: &lookup, grids: grids, on: db)
            try await merging(lookup, skip: "parentId") {
                _ = try await directory.createGrid(GridCreateRequest(
                    name: v["name"], code: v["code"], level: v["level"], kind: v["kind"],
                    independentType: v["independentType"], parentId: parentId), by: actor)
            }
        case .places:
            let lat = v["latitude"].flatMap { value -> Double? in
                let d = Double(value); if d == nil { lookup.add("latitude", "error.field.invalid") }; return d }
            let lon = v["longitude"].flatMap { value -> Double? in
                let d = Double(value); if d == nil { lookup.add("longitude", "error.field.invalid") }; return d }
            let aboveScale = v["aboveScale"].map { ["1", "true", "是", "yes"].contains($0.lowercased()) }
            let gridId = try await gridId(code: v["gridCode"], field: "gridId", errors: &lookup, grids: grids, on: db)
            try await merging(lookup, skip: "gridId") {
                _ = try await directory.savePlace(PlaceRequest(
                    name: v["name"], category: v["category"], gridId: gridId, address: v["address"], latitude: lat, longitude: lon,
                    contactName: v["contactName"], contactPhone: v["contactPhone"], aboveScale: aboveScale,
                    tags: v["tags"].map { $0.split(separator: ";").map(String.init) }), existing: nil, by: actor)
            }
        case .users:
            var ids: [Int] = []
            for code in (v["gridCodes"] ?? "").split(separator: ";").map(String.init) {
                if let id = try await gridId(code: code, field: "gridIds", errors: &lookup, grids: grids, on: db) { ids.append(id) }
            }
            let level = v["level"].flatMap { value -> Int? in
                let n = Int(value); if n == nil { lookup.add("level", "error.field.invalid") }; return n }
            try await merging(lookup, skip: "gridIds") {
                _ = try await directory.createUser(UserCreateRequest(
                    username: v["username"], password: v["password"], displayName: v["displayName"], role: v["role"],
                    gridIds: ids, level: level, department: v["department"], phone: v["phone"]), by: actor?.userId)
            }
        }
    }
}
