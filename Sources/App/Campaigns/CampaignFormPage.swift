import Fluent
import SafeGridDomain
import Vapor

/// What the campaign form posts.
struct CampaignFormInput: Content {
    var name: String?
    var theme: String?
    var startDate: String?
    var endDate: String?
    var gridId: String?
    var targetCategories: [String]?
    var goals: String?
    var published: String?

    init() {}

    init(_ c: CampaignRecord) {
        name = c.name; theme = c.theme; startDate = c.startDate; endDate = c.endDate; gridId = "\(c.$grid.id)"
        targetCategories = c.targetCategories.map(\.rawValue); goals = c.goals; published = c.shareToken != nil ? "true" : nil
    }

    func request() throws(SafeGridError) -> CampaignRequest {
        var errors = FieldErrors()
        let grid = WebFormat.int(gridId, field: "gridId", errors: &errors)
        try errors.throwIfAny()
        return CampaignRequest(name: name, theme: theme, startDate: startDate, endDate: endDate, days: nil, gridId: grid,
                               targetCategories: targetCategories, goals: goals, published: published == "true")
    }
}

/// `GET/POST /campaigns/new` and `/campaigns/:id/edit`.
struct CampaignFormPage {
    let page: PageContext
    let action: String
    let fields: [FormField]
    let errors: [String]

    static func build(_ req: Request, campaignId: Int?, input: CampaignFormInput, error: SafeGridError? = nil) async throws -> CampaignFormPage {
        let user = try req.currentUser()
        let t = Texts(req)
        let grids = try await GridOptions.covered(by: user, on: req) { CampaignPermissions.mayManage(user.actor, campaignPath: $0.path) }
        guard !grids.isEmpty else { throw SafeGridError.forbidden }
        let p = "campaign"
        var categories = FormField("targetCategories[]", label: t("campaign.categories"), kind: .multiselect, idPrefix: p,
                                   errorField: "targetCategories")
        let chosen = Set(input.targetCategories ?? [])
        categories.options = FormField.options(PlaceCategory.self, "place", t).map {
            FormField.Option(value: $0.value, label: $0.label, selected: chosen.contains($0.value))
        }
        categories.hint = t("campaign.categories_hint")
        var published = FormField("published", label: t("campaign.publish"), kind: .checkbox, value: "true", idPrefix: p)
        published.checked = input.published == "true"
        published.hint = t("campaign.publish_hint")
        var fields = [
            FormField("name", label: t("campaign.name"), value: input.name ?? "", required: true, idPrefix: p),
            FormField("theme", label: t("campaign.theme"), value: input.theme ?? "", idPrefix: p),
            FormField("startDate", label: t("campaign.start"), kind: .date, value: input.startDate ?? "", required: true, idPrefix: p),
            FormField("endDate", label: t("campaign.end"), kind: .date, value: input.endDate ?? "", required: true, idPrefix: p),
            FormField.select("gridId", label: t("campaign.scope"), options: grids, selected: input.gridId, required: true, idPrefix: p),
            categories,
            FormField("goals", label: t("campaign.goals"), kind: .textarea, value: input.goals ?? "", idPrefix: p),
            published,
        ]
        var errors: [String] = []
        if let error { errors = error.fields.isEmpty ? [t.message(error)] : fields.attach(error.fields, t) }
        let title = campaignId == nil ? t("campaign.new") : t("campaign.edit")
        return CampaignFormPage(page: PageContext(req, title: title),
                                action: campaignId.map { SiteURL.editCampaign(.id($0)).path } ?? SiteURL.newCampaign.path, fields: fields, errors: errors)
    }
}
