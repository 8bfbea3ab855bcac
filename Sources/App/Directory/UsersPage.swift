import Fluent
import SafeGridDomain
import Vapor

/// `GET /users` (administrators): accounts with their role and reach.
struct UsersPage {
    let page: PageContext
    let rows: [Row]
    let pager: Pager
    /// What the last action did, shown once after its redirect.
    let notice: String?

    struct Row: Encodable {
        let id: Int
        let username: String
        let displayName: String
        let role: String
        let reach: String
        let phone: String
        let active: Bool
    }

    static func build(_ req: Request) async throws -> UsersPage {
        let t = Texts(req)
        let number = try Pager.page(req)
        let total = try await UserRecord.listed(on: req.db).count()
        let users = try await UserRecord.listed(on: req.db).sort(\.$username)
            .range(((number - 1) * Pager.perPage)..<(number * Pager.perPage)).all()
        let ids = users.compactMap(\.id)
        // The grids and places of the whole page in one query each.
        let grids = try await UserGridRecord.query(on: req.db).filter(\.$user.$id ~~ ids).with(\.$grid).all()
        let places = try await UserPlaceRecord.query(on: req.db).filter(\.$user.$id ~~ ids).with(\.$place).all()
        let rows = users.map { u in
            var reach = grids.filter { $0.$user.id == u.id }.map(\.grid.name)
            reach += places.filter { $0.$user.id == u.id }.map(\.place.name)
            if let d = u.department { reach.insert(t.label("department", d), at: 0) }
            var role = t.label("role", u.role)
            if u.role == .gridWorker, let level = u.level { role += " · " + t("users.level_n", "\(level)") }
            return Row(id: u.id ?? 0, username: u.username, displayName: u.displayName, role: role, reach: reach.joined(separator: t("form.list_separator")),
                       phone: u.phone ?? "", active: u.active)
        }
        let done = req.query[String.self, at: "done"].flatMap { ["deactivated", "activated", "revoked"].contains($0) ? $0 : nil }
        return UsersPage(page: PageContext(req, title: t("users.title")), rows: rows,
                         pager: Pager(total: total, page: number, path: SiteURL.users.path, query: req.url.query, t: t),
                         notice: done.map { t("users.done.\($0)") })
    }
}
