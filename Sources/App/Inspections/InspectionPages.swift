import Fluent
import SafeGridDomain
import Vapor

/// What the start form posts; text throughout, so bad numbers become field errors.
struct NewInspectionInput: Content {
    var placeId: String?
    var kind: String?
    var inspectorIds: [String]?
    var partners: String?
    var night: String?
    var campaignId: String?
    var latitude: String?
    var longitude: String?

    func request() throws(SafeGridError) -> InspectionStartRequest {
        var errors = FieldErrors()
        let body = InspectionStartRequest(
            placeId: WebFormat.int(placeId, field: "placeId", errors: &errors), kind: kind,
            inspectorIds: (inspectorIds ?? []).compactMap { Int($0) }, partners: partners, night: night == "1",
            campaignId: WebFormat.int(campaignId, field: "campaignId", errors: &errors),
            latitude: WebFormat.double(latitude, field: "latitude", errors: &errors),
            longitude: WebFormat.double(longitude, field: "longitude", errors: &errors))
        if placeId?.isEmpty ?? true { errors.add("placeId", "error.field.required") }
        try errors.throwIfAny()
        return body
    }
}

/// `GET/POST /inspections/new`: starting an inspection at a place, from a phone.
struct NewInspectionPage {
    let page: PageContext
    let fields: [FormField]
    let location: [FormField]
    let pickMap: String?
    let errors: [String]
    let alert: String?

    static func build(_ req: Request, input: NewInspectionInput? = nil, error: SafeGridError? = nil) async throws -> NewInspectionPage {
        let user = try req.currentUser()
        let t = Texts(req)
        let kinds = InspectionRules.kinds(for: user.role)
        guard !kinds.isEmpty else { throw SafeGridError.forbidden }
        let places = try await PlaceQuery.scoped(to: user.actor, on: req.db).with(\.$grid).sort(\.$name).limit(1000).all()
        let colleagues = try await UserRecord.query(on: req.db).filter(\.$active == true)
            .filter(\.$role ~~ [.gridWorker, .officer, .department, .expert]).filter(\.$id != user.id).sort(\.$displayName).limit(300).all()
        let p = "insp"
        var inspectors = FormField("inspectorIds[]", label: t("inspection.co_inspectors"), kind: .multiselect, idPrefix: p, errorField: "inspectorIds")
        let chosen = Set(input?.inspectorIds ?? [])
        inspectors.options = colleagues.map {
            .init(value: "\($0.id ?? 0)", label: t("punct.aside", $0.displayName, t.label("role", $0.role)), selected: chosen.contains("\($0.id ?? 0)"))
        }
        inspectors.hint = t("inspection.co_inspectors_hint")
        var night = FormField("night", label: t("inspection.night"), kind: .checkbox, value: "1", idPrefix: p)
        night.checked = input.map { $0.night == "1" } ?? InspectionRules.isNight(req.now)
        var campaign = FormField("campaignId", label: t("inspection.campaign"), kind: .number, value: input?.campaignId ?? "", idPrefix: p)
        campaign.hint = t("inspection.campaign_hint")
        let fields: [FormField] = [
            .select("placeId", label: t("hazard.place"),
                    options: places.map { .init(value: "\($0.id ?? 0)", label: t("form.with_detail", $0.name, $0.grid.name)) },
                    selected: input?.placeId ?? req.query[String.self, at: "placeId"], blank: t("form.choose"), required: true, idPrefix: p),
            .select("kind", label: t("inspection.kind"), options: kinds.map { .init(value: $0.rawValue, label: t.label("inspection_kind", $0)) },
                    selected: input?.kind ?? InspectionRules.defaultKind(for: user.role)?.rawValue, required: true, idPrefix: p),
            inspectors,
            FormField("partners", label: t("inspection.partners"), value: input?.partners ?? "", idPrefix: p),
            night,
            campaign,
        ]
        let location = LocationFields.make(latitude: input?.latitude, longitude: input?.longitude, idPrefix: p, t: t)
        var all = fields + location
        let unplaced = all.attach(error?.fields ?? [], t)
        return NewInspectionPage(page: PageContext(req, title: t("inspection.new_title")), fields: Array(all.prefix(fields.count)),
                                 location: Array(all.dropFirst(fields.count)), pickMap: try await LocationMap.svg(for: user, on: req),
                                 errors: unplaced, alert: error.map { t.message($0) })
    }
}

/// `GET /inspections`: visits in reach, newest first, optionally for one place.
struct InspectionsPage {
    let page: PageContext
    let heading: String
    let rows: [Row]
    let pager: Pager
    let startHref: String?
    let error: String?

    struct Row: Encodable {
        let href: String
        let place: String
        let kind: String
        let started: String
        let inspectors: String
        let status: String
        let night: Bool
        let failed: Int
    }

    static func build(_ req: Request) async throws -> (InspectionsPage, HTTPResponseStatus) {
        let user = try req.currentUser()
        let t = Texts(req)
        let number = try Pager.page(req)
        var rows: [Row] = []
        var total = 0
        var failure: SafeGridError?
        do {
            let query = try await InspectionQuery.filtered(req.query, for: user, on: req.db)
            total = try await query.copy().count()
            let records = try await query.sort(\.$startedAt, .descending).sort(\.$id, .descending)
                .range(((number - 1) * Pager.perPage)..<(number * Pager.perPage)).all()
            rows = try await InspectionQuery.dtos(records, items: false, on: req.db).map { i in
                Row(href: SiteURL.inspection(.id(i.id)).path, place: i.placeName, kind: t.label("inspection_kind", i.kind),
                    started: WebFormat.dateTime(i.startedAt), inspectors: t.list(i.inspectors.map(\.name)),
                    status: i.finished ? t("inspection.finished") : i.cancelled ? t("inspection.cancelled") : t("inspection.open"), night: i.night, failed: i.failedCount)
            }
        } catch let e as SafeGridError where e.kind == .invalid {
            failure = e
        }
        let placeId = req.query[String.self, at: "placeId"]
        var heading = t("inspections.title")
        if let id = placeId.flatMap(Int.init), let place = try? await PlaceQuery.visible(id, to: user.actor, on: req.db) {
            heading = t("inspections.for_place", place.name)
        }
        let mayStart = !InspectionRules.kinds(for: user.role).isEmpty
        let context = InspectionsPage(
            page: PageContext(req, title: heading), heading: heading, rows: rows,
            pager: Pager(total: total, page: number, path: SiteURL.inspections.path, query: req.url.query, t: t),
            startHref: mayStart ? SiteURL.newInspection.with(query: placeId.map { "placeId=\($0)" } ?? "") : nil,
            error: failure.map { t.message($0) })
        return (context, failure == nil ? .ok : .badRequest)
    }
}
