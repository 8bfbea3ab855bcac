import Fluent
import SafeGridDomain
import Vapor

/// `GET /checklists`: the current checklist of each category; administrators edit them.
struct ChecklistsPage {
    let page: PageContext
    let rows: [Row]
    let isAdmin: Bool

    struct Row: Encodable {
        let name: String
        let category: String
        let version: Int
        let items: Int
        let href: String
        let editHref: String?
    }

    static func build(_ req: Request) async throws -> ChecklistsPage {
        let user = try req.currentUser()
        let t = Texts(req)
        let templates = try await ChecklistTemplateRecord.query(on: req.db).filter(\.$active == true).sort(\.$category).sort(\.$id).all()
        let dtos = try await ChecklistTemplates.dtos(templates, on: req.db)
        let admin = InspectionRules.mayEditChecklists(user.actor)
        return ChecklistsPage(page: PageContext(req, title: t("checklists.title")), rows: dtos.map {
            Row(name: $0.name, category: t.label("place", $0.category), version: $0.version, items: $0.items.count,
                href: SiteURL.checklist(.id($0.id)).path, editHref: admin ? SiteURL.editChecklist(.id($0.id)).path : nil)
        }, isAdmin: admin)
    }
}

/// `GET /checklists/:id`: one version's items by topic.
struct ChecklistPage {
    let page: PageContext
    let heading: String
    let meta: String
    let topics: [Topic]
    let editHref: String?

    struct Topic: Encodable {
        let name: String
        let items: [Item]
    }

    struct Item: Encodable {
        let text: String
        let photo: Bool
        let category: String
    }

    static func build(_ req: Request, id: Int) async throws -> ChecklistPage {
        let user = try req.currentUser()
        let t = Texts(req)
        guard let template = try await ChecklistTemplateRecord.find(id, on: req.db) else { throw SafeGridError.notFound }
        let items = try await ChecklistItemRecord.query(on: req.db).filter(\.$template.$id == id).sort(\.$position).all()
        let spec = template.spec(items: items)
        return ChecklistPage(
            page: PageContext(req, title: template.name), heading: template.name,
            meta: t("checklists.meta", t.label("place", template.category), "\(template.version)",
                    template.active ? t("checklists.current") : t("checklists.replaced")),
            topics: spec.topics.map { topic in
                Topic(name: topic.topic, items: topic.items.map { Item(text: $0.text, photo: $0.requiresPhoto, category: t.label("category", $0.hazardCategory)) })
            },
            editHref: InspectionRules.mayEditChecklists(user.actor) && template.active ? SiteURL.editChecklist(.id(id)).path : nil)
    }
}

/// What the checklist editor posts: `items[i][topic|text|requiresPhoto|hazardCategory]`.
struct ChecklistFormInput: Content {
    var name: String?
    var category: String?
    var items: [Row]?

    struct Row: Content {
        var topic: String?
        var text: String?
        var requiresPhoto: String?
        var hazardCategory: String?
    }

    /// The API body; rows left blank are dropped, so the form can offer spare rows.
    var request: ChecklistTemplateRequest {
        let rows = (items ?? []).filter { !(($0.topic ?? "") + ($0.text ?? "")).trimmingCharacters(in: .whitespaces).isEmpty }
        return ChecklistTemplateRequest(category: category, name: name, items: rows.map {
            ChecklistItemBody(topic: $0.topic, text: $0.text, requiresPhoto: $0.requiresPhoto == "1", hazardCategory: $0.hazardCategory)
        })
    }
}

/// `GET/POST /checklists/new` and `/checklists/:id/edit` (administrators): saving makes a new version.
struct ChecklistFormPage {
    let page: PageContext
    let action: String
    let fields: [FormField]
    let rows: [[FormField]]
    let alert: String?
    let errors: [String]

    static let spareRows = 5

    static func build(_ req: Request, template: ChecklistTemplateRecord?, input: ChecklistFormInput?,
                      error: SafeGridError? = nil) async throws -> ChecklistFormPage {
        let t = Texts(req)
        var values = input
        if values == nil, let template {
            let items = try await ChecklistItemRecord.query(on: req.db).filter(\.$template.$id == template.requireID()).sort(\.$position).all()
            values = ChecklistFormInput(name: template.name, category: template.category.rawValue, items: items.map {
                .init(topic: $0.topic, text: $0.text, requiresPhoto: $0.requiresPhoto ? "1" : nil, hazardCategory: $0.hazardCategory.rawValue)
            })
        }
        var head = [FormField("name", label: t("checklists.name"), value: values?.name ?? "", required: true, idPrefix: "cl")]
        if template == nil {
            head.append(.select("category", label: t("places.category"), options: FormField.options(PlaceCategory.self, "place", t),
                                selected: values?.category, blank: t("form.choose"), required: true, idPrefix: "cl"))
        }
        // Errors name the position among the rows kept, which are the filled rows in order.
        let kept = (values?.items ?? []).filter { !(($0.topic ?? "") + ($0.text ?? "")).trimmingCharacters(in: .whitespaces).isEmpty }
        let all = kept + Array(repeating: ChecklistFormInput.Row(), count: spareRows)
        var rows: [[FormField]] = all.enumerated().map { i, row in
            let p = "cl\(i)"
            var photo = FormField("items[\(i)][requiresPhoto]", label: t("checklists.photo"), kind: .checkbox, value: "1", idPrefix: p,
                                  errorField: "items.\(i).requiresPhoto")
            photo.checked = row.requiresPhoto == "1"
            var category = FormField.select("items[\(i)][hazardCategory]", label: t("hazard.category"),
                                            options: FormField.options(HazardCategory.self, "category", t),
                                            selected: row.hazardCategory ?? HazardCategory.other.rawValue, idPrefix: p)
            category.errorField = "items.\(i).hazardCategory"
            return [
                FormField("items[\(i)][topic]", label: t("checklists.topic"), value: row.topic ?? "", idPrefix: p, errorField: "items.\(i).topic"),
                FormField("items[\(i)][text]", label: t("checklists.text"), kind: .textarea, value: row.text ?? "", idPrefix: p,
                          errorField: "items.\(i).text"),
                photo, category,
            ]
        }
        var flat = head + rows.flatMap { $0 }
        let unplaced = flat.attach(error?.fields ?? [], t)
        head = Array(flat.prefix(head.count))
        rows = stride(from: head.count, to: flat.count, by: 4).map { Array(flat[$0..<$0 + 4]) }
        return ChecklistFormPage(
            page: PageContext(req, title: template.map { t("checklists.edit_title", $0.name) } ?? t("checklists.new_title")),
            action: template.map { SiteURL.editChecklist(.id($0.id ?? 0)).path } ?? SiteURL.newChecklist.path, fields: head, rows: rows,
            alert: error.map { t.message($0) }, errors: unplaced)
    }
}
