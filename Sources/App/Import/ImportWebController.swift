import SafeGridDomain
import Vapor

/// `GET /imports`, `POST /imports`: places, grids and users from a spreadsheet (CSV or .xlsx),
/// all rows or none, with the same sheet/row/column errors as `safegrid import`.
struct ImportWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.imports.pathComponents, use: page)
        routes.on(.POST, SiteURL.imports.pathComponents, body: .collect(maxSize: WebUploads.maxBody), use: run)
    }

    struct Input: Content {
        var kind: String?
        var file: File?
    }

    func page(req: Request) async throws -> Response {
        let page = try ImportPage.build(req, kind: nil, problems: [], error: nil)
        guard !page.kinds.isEmpty else { throw SafeGridError.forbidden }
        return req.page(page)
    }

    func run(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let input = try req.content.decode(Input.self)
        guard let raw = input.kind, let kind = CSVImport.Kind(rawValue: raw), kind != .tasks else {
            return req.page(try ImportPage.build(req, kind: nil, problems: [], error: SafeGridError.invalid(field: "kind", "error.field.required")),
                            status: .badRequest)
        }
        guard DirectoryImportPermissions.mayImport(kind.rawValue, user.actor) else { throw SafeGridError.forbidden }
        guard let file = input.file, file.data.readableBytes > 0 else {
            return req.page(try ImportPage.build(req, kind: kind, problems: [], error: SafeGridError.invalid(field: "file", "error.field.required")),
                            status: .badRequest)
        }
        do {
            let count = try await CSVImport.run(kind, data: Data(file.data.readableBytesView), on: req.application, actor: user.actor)
            req.application.dashboardCache.invalidate()
            return req.redirect(to: SiteURL.imports.with(query: "done=\(kind.rawValue)&rows=\(count)"))
        } catch let failure as CSVImport.Failure {
            let problems = failure.problems.map { "\($0.place): \($0.message)" }
            return req.page(try ImportPage.build(req, kind: kind, problems: problems, error: nil), status: .badRequest)
        }
    }
}

struct ImportPage {
    let page: PageContext
    let kinds: [FormField.Option]
    let fields: [FormField]
    let problems: [String]
    let notice: String?
    let errors: [String]

    static func build(_ req: Request, kind: CSVImport.Kind?, problems: [String], error: SafeGridError?) throws -> ImportPage {
        let user = try req.currentUser()
        let t = Texts(req)
        let kinds = [CSVImport.Kind.places, .grids, .users].filter { DirectoryImportPermissions.mayImport($0.rawValue, user.actor) }
            .map { FormField.Option(value: $0.rawValue, label: t("imports.kind.\($0.rawValue)"), selected: $0 == kind) }
        var file = FormField("file", label: t("imports.file"), kind: .file, required: true)
        file.accept = ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        file.hint = t("imports.file_hint")
        var fields = [FormField.select("kind", label: t("imports.kind"), options: kinds, selected: kind?.rawValue), file]
        let unplaced = fields.attach(error?.fields ?? [], t)
        var notice: String?
        if let done = req.query[String.self, at: "done"], CSVImport.Kind(rawValue: done) != nil,
           let rows = req.query[Int.self, at: "rows"], (0...1_000_000).contains(rows) {
            notice = t("imports.done", "\(rows)", t("imports.kind.\(done)"))
        }
        return ImportPage(page: PageContext(req, title: t("imports.title")), kinds: kinds, fields: fields, problems: problems,
                          notice: notice, errors: unplaced)
    }
}
