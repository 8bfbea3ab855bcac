import Fluent
import SafeGridDomain
import Vapor

/// `GET /hazards/:id/notice`: the safety risk notice (安全风险提示单) as an A4 page to print,
/// sign and hand over.
struct NoticePage {
    let page: PageContext
    let number: String
    let township: String
    let responsible: String
    let phone: String
    let hazardNumber: String
    let hazardTitle: String
    let description: String
    let place: String
    let requirement: String
    let deadline: String
    let instruction: String
    let issuer: String
    let issuedOn: String
    let hazardHref: String

    static func build(_ req: Request, id: Int) async throws -> NoticePage {
        let user = try req.currentUser()
        let t = Texts(req)
        let h = try await HazardReads.visible(id, to: user, on: req.db)
        guard let (notice, issuer) = try await HazardStore.latestNotice(of: id, on: req.db) else { throw SafeGridError.notFound }
        let township = try await GridRecord.find(h.townshipId, on: req.db)?.name ?? ""
        let place = try await PlaceRecord.find(h.placeId, on: req.db)
        return NoticePage(
            page: PageContext(req, title: t("notice.title") + " " + notice.number), number: notice.number, township: township,
            responsible: notice.responsible, phone: notice.responsiblePhone ?? "", hazardNumber: h.number, hazardTitle: h.title,
            description: h.description, place: place.map { t("form.with_detail", $0.name, $0.address) } ?? (h.locationText ?? ""),
            requirement: notice.requirement, deadline: notice.deadline,
            instruction: t("notice.instruction", notice.deadline, township),
            issuer: issuer ?? "", issuedOn: WebFormat.date(notice.issuedAt), hazardHref: SiteURL.hazard(.id(id)).path)
    }
}
