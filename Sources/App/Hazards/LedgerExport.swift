import Fluent
import Foundation
import SafeGridDomain
import Vapor

/// The hazard ledger as a workbook: every row the filters select, not only one page.
/// `GET /hazards.csv` and `GET /hazards.xlsx` both serve it.
enum LedgerExport {
    static func workbook(_ req: Request) async throws -> Workbook {
        let user = try req.currentUser()
        let t = Texts(req)
        let today = CivilDate(req.now)
        // The same SQL read as the ledger's pages, with the names joined in: one query, no Fluent models.
        let rows = try await HazardReads.all(try await HazardQuery.scoped(try HazardFilter(query: req.query), for: user, today: today, on: req.db),
                                             on: req.db)
        let header = ["number", "title", "state", "category", "grade", "source", "township", "grid", "place", "discovered_at",
                      "deadline", "days_overdue", "responsible", "responsible_phone", "notice_number", "closed_at"]
            .map { t("csv.\($0)") }
        let cells = rows.map { row -> [Cell] in
            let h = row.hazard
            let deadline = h.deadline.flatMap(CivilDate.init(iso:))
            let overdue = Overdue.daysOverdue(state: h.state, deadline: deadline, today: today)
            return [
                .text(h.number), .text(h.title), .text(t.label("state", h.state)), .text(t.label("category", h.category)),
                .text(t.label("grade", h.grade)), .text(t.label("source", h.source)), .text(row.townshipName), .text(row.gridName),
                .text(row.placeName), .dateTime(h.discoveredAt), .date(deadline), .integer(overdue),
                .text(h.responsibleName ?? h.responsibleDepartment.map { t.label("department", $0) }),
                .text(h.responsiblePhone), .text(h.noticeNumber), .dateTime(h.closedAt),
            ]
        }
        return Workbook(sheets: [Sheet(name: t("csv.filename"), header: header, rows: cells)])
    }

    static func download(_ req: Request, _ format: Download.Format) async throws -> Response {
        let book = try await workbook(req)
        let today = CivilDate(req.now)
        return try Download.workbook(book, format, asciiName: "hazards-\(today)", localName: "\(Texts(req)("csv.filename"))-\(today)")
    }
}
