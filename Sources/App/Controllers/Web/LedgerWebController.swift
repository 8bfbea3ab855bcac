import Fluent
import Foundation
import SafeGridDomain
import Vapor

/// `GET /hazards` (the ledger) and `GET /hazards.csv` (the same rows for Excel or WPS).
struct LedgerWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("hazards", use: ledger)
        routes.get("hazards.csv", use: csv)
    }

    func ledger(req: Request) async throws -> Response {
        let (context, status) = try await LedgerPage.build(req)
        return try await req.page("hazards", context, status: status)
    }

    /// Every row the filters select, not only one page: the export is for the whole ledger.
    func csv(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let t = Texts(req)
        let today = CivilDate(req.now)
        let hazards = try await HazardQuery.scoped(try HazardFilter(query: req.query), for: user, today: today, on: req.db)
            .with(\.$place).with(\.$grid).with(\.$township).all()
        let header = ["number", "title", "state", "category", "grade", "source", "township", "grid", "place", "discovered_at",
                      "deadline", "days_overdue", "responsible", "responsible_phone", "notice_number", "closed_at"]
            .map { t("csv.\($0)") }
        let rows = hazards.map { h -> [String] in
            let overdue = Overdue.daysOverdue(state: h.state, deadline: h.deadline.flatMap(CivilDate.init(iso:)), today: today)
            return [
                h.number, h.title, t.label("state", h.state), t.label("category", h.category), t.label("grade", h.grade),
                t.label("source", h.source), h.township.name, h.grid.name, h.$place.value??.name ?? "",
                WebFormat.dateTime(h.discoveredAt), h.deadline ?? "", overdue.map(String.init) ?? "",
                h.responsibleName ?? h.responsibleDepartment.map { t.label("department", $0) } ?? "",
                h.responsiblePhone ?? "", h.noticeNumber ?? "", WebFormat.dateTime(h.closedAt),
            ]
        }
        let response = Response(status: .ok, body: .init(string: CSV.document(header: header, rows: rows)))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        // An ASCII name for old clients, the catalogue's name (RFC 6266 filename*) for the rest.
        let named = "\(t("csv.filename"))-\(today).csv"
            .addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-."))) ?? ""
        response.headers.replaceOrAdd(name: .contentDisposition,
                                      value: "attachment; filename=\"hazards-\(today).csv\"; filename*=UTF-8''\(named)")
        return response
    }
}
