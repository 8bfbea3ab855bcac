import Fluent
import SafeGridDomain
import Vapor

/// What the new-user form posts.
struct UserFormInput: Content {
    var username: String?
    var displayName: String?
    var password: String?
    var role: String?
    var gridIds: [String]?
    var level: String?
    var department: String?
    var placeIds: [String]?
    var phone: String?

    func request() throws(SafeGridError) -> UserCreateRequest {
        var errors = FieldErrors()
        let grids = (gridIds ?? []).compactMap { WebFormat.int($0, field: "gridIds", errors: &errors) }
        let places = (placeIds ?? []).compactMap { WebFormat.int($0, field: "placeIds", errors: &errors) }
        let body = UserCreateRequest(
            username: username, password: password, displayName: displayName, role: role, gridIds: grids,
            level: WebFormat.int(level, field: "level", errors: &errors), department: department.flatMap { $0.isEmpty ? nil : $0 },
            placeIds: places, phone: phone.flatMap { $0.isEmpty ? nil : $0 })
        try errors.throwIfAny()
        return body
    }
}

/// `GET/POST /users/new` (administrators).
struct UserFormPage {
    let page: PageContext
    let fields: [FormField]
    let errors: [String]
    let alert: String?

    static func build(_ req: Request, input: UserFormInput? = nil, error: SafeGridError? = nil) async throws -> UserFormPage {
        let t = Texts(req)
        let p = "user"
        let grids = GridTree.ordered(try await GridRecord.query(on: req.db).all()).map { grid, depth in
            FormField.Option(value: "\(grid.id ?? 0)", label: String(repeating: "\u{3000}", count: depth) + grid.name)
        }
        let places = try await PlaceRecord.query(on: req.db).sort(\.$name).limit(2000).all()
            .map { FormField.Option(value: "\($0.id ?? 0)", label: $0.name) }
        func many(_ name: String, _ label: String, _ options: [FormField.Option], _ chosen: [String]?, hint: String) -> FormField {
            var field = FormField(name + "[]", label: t(label), kind: .multiselect, idPrefix: p, errorField: name)
            field.options = options.map { .init(value: $0.value, label: $0.label, selected: (chosen ?? []).contains($0.value)) }
            field.multiple = true
            field.hint = t(hint)
            return field
        }
        var username = FormField("username", label: t("login.username"), value: input?.username ?? "", required: true, idPrefix: p)
        username.hint = t("users.username_hint")
        var password = FormField("password", label: t("login.password"), kind: .password, required: true, idPrefix: p)
        password.hint = t("users.password_hint")
        var level = FormField.select("level", label: t("users.level"), options: GridWorkerLevel.allCases.map {
            .init(value: "\($0.rawValue)", label: t("users.level_n", "\($0.rawValue)"))
        }, selected: input?.level, blank: t("form.none"), idPrefix: p)
        level.hint = t("users.level_hint")
        var department = FormField.select("department", label: t("users.department"),
                                          options: FormField.options(Department.self, "department", t),
                                          selected: input?.department, blank: t("form.none"), idPrefix: p)
        department.hint = t("users.department_hint")
        var fields: [FormField] = [
            username,
            FormField("displayName", label: t("users.display_name"), value: input?.displayName ?? "", idPrefix: p),
            password,
            .select("role", label: t("users.role"), options: FormField.options(Role.self, "role", t), selected: input?.role,
                    blank: t("form.choose"), required: true, idPrefix: p),
            many("gridIds", "users.grids", grids, input?.gridIds, hint: "users.grids_hint"),
            level, department,
            many("placeIds", "users.places", places, input?.placeIds, hint: "users.places_hint"),
            FormField("phone", label: t("users.phone"), kind: .tel, value: input?.phone ?? "", idPrefix: p),
        ]
        let unplaced = fields.attach(error?.fields ?? [], t)
        return UserFormPage(page: PageContext(req, title: t("users.new")), fields: fields, errors: unplaced,
                            alert: error.map { t.message($0) })
    }
}
