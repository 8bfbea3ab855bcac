import SafeGridDomain
import Vapor

/// `GET /ledgers`: the five ledgers (五本账) — one card per source, then the units (townships
/// or villages) of the chosen source with their way to zero (清零).
struct SourceLedgerPage {
    let page: PageContext
    let cards: [Card]
    let rows: [Row]
    let unitHeading: String
    let sourceLabel: String
    let townshipName: String?
    let backHref: String?
    let csvHref: String
    let xlsxHref: String

    struct Card: Encodable {
        let label: String
        let href: String
        let active: Bool
        let figures: Figures
    }

    struct Row: Encodable {
        let name: String
        let href: String
        let figures: Figures
    }

    struct Figures: Encodable {
        let open: Int
        let overdue: Int
        let closed: Int
        let progress: String
        let progressPerMille: Int
        let zeroed: Bool

        init(_ tally: LedgerTally, t: Texts) {
            open = tally.open; overdue = tally.overdue; closed = tally.closed
            let rate = SourceLedgers.progress(tally)
            progress = rate?.description ?? t("dashboard.no_data")
            progressPerMille = rate?.perMille ?? 0
            zeroed = SourceLedgers.isZeroed(tally)
        }
    }

    static func build(_ req: Request) async throws -> SourceLedgerPage {
        let t = Texts(req)
        let query = try SourceLedgerQuery(req)
        let counts = try await SourceLedgerCounts.load(for: try req.currentUser(), townshipId: query.townshipId,
                                                       today: CivilDate(req.now), on: req.db)
        let ledgers = counts.ledgers
        func link(_ url: SiteURL, _ params: [(String, String?)]) -> String {
            url.with(query: params.compactMap { key, value in value.map { "\(key)=\($0)" } }.joined(separator: "&"))
        }
        let township = query.townshipId.map(String.init)

        var cards = [Card(label: t("ledgers.all_sources"), href: link(.ledgers, [("townshipId", township)]),
                          active: query.source == nil, figures: Figures(ledgers.total, t: t))]
        cards += HazardSource.allCases.map { source in
            Card(label: t.label("source", source), href: link(.ledgers, [("townshipId", township), ("source", source.rawValue)]),
                 active: query.source == source, figures: Figures(ledgers.bySource[source] ?? LedgerTally(), t: t))
        }
        let rows = counts.units.map { grid in
            let id = grid.id ?? 0
            // Townships open their villages; villages open the matching hazards in the ledger.
            let href = ledgers.level == .township && grid.level == .township
                ? link(.ledgers, [("townshipId", "\(id)"), ("source", query.source?.rawValue)])
                : link(.hazards, [("gridId", "\(id)"), ("source", query.source?.rawValue)])
            return Row(name: grid.name, href: href, figures: Figures(ledgers.tally(unit: id, source: query.source), t: t))
        }
        return SourceLedgerPage(
            page: PageContext(req, title: t("ledgers.title")), cards: cards, rows: rows,
            unitHeading: t(ledgers.level == .township ? "ledgers.unit_township" : "ledgers.unit_village"),
            sourceLabel: query.source.map { t.label("source", $0) } ?? t("ledgers.all_sources"),
            townshipName: counts.township?.name,
            backHref: counts.township == nil ? nil : link(.ledgers, [("source", query.source?.rawValue)]),
            csvHref: link(.ledgersCSV, [("townshipId", township)]),
            xlsxHref: link(.ledgersXLSX, [("townshipId", township)]))
    }

    /// The export: every unit × source (and the unit's total), long format so a pivot table
    /// can rebuild any view. `.csv` and `.xlsx` share it.
    static func workbook(_ req: Request) async throws -> Workbook {
        let t = Texts(req)
        let query = try SourceLedgerQuery(req)
        let counts = try await SourceLedgerCounts.load(for: try req.currentUser(), townshipId: query.townshipId,
                                                       today: CivilDate(req.now), on: req.db)
        let header = ["unit_code", "unit", "source", "open", "overdue", "closed", "progress"].map { t("ledgers.csv.\($0)") }
        let parts: [(String, HazardSource?)] = [(t("ledgers.all_sources"), nil)] + HazardSource.allCases.map { (t.label("source", $0), $0) }
        var rows: [[Cell]] = []
        for grid in counts.units {
            for (label, source) in parts {
                let tally = counts.ledgers.tally(unit: grid.id ?? 0, source: source)
                let progress: Cell = SourceLedgers.progress(tally).map { .percent(Double($0.perMille) / 1000) } ?? .empty
                rows.append([.text(grid.code), .text(grid.name), .text(label), .integer(tally.open), .integer(tally.overdue),
                             .integer(tally.closed), progress])
            }
        }
        return Workbook(sheets: [Sheet(name: t("ledgers.csv.filename"), header: header, rows: rows)])
    }
}
