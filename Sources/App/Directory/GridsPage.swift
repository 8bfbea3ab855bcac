import Fluent
import SafeGridDomain
import Vapor

/// What the new-grid form posts.
struct GridFormInput: Content {
    var name: String?
    var code: String?
    var level: String?
    var kind: String?
    var independentType: String?
    var parentId: String?

    func request() throws(SafeGridError) -> GridCreateRequest {
        var errors = FieldErrors()
        let parent = WebFormat.int(parentId, field: "parentId", errors: &errors)
        try errors.throwIfAny()
        return GridCreateRequest(name: name, code: code, level: level, kind: kind,
                                 independentType: independentType.flatMap { $0.isEmpty ? nil : $0 }, parentId: parent)
    }
}

/// `GET /grids`: the grid tree in the user's reach, and the form to add a grid for those who manage.
struct GridsPage {
    let page: PageContext
    let rows: [Row]
    let form: [FormField]
    let mayCreate: Bool
    /// Moving a grid under another parent: which grid, where to; empty when the user may move none.
    let moveForm: [FormField]
    let errors: [String]
    let alert: String?

    struct Row: Encodable {
        let name: String
        let code: String
        let level: String
        let kind: String
        let depth: Int
        let hazardsHref: String?
        let placesHref: String?
        /// Where the rename and retire forms post, for grids the user may edit.
        let editAction: String?
        let retired: Bool
    }

    static func build(_ req: Request, input: GridFormInput? = nil, move: GridWebController.MoveInput? = nil,
                      error: SafeGridError? = nil) async throws -> GridsPage {
        let user = try req.currentUser()
        let t = Texts(req)
        let grids = try await GridQuery.visible(to: user.actor, on: req.db).all()
        let rows = GridTree.ordered(grids).map { grid, depth in
            // Ancestors appear so the tree reads from the top, but lead nowhere the user may look.
            let covered = user.actor.covers(gridPath: grid.path)
            let kind = grid.kind == .independent
                ? t.label("kind", grid.kind) + (grid.independentType.map { " · " + t.label("independent", $0) } ?? "")
                : t.label("kind", grid.kind)
            return Row(name: grid.name, code: grid.code, level: t.label("level", grid.level), kind: kind, depth: min(depth, 4),
                       hazardsHref: covered ? SiteURL.hazards.with(query: "gridId=\(grid.id ?? 0)") : nil,
                       placesHref: covered ? SiteURL.places.with(query: "gridId=\(grid.id ?? 0)") : nil,
                       editAction: covered && GridPermissions.mayEdit(user.actor, gridPath: grid.path) ? SiteURL.grid(.id(grid.id ?? 0)).path : nil,
                       retired: grid.retiredAt != nil)
        }
        let parents = GridTree.ordered(grids.filter { Permissions.mayManage(user.actor, gridPath: $0.path) && $0.level != .point && $0.retiredAt == nil })
            .map { grid, depth in
                FormField.Option(value: "\(grid.id ?? 0)", label: String(repeating: "\u{3000}", count: depth) + t("form.with_detail", grid.name, grid.code))
            }
        let mayCreate = user.actor.seesEverything || !parents.isEmpty
        var form: [FormField] = []
        if mayCreate {
            form = fields(input, parents: parents, admin: user.actor.seesEverything, t: t)
        }
        let inUse = GridTree.ordered(grids.filter { user.actor.covers(gridPath: $0.path) && $0.retiredAt == nil })
        func option(_ grid: GridRecord, _ depth: Int) -> FormField.Option {
            FormField.Option(value: "\(grid.id ?? 0)", label: String(repeating: "\u{3000}", count: depth) + t("form.with_detail", grid.name, grid.code))
        }
        let movable = inUse.filter { grid, _ in grid.level != .district && GridPermissions.mayEdit(user.actor, gridPath: grid.path) }
        var moveForm: [FormField] = []
        if !movable.isEmpty {
            moveForm = [
                .select("gridId", label: t("grids.move_grid"), options: movable.map(option), selected: move?.gridId, blank: t("form.choose"),
                        required: true, idPrefix: "move"),
                .select("parentId", label: t("grids.move_parent"), options: inUse.filter { $0.0.level != .point }.map(option),
                        selected: move?.parentId, blank: t("form.choose"), required: true, idPrefix: "move"),
            ]
            moveForm[1].hint = t("grids.move_hint")
        }
        // A move's errors belong to the move form; a new grid's to the new-grid form.
        let unplaced = move == nil ? form.attach(error?.fields ?? [], t) : moveForm.attach(error?.fields ?? [], t)
        return GridsPage(page: PageContext(req, title: t("grids.title")), rows: rows, form: form, mayCreate: mayCreate, moveForm: moveForm,
                         errors: unplaced, alert: error.map { t.message($0) })
    }

    static func fields(_ v: GridFormInput?, parents: [FormField.Option], admin: Bool, t: Texts) -> [FormField] {
        let p = "grid"
        var code = FormField("code", label: t("grids.code"), value: v?.code ?? "", required: true, idPrefix: p)
        code.hint = t("grids.code_hint")
        var type = FormField.select("independentType", label: t("grids.independent_type"),
                                    options: FormField.options(IndependentGridType.self, "independent", t),
                                    selected: v?.independentType, blank: t("form.none"), idPrefix: p)
        type.hint = t("grids.independent_type_hint")
        return [
            .select("parentId", label: t("grids.parent"), options: parents, selected: v?.parentId,
                    blank: admin ? t("grids.no_parent") : nil, required: !admin, idPrefix: p),
            FormField("name", label: t("grids.name"), value: v?.name ?? "", required: true, idPrefix: p),
            code,
            .select("level", label: t("grids.level"), options: FormField.options(GridLevel.self, "level", t),
                    selected: v?.level ?? GridLevel.village.rawValue, required: true, idPrefix: p),
            .select("kind", label: t("grids.kind"), options: FormField.options(GridKind.self, "kind", t),
                    selected: v?.kind ?? GridKind.territorial.rawValue, required: true, idPrefix: p),
            type,
        ]
    }
}
