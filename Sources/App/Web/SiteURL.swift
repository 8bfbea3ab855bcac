import Vapor

/// A path parameter: `.key` where the route is registered, a value in a link or redirect.
enum IDParameter: Sendable {
    case key
    case id(Int)
}

enum TextParameter: Sendable {
    case key
    case value(String)
}

/// Every web page and form target, named once: routes are registered from `pathComponents`
/// (`.key` for a parameter) and links and redirects are built from `path`, so a route and the
/// links to it cannot drift apart, and a misspelt page is a build error.
enum SiteURL: Sendable {
    case home
    case login, logout, language(TextParameter), sessionCSRF, accountPassword, me
    case hazards, hazardsCSV, hazardsXLSX, newHazard
    case hazard(IDParameter), hazardActions(IDParameter), hazardNotice(IDParameter)
    case ledgers, ledgersCSV, ledgersXLSX
    case register(TextParameter), registerExport(TextParameter)
    case registerEntry(TextParameter, IDParameter), registerEntryHandle(TextParameter, IDParameter)
    case registerEntryVoid(TextParameter, IDParameter)
    case assessments, assessmentHistory, indicatorSets
    case bulletins, bulletin(IDParameter), bulletinExport(IDParameter)
    case checklists, newChecklist, checklist(IDParameter), editChecklist(IDParameter)
    case myTasks, coverage, coverageFrequencies
    case campaigns, newCampaign, campaign(IDParameter), editCampaign(IDParameter), campaignImport(IDParameter)
    case campaignTasks(IDParameter), campaignTasksXLSX(IDParameter), campaignTasksCSV(IDParameter)
    case campaignTaskEdit(IDParameter, IDParameter), campaignTaskDelete(IDParameter, IDParameter)
    case campaignTaskProgress(IDParameter, IDParameter), campaignEvidence(IDParameter, IDParameter)
    case publicCampaign(TextParameter)
    case grids, gridMove, grid(IDParameter)
    case inspections, newInspection, inspection(IDParameter), inspectionCancel(IDParameter), inspectionItemHazard(IDParameter, IDParameter)
    case places, newPlace, editPlace(IDParameter), placeRisk(IDParameter), placeRiskApprove(IDParameter, IDParameter)
    case risks, regionMap, enterpriseMap, boundaries
    case users, newUser, userAccess(IDParameter)
    case imports
    case calendar, calendarYear(TextParameter)
    case attachment(IDParameter)
    case messages, message(IDParameter), messagesRead

    private enum Part {
        case constant(String)
        case parameter(String, String?)
    }

    private static func id(_ name: String, _ p: IDParameter) -> Part {
        switch p {
        case .key: .parameter(name, nil)
        case let .id(id): .parameter(name, String(id))
        }
    }

    private static func text(_ name: String, _ p: TextParameter) -> Part {
        switch p {
        case .key: .parameter(name, nil)
        case let .value(value): .parameter(name, value)
        }
    }

    private var parts: [Part] {
        typealias P = Part
        let c = P.constant
        switch self {
        case .home: return []
        case .login: return [c("login")]
        case .logout: return [c("logout")]
        case let .language(code): return [c("lang"), Self.text("code", code)]
        case .sessionCSRF: return [c("session"), c("csrf")]
        case .accountPassword: return [c("account"), c("password")]
        case .me: return [c("me")]
        case .messages: return [c("messages")]
        case let .message(id): return [c("messages"), Self.id("messageID", id)]
        case .messagesRead: return [c("messages"), c("read")]
        case .hazards: return [c("hazards")]
        case .hazardsCSV: return [c("hazards.csv")]
        case .hazardsXLSX: return [c("hazards.xlsx")]
        case .newHazard: return [c("hazards"), c("new")]
        case let .hazard(id): return [c("hazards"), Self.id("hazardID", id)]
        case let .hazardActions(id): return [c("hazards"), Self.id("hazardID", id), c("actions")]
        case let .hazardNotice(id): return [c("hazards"), Self.id("hazardID", id), c("notice")]
        case .ledgers: return [c("ledgers")]
        case .ledgersCSV: return [c("ledgers.csv")]
        case .ledgersXLSX: return [c("ledgers.xlsx")]
        case let .register(kind): return [c("registers"), Self.text("register", kind)]
        case let .registerExport(kind): return [c("registers"), Self.text("register", kind), c("export")]
        case let .registerEntry(kind, id): return [c("registers"), Self.text("register", kind), Self.id("entryID", id)]
        case let .registerEntryHandle(kind, id): return [c("registers"), Self.text("register", kind), Self.id("entryID", id), c("handle")]
        case let .registerEntryVoid(kind, id): return [c("registers"), Self.text("register", kind), Self.id("entryID", id), c("void")]
        case .assessments: return [c("assessments")]
        case .assessmentHistory: return [c("assessments"), c("history")]
        case .indicatorSets: return [c("assessments"), c("indicators")]
        case .bulletins: return [c("bulletins")]
        case let .bulletin(id): return [c("bulletins"), Self.id("bulletinID", id)]
        case let .bulletinExport(id): return [c("bulletins"), Self.id("bulletinID", id), c("export")]
        case .checklists: return [c("checklists")]
        case .newChecklist: return [c("checklists"), c("new")]
        case let .checklist(id): return [c("checklists"), Self.id("templateID", id)]
        case let .editChecklist(id): return [c("checklists"), Self.id("templateID", id), c("edit")]
        case .myTasks: return [c("my-tasks")]
        case .coverage: return [c("coverage")]
        case .coverageFrequencies: return [c("coverage"), c("frequencies")]
        case .campaigns: return [c("campaigns")]
        case .newCampaign: return [c("campaigns"), c("new")]
        case let .campaign(id): return [c("campaigns"), Self.id("campaignID", id)]
        case let .editCampaign(id): return [c("campaigns"), Self.id("campaignID", id), c("edit")]
        case let .campaignImport(id): return [c("campaigns"), Self.id("campaignID", id), c("import")]
        case let .campaignTasks(id): return [c("campaigns"), Self.id("campaignID", id), c("tasks")]
        case let .campaignTasksXLSX(id): return [c("campaigns"), Self.id("campaignID", id), c("tasks.xlsx")]
        case let .campaignTasksCSV(id): return [c("campaigns"), Self.id("campaignID", id), c("tasks.csv")]
        case let .campaignTaskEdit(id, task): return [c("campaigns"), Self.id("campaignID", id), c("tasks"), Self.id("taskID", task), c("edit")]
        case let .campaignTaskDelete(id, task): return [c("campaigns"), Self.id("campaignID", id), c("tasks"), Self.id("taskID", task), c("delete")]
        case let .campaignTaskProgress(id, task):
            return [c("campaigns"), Self.id("campaignID", id), c("tasks"), Self.id("taskID", task), c("progress")]
        case let .campaignEvidence(id, file): return [c("campaigns"), Self.id("campaignID", id), c("evidence"), Self.id("attachmentID", file)]
        case let .publicCampaign(token): return [c("p"), c("campaigns"), Self.text("token", token)]
        case .grids: return [c("grids")]
        case .gridMove: return [c("grids"), c("move")]
        case let .grid(id): return [c("grids"), Self.id("gridID", id)]
        case .inspections: return [c("inspections")]
        case .newInspection: return [c("inspections"), c("new")]
        case let .inspection(id): return [c("inspections"), Self.id("inspectionID", id)]
        case let .inspectionCancel(id): return [c("inspections"), Self.id("inspectionID", id), c("cancel")]
        case let .inspectionItemHazard(id, item): return [c("inspections"), Self.id("inspectionID", id), c("items"), Self.id("itemID", item), c("hazard")]
        case .places: return [c("places")]
        case .newPlace: return [c("places"), c("new")]
        case let .editPlace(id): return [c("places"), Self.id("placeID", id), c("edit")]
        case let .placeRisk(id): return [c("places"), Self.id("placeID", id), c("risk")]
        case let .placeRiskApprove(id, assessment): return [c("places"), Self.id("placeID", id), c("risk"), Self.id("assessmentID", assessment), c("approve")]
        case .risks: return [c("risks")]
        case .regionMap: return [c("maps"), c("region")]
        case .enterpriseMap: return [c("maps"), c("enterprises")]
        case .boundaries: return [c("maps"), c("boundaries")]
        case .users: return [c("users")]
        case .newUser: return [c("users"), c("new")]
        case let .userAccess(id): return [c("users"), Self.id("userID", id), c("access")]
        case .imports: return [c("imports")]
        case .calendar: return [c("calendar")]
        case let .calendarYear(year): return [c("calendar"), Self.text("year", year)]
        case let .attachment(id): return [c("api"), c("v1"), c("attachments"), Self.id("attachmentID", id)]
        }
    }

    /// The path of a link or redirect; parameters must have values.
    var path: String {
        "/" + parts.map { part -> String in
            switch part {
            case let .constant(text): return text
            case let .parameter(name, value):
                guard let value else { preconditionFailure("SiteURL: no value for :\(name) in a link") }
                // Ids and keys are plain: building the character set and encoding each one was a
                // sixteenth of the ledger page's CPU (two links per row).
                if value.utf8.allSatisfy(Self.isUnreserved) { return value }
                return value.addingPercentEncoding(withAllowedCharacters: Self.segmentAllowed) ?? value
            }
        }.joined(separator: "/")
    }

    private static let segmentAllowed = CharacterSet.urlPathAllowed.subtracting(["/"])

    /// RFC 3986 unreserved characters: never encoded in a path segment.
    private static func isUnreserved(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2D || c == 0x2E || c == 0x5F || c == 0x7E
    }

    /// The path with a query string (already encoded), e.g. `SiteURL.hazards.with(query: "gridId=3")`.
    func with(query: String) -> String {
        query.isEmpty ? path : path + "?" + query
    }

    /// The route pattern, for registering the handler.
    var pathComponents: [PathComponent] {
        parts.map { part in
            switch part {
            case let .constant(text): .constant(text)
            case let .parameter(name, _): .parameter(name)
            }
        }
    }
}
