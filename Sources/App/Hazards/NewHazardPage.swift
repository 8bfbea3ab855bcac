import Fluent
import SafeGridDomain
import Vapor

/// What the new-hazard form posts; text throughout, so bad numbers become field errors.
struct NewHazardInput: Content {
    var title: String?
    var description: String?
    var category: String?
    var grade: String?
    var source: String?
    var placeId: String?
    var gridId: String?
    var locationText: String?
    var latitude: String?
    var longitude: String?
    var kept: String?

    /// The API's request body, or the field errors of the numbers that did not parse.
    func request(attachmentIds: [Int]) throws(SafeGridError) -> HazardCreateRequest {
        var errors = FieldErrors()
        let body = HazardCreateRequest(
            title: title, description: description, category: category, grade: grade, source: source,
            placeId: WebFormat.int(placeId, field: "placeId", errors: &errors),
            gridId: WebFormat.int(gridId, field: "gridId", errors: &errors),
            latitude: WebFormat.double(latitude, field: "latitude", errors: &errors),
            longitude: WebFormat.double(longitude, field: "longitude", errors: &errors),
            locationText: locationText.flatMap { $0.isEmpty ? nil : $0 }, attachmentIds: attachmentIds)
        try errors.throwIfAny()
        return body
    }
}

/// `GET/POST /hazards/new`: recording a hazard on site, from a phone.
struct NewHazardPage {
    let page: PageContext
    let fields: [FormField]
    let location: [FormField]
    let pickMap: String?
    let photos: [FormField]
    let kept: String
    let keptPhotos: [PhotoLink]
    let errors: [String]
    let alert: String?

    static func build(_ req: Request, input: NewHazardInput? = nil, error: SafeGridError? = nil, kept: [Int] = []) async throws -> NewHazardPage {
        let user = try req.currentUser()
        let t = Texts(req)
        let sources = NewHazardDefaults.sources(user.actor)
        guard !sources.isEmpty else { throw SafeGridError.forbidden }
        let preferred = NewHazardDefaults.source(for: user.role)
        let places = try await PlaceQuery.scoped(to: user.actor, on: req.db).with(\.$grid).sort(\.$name).limit(1000).all()
        let p = "new"
        var title = FormField("title", label: t("hazard.title"), value: input?.title ?? "", required: true, idPrefix: p)
        title.hint = t("new_hazard.title_hint")
        var place = FormField.select("placeId", label: t("hazard.place"),
                                     options: places.map { .init(value: "\($0.id ?? 0)", label: t("form.with_detail", $0.name, $0.grid.name)) },
                                     selected: input?.placeId ?? req.query[String.self, at: "placeId"], blank: t("form.none"), idPrefix: p)
        place.hint = t("new_hazard.place_hint")
        let fields: [FormField] = [
            title,
            FormField("description", label: t("hazard.description"), kind: .textarea, value: input?.description ?? "", idPrefix: p),
            .choice("category", label: t("hazard.category"), options: FormField.options(HazardCategory.self, "category", t),
                    selected: input?.category, required: true, idPrefix: p),
            .select("grade", label: t("hazard.grade"), options: FormField.options(HazardGrade.self, "grade", t),
                    selected: input?.grade ?? HazardGrade.general.rawValue, required: true, idPrefix: p),
            .select("source", label: t("hazard.source"), options: sources.map { .init(value: $0.rawValue, label: t.label("source", $0)) },
                    selected: input?.source ?? (sources.contains(preferred) ? preferred : sources[0]).rawValue, required: true, idPrefix: p),
            place,
            .select("gridId", label: t("hazard.grid"),
                    options: try await GridOptions.covered(by: user, on: req) { $0.level != .district },
                    selected: input?.gridId ?? req.query[String.self, at: "gridId"] ?? NewHazardDefaults.grid(among: user.gridIds).map(String.init),
                    blank: t("form.none"), idPrefix: p),
        ]
        var location = LocationFields.make(latitude: input?.latitude, longitude: input?.longitude, idPrefix: p, t: t)
        location.insert(FormField("locationText", label: t("hazard.location"), value: input?.locationText ?? "", idPrefix: p), at: 0)
        let photos = FormField.photos(label: t("new_hazard.photos"), hint: t("new_hazard.photos_hint"), documents: false, idPrefix: p)
        // One pass over all inputs, so each error lands next to its field wherever it sits.
        var all = fields + location + [photos]
        let unplaced = all.attach(error?.fields ?? [], t)
        let keptRecords = try await WebUploads.kept(kept, by: user, on: req)
        return NewHazardPage(
            page: PageContext(req, title: t("new_hazard.title")), fields: Array(all.prefix(fields.count)),
            location: Array(all.dropFirst(fields.count).prefix(location.count)), pickMap: try await LocationMap.svg(for: user, on: req),
            photos: [all[all.count - 1]],
            kept: keptRecords.compactMap { $0.id.map(String.init) }.joined(separator: ","), keptPhotos: keptRecords.map(PhotoLink.init),
            errors: unplaced, alert: error.map { t.message($0) })
    }
}

/// Latitude and longitude inputs, filled by the "use my location" button where the browser can.
enum LocationFields {
    static func make(latitude: String?, longitude: String?, idPrefix: String, t: Texts) -> [FormField] {
        var lat = FormField("latitude", label: t("form.latitude"), kind: .number, value: latitude ?? "", idPrefix: idPrefix)
        var lon = FormField("longitude", label: t("form.longitude"), kind: .number, value: longitude ?? "", idPrefix: idPrefix)
        lat.step = "any"
        lon.step = "any"
        return [lat, lon]
    }
}
