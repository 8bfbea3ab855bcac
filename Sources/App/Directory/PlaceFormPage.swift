import Fluent
import SafeGridDomain
import Vapor

/// What the place form posts.
struct PlaceFormInput: Content {
    var name: String?
    var category: String?
    var gridId: String?
    var address: String?
    var latitude: String?
    var longitude: String?
    var contactName: String?
    var contactPhone: String?
    var aboveScale: String?
    var tags: String?

    init(gridId: String?) { self.gridId = gridId }

    init(_ p: PlaceRecord) {
        name = p.name; category = p.category.rawValue; gridId = "\(p.$grid.id)"; address = p.address
        latitude = p.latitude.map { "\($0)" }; longitude = p.longitude.map { "\($0)" }
        contactName = p.contactName; contactPhone = p.contactPhone; aboveScale = p.aboveScale ? "true" : nil
        tags = p.tagList.joined(separator: ", ")
    }

    func request() throws(SafeGridError) -> PlaceRequest {
        var errors = FieldErrors()
        let body = PlaceRequest(
            name: name, category: category, gridId: WebFormat.int(gridId, field: "gridId", errors: &errors), address: address,
            latitude: WebFormat.double(latitude, field: "latitude", errors: &errors),
            longitude: WebFormat.double(longitude, field: "longitude", errors: &errors),
            contactName: contactName ?? "", contactPhone: contactPhone ?? "", aboveScale: aboveScale == "true",
            tags: (tags ?? "").split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "、" }).map(String.init))
        try errors.throwIfAny()
        return body
    }
}

/// `GET/POST /places/new` and `/places/:id/edit`.
struct PlaceFormPage {
    let page: PageContext
    let action: String
    let fields: [FormField]
    let location: [FormField]
    let pickMap: String?
    let errors: [String]
    let alert: String?

    /// Grids in which the user may add or correct places (`Permissions.mayEditPlace`).
    static func gridOptions(_ user: CurrentUser, on req: Request) async throws -> [FormField.Option] {
        try await GridOptions.covered(by: user, on: req) { Permissions.mayEditPlace(user.actor, gridPath: $0.path) }
    }

    static func build(_ req: Request, placeId: Int?, input: PlaceFormInput?, error: SafeGridError? = nil) async throws -> PlaceFormPage {
        let user = try req.currentUser()
        let t = Texts(req)
        let grids = try await gridOptions(user, on: req)
        guard !grids.isEmpty else { throw SafeGridError.forbidden }
        let p = "place"
        var tags = FormField("tags", label: t("places.tags"), value: input?.tags ?? "", idPrefix: p)
        tags.hint = t("places.tags_hint")
        var aboveScale = FormField("aboveScale", label: t("places.above_scale"), kind: .checkbox, idPrefix: p)
        aboveScale.value = "true"
        aboveScale.checked = input?.aboveScale == "true"
        var fields: [FormField] = [
            FormField("name", label: t("places.name"), value: input?.name ?? "", required: true, idPrefix: p),
            .select("category", label: t("places.category"), options: FormField.options(PlaceCategory.self, "place", t),
                    selected: input?.category, blank: t("form.choose"), required: true, idPrefix: p),
            .select("gridId", label: t("hazard.grid"), options: grids, selected: input?.gridId, blank: t("form.choose"),
                    required: true, idPrefix: p),
            FormField("address", label: t("places.address"), value: input?.address ?? "", required: true, idPrefix: p),
            FormField("contactName", label: t("places.contact_name"), value: input?.contactName ?? "", idPrefix: p),
            FormField("contactPhone", label: t("places.contact_phone"), kind: .tel, value: input?.contactPhone ?? "", idPrefix: p),
            aboveScale, tags,
        ]
        var location = LocationFields.make(latitude: input?.latitude, longitude: input?.longitude, idPrefix: p, t: t)
        var all = fields + location
        let unplaced = all.attach(error?.fields ?? [], t)
        fields = Array(all.prefix(fields.count))
        location = Array(all.suffix(location.count))
        return PlaceFormPage(
            page: PageContext(req, title: t(placeId == nil ? "places.new" : "places.edit")),
            action: placeId.map { SiteURL.editPlace(.id($0)).path } ?? SiteURL.newPlace.path, fields: fields, location: location,
            pickMap: try await LocationMap.svg(for: user, on: req), errors: unplaced, alert: error.map { t.message($0) })
    }
}
