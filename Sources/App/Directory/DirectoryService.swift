import Fluent
import Foundation
import SafeGridDomain
import SQLKit
import Vapor

/// Grids, places and users: validation and storage shared by the API, the web pages,
/// the command line and the CSV import.
struct DirectoryService {
    let db: any Database
    var passwords: AsyncPasswordHasher
    /// When the change happens, for the register trail.
    var now = Date()
    /// The writer behind the gate; `.joined` inside a transaction the caller holds (the import)
    /// and for the command line.
    var writes = WritePath.joined
    /// Told after a grid was added or changed (the pickers' cache, `GridPickerCache`).
    var gridsChanged: @Sendable () -> Void = {}

    // MARK: Grids

    func createGrid(_ body: GridCreateRequest, by actor: Actor?) async throws -> GridRecord {
        var errors = FieldErrors()
        errors.require(body.name, "name")
        if (body.name?.count ?? 0) > 100 { errors.add("name", "error.field.too_long", args: ["100"]) }
        errors.require(body.code, "code")
        let level = Choice.parse(GridLevel.self, body.level, "level", &errors)
        let kind = Choice.parse(GridKind.self, body.kind ?? "territorial", "kind", &errors)
        var independentType: IndependentGridType?
        if kind == .independent {
            independentType = Choice.parse(IndependentGridType.self, body.independentType ?? "other", "independentType", &errors)
        }
        try errors.throwIfAny()
        var parent: GridRecord?
        if let parentId = body.parentId {
            parent = try await GridRecord.find(parentId, on: db)
            if parent == nil { throw SafeGridError.invalid(field: "parentId", "error.field.unknown_grid") }
        }
        let code = body.code!.trimmingCharacters(in: .whitespaces)
        let problems = GridRules.validate(code: code, level: level!, kind: kind!, parent: parent.map { ($0.code, $0.level) })
        if !problems.isEmpty { throw SafeGridError.invalid(problems) }
        if let actor {
            // Only an administrator creates roots; officers add grids inside their township.
            if let parent {
                guard Permissions.mayManage(actor, gridPath: parent.path) else { throw SafeGridError.forbidden }
            } else if !actor.seesEverything {
                throw SafeGridError.forbidden
            }
        }
        let grid = try await insertGrid(code: code, body: body, level: level!, kind: kind!, independentType: independentType, parent: parent)
        gridsChanged()
        return grid
    }

    private func insertGrid(code: String, body: GridCreateRequest, level: GridLevel, kind: GridKind,
                            independentType: IndependentGridType?, parent: GridRecord?) async throws -> GridRecord {
        if try await GridRecord.query(on: db).filter(\.$code == code).count() > 0 {
            throw SafeGridError.invalid(field: "code", "error.field.code_taken")
        }
        return try await writes.transaction(on: db) { tx in
            let grid = GridRecord()
            grid.code = code
            grid.name = body.name!.trimmingCharacters(in: .whitespaces)
            grid.level = level
            grid.kind = kind
            grid.independentType = independentType
            grid.$parent.id = parent?.id
            grid.boundary = body.boundary.flatMap { $0.isEmpty ? nil : $0 }
            // The path needs the id, which the database assigns: insert with a unique
            // placeholder, then set the real path in the same transaction.
            grid.path = "pending:\(code)"
            try await grid.create(on: tx)
            grid.path = GridRules.path(parentPath: parent?.path, id: try grid.requireID())
            try await grid.save(on: tx)
            return grid
        }
    }

    // MARK: Places

    func savePlace(_ body: PlaceRequest, existing: PlaceRecord?, by actor: Actor?) async throws -> PlaceRecord {
        var errors = FieldErrors()
        let place = existing ?? PlaceRecord()
        let name = body.name ?? existing?.name
        errors.require(name, "name")
        if (name?.count ?? 0) > 200 { errors.add("name", "error.field.too_long", args: ["200"]) }
        let category = Choice.parse(PlaceCategory.self, body.category ?? existing?.category.rawValue, "category", &errors)
        let gridId = body.gridId ?? existing?.$grid.id
        if gridId == nil { errors.add("gridId", "error.field.required") }
        let address = body.address ?? existing?.address
        errors.require(address, "address")
        if let phone = body.contactPhone, !phone.isEmpty, !Validation.isPhone(phone) { errors.add("contactPhone", "error.field.phone") }
        let lat = body.latitude ?? existing?.latitude, lon = body.longitude ?? existing?.longitude
        if (lat == nil) != (lon == nil) { errors.add("longitude", "error.field.coordinates") }
        if let lat, let lon, !Validation.isCoordinate(latitude: lat, longitude: lon) { errors.add("latitude", "error.field.coordinates") }
        try errors.throwIfAny()
        guard let grid = try await GridRecord.find(gridId, on: db) else {
            throw SafeGridError.invalid(field: "gridId", "error.field.unknown_grid")
        }
        if let actor {
            if let existing, !Permissions.mayEditPlace(actor, gridPath: existing.gridPath) { throw SafeGridError.forbidden }
            if grid.retiredAt != nil, existing?.$grid.id != grid.id { throw SafeGridError.invalid(field: "gridId", "error.grid.retired") }
            guard Permissions.mayEditPlace(actor, gridPath: grid.path) else {
                throw SafeGridError.invalid(field: "gridId", "error.field.unknown_grid")
            }
        }
        if let cadre = body.responsibleCadreId, try await UserRecord.find(cadre, on: db) == nil {
            throw SafeGridError.invalid(field: "responsibleCadreId", "error.field.unknown_user")
        }
        place.name = name!.trimmingCharacters(in: .whitespaces)
        place.category = category!
        place.$grid.id = try grid.requireID()
        place.gridPath = grid.path
        place.address = address!.trimmingCharacters(in: .whitespaces)
        place.latitude = lat
        place.longitude = lon
        if let v = body.contactName { place.contactName = v.isEmpty ? nil : v } else if existing == nil { place.contactName = nil }
        if let v = body.contactPhone { place.contactPhone = v.isEmpty ? nil : v } else if existing == nil { place.contactPhone = nil }
        if let v = body.responsibleCadreId { place.$responsibleCadre.id = v } else if existing == nil { place.$responsibleCadre.id = nil }
        place.aboveScale = body.aboveScale ?? existing?.aboveScale ?? false
        if let tags = body.tags {
            place.tags = tags.map { $0.replacingOccurrences(of: ",", with: " ").trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }.joined(separator: ",")
        } else if existing == nil {
            place.tags = ""
        }
        let now = self.now
        try await writes.transaction(on: db) { tx in
            try await place.save(on: tx)
            try await RegisterTrail.append(.place, recordId: try place.requireID(), existing == nil ? .created : .updated,
                                           actorId: actor?.userId, at: now, snapshot: PlaceDTO(place), on: tx)
        }
        return place
    }

    /// Renames, moves and/or retires a grid (history kept on the register trail). A grid is retired
    /// only once no grid below it is still in use; places already in it stay, new ones go elsewhere.
    /// A move rewrites the path and code of the grid and everything below it, and the grid path
    /// every record carries, in one transaction; the trail keeps the old parent, path and code.
    func updateGrid(_ id: Int, name: String?, retired: Bool?, parentId: Int? = nil, by actor: Actor) async throws -> GridRecord {
        guard let grid = try await GridRecord.find(id, on: db), actor.covers(gridPath: grid.path) else {
            throw SafeGridError.notFound
        }
        guard GridPermissions.mayEdit(actor, gridPath: grid.path) else { throw SafeGridError.forbidden }
        var errors = FieldErrors()
        let newName = name?.trimmingCharacters(in: .whitespaces)
        if let newName {
            if newName.isEmpty { errors.add("name", "error.field.required") }
            if newName.count > 100 { errors.add("name", "error.field.too_long", args: ["100"]) }
        }
        if retired == true, grid.retiredAt == nil {
            let children = try await GridRecord.query(on: db).filter(\.$parent.$id == id).filter(\.$retiredAt == nil).count()
            if children > 0 { errors.add("retired", "error.grid.children_in_use", args: ["\(children)"]) }
        }
        try errors.throwIfAny()
        let move: GridRules.Move? = if let parentId, parentId != grid.$parent.id {
            try await plannedMove(grid, to: parentId, by: actor)
        } else { nil }
        let now = self.now
        defer { gridsChanged() }
        return try await writes.transaction(on: db) { tx in
            var actions: [RegisterTrail.Action] = []
            if let move {
                grid.$parent.id = parentId
                try await Self.rewrite(move, on: tx)
                grid.path = move.newPath; grid.code = move.newCode
                actions.append(.moved)
            }
            if let newName, newName != grid.name { grid.name = newName; actions.append(.renamed) }
            if let retired, retired != (grid.retiredAt != nil) {
                grid.retiredAt = retired ? now : nil
                actions.append(retired ? .retired : .reinstated)
            }
            try await grid.save(on: tx)
            for action in actions {
                try await RegisterTrail.append(.grid, recordId: id, action, actorId: actor.userId, at: now, snapshot: GridDTO(grid), on: tx)
            }
            return grid
        }
    }

    /// The checked move of `grid` under `parentId`: the parent must exist, be in use, be
    /// reachable by the user and be at the level above; the rewritten code must be free.
    private func plannedMove(_ grid: GridRecord, to parentId: Int, by actor: Actor) async throws -> GridRules.Move {
        guard let parent = try await GridRecord.find(parentId, on: db), actor.covers(gridPath: parent.path) else {
            throw SafeGridError.invalid(field: "parentId", "error.field.unknown_grid")
        }
        guard GridPermissions.mayMove(actor, gridPath: grid.path, toParentPath: parent.path) else { throw SafeGridError.forbidden }
        guard parent.retiredAt == nil else { throw SafeGridError.invalid(field: "parentId", "error.grid.parent_retired") }
        let oldParent = try await grid.$parent.get(on: db)
        let move = try GridRules.move(id: try grid.requireID(), path: grid.path, code: grid.code, level: grid.level, kind: grid.kind,
                                      oldParentCode: oldParent?.code, newParent: (parent.code, parent.level, parent.path))
        if try await GridRecord.query(on: db).filter(\.$code == move.newCode).first() != nil {
            throw SafeGridError.invalid(field: "parentId", "error.grid.code_taken", args: [move.newCode])
        }
        return move
    }

    /// Every table that carries a grid path, rewritten by prefix; history tables (events, trails)
    /// keep the path the record had when it was written.
    static let pathColumns: [(table: String, column: String)] = [
        ("places", "grid_path"), ("hazards", "grid_path"), ("inspections", "grid_path"), ("risk_assessments", "grid_path"),
        ("campaigns", "grid_path"), ("activities", "grid_path"), ("accidents", "grid_path"), ("public_reports", "grid_path"),
        ("bulletins", "grid_path"),
    ]

    /// PostgreSQL's `substr` takes an `integer`, not the `bigint` a bound Int becomes: hence the casts.
    private static func rewrite(_ move: GridRules.Move, on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        let from = move.oldPath.count + 1
        try await sql.raw("""
            UPDATE grids SET path = CAST(\(bind: move.newPath) AS TEXT) || substr(path, CAST(\(bind: from) AS INTEGER)),
                code = CAST(\(bind: move.newCode) AS TEXT) || substr(code, CAST(\(bind: move.oldCode.count + 1) AS INTEGER))
            WHERE path LIKE \(bind: move.oldPath + "%")
            """).run()
        for (table, column) in pathColumns {
            try await sql.raw("""
                UPDATE \(ident: table) SET \(ident: column) = CAST(\(bind: move.newPath) AS TEXT) || substr(\(ident: column), CAST(\(bind: from) AS INTEGER))
                WHERE \(ident: column) LIKE \(bind: move.oldPath + "%")
                """).run()
        }
    }

    // MARK: Users

    static func isValidUsername(_ name: String) -> Bool {
        (3...32).contains(name.count) && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
    }

    func createUser(_ body: UserCreateRequest, by actorId: Int? = nil) async throws -> UserRecord {
        var errors = FieldErrors()
        let username = body.username?.trimmingCharacters(in: .whitespaces) ?? ""
        if username.isEmpty { errors.add("username", "error.field.required") }
        else if !Self.isValidUsername(username) { errors.add("username", "error.field.username_format") }
        PasswordPolicy.check(body.password, username: username, common: Self.commonPasswords, into: &errors)
        let role = Choice.parse(Role.self, body.role, "role", &errors)
        var department: Department?
        if let raw = body.department, !raw.isEmpty { department = Choice.parse(Department.self, raw, "department", &errors) }
        if role == .department && department == nil && (body.department ?? "").isEmpty { errors.add("department", "error.field.department_required") }
        let gridIds = body.gridIds ?? []
        if [.officer, .leader, .gridWorker].contains(role) && gridIds.isEmpty {
            errors.add("gridIds", "error.field.grid_required_for_role")
        }
        if let level = body.level, GridWorkerLevel(rawValue: level) == nil { errors.add("level", "error.field.choice", args: ["1, 2, 3"]) }
        if let phone = body.phone, !phone.isEmpty, !Validation.isPhone(phone) { errors.add("phone", "error.field.phone") }
        try errors.throwIfAny()
        if try await UserRecord.query(on: db).filter(\.$username == username).count() > 0 {
            throw SafeGridError.invalid(field: "username", "error.field.username_taken")
        }
        let grids = try await GridRecord.query(on: db).filter(\.$id ~~ gridIds).all()
        if grids.count != Set(gridIds).count { throw SafeGridError.invalid(field: "gridIds", "error.field.unknown_grid") }
        let placeIds = body.placeIds ?? []
        let places = try await PlaceRecord.query(on: db).filter(\.$id ~~ placeIds).count()
        if places != Set(placeIds).count { throw SafeGridError.invalid(field: "placeIds", "error.field.unknown_place") }

        let hash = try await passwords.hash(body.password!)
        let chosenDepartment = department
        return try await writes.transaction(on: db) { tx in
            let user = UserRecord()
            user.username = username
            user.passwordHash = hash
            user.displayName = (body.displayName?.isEmpty == false ? body.displayName! : username)
            user.role = role!
            user.level = role == .gridWorker ? (body.level ?? 1) : nil
            user.department = chosenDepartment
            user.phone = body.phone
            user.active = true
            user.failedLogins = 0
            try await user.create(on: tx)
            let id = try user.requireID()
            for gridId in Set(gridIds) { try await UserGridRecord(userId: id, gridId: gridId).create(on: tx) }
            for placeId in Set(placeIds) { try await UserPlaceRecord(userId: id, placeId: placeId).create(on: tx) }
            let snapshot = UserTrailSnapshot(user, gridIds: Array(Set(gridIds)).sorted(), placeIds: Array(Set(placeIds)).sorted())
            try await RegisterTrail.append(.user, recordId: id, .created, actorId: actorId, at: now, snapshot: snapshot, on: tx)
            return user
        }
    }

    /// The most common passwords, shipped in Resources/passwords/common.txt, refused when set.
    static let commonPasswords: Set<String> = {
        let path = SafeGridApp.installFolder() + "Resources/passwords/common.txt"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return Set(text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") })
    }()

    /// The user's own password change: the current one must be right, the new one must pass
    /// the policy and differ. Every other session and API token of the user stops working;
    /// `keepToken` (the hash of the token making the call) goes on.
    func changePassword(userId: Int, current: String?, new: String?, keepToken: String?, now: Date) async throws {
        guard let user = try await UserRecord.find(userId, on: db), user.active else { throw SafeGridError.unauthenticated }
        var errors = FieldErrors()
        errors.require(current, "currentPassword")
        PasswordPolicy.check(new, username: user.username, common: Self.commonPasswords, field: "newPassword", into: &errors)
        try errors.throwIfAny()
        guard (current ?? "").utf8.count <= PasswordPolicy.maxBytes, try await passwords.verify(current!, created: user.passwordHash) else {
            throw SafeGridError.invalid(field: "currentPassword", "error.field.password_wrong")
        }
        if current == new { throw SafeGridError.invalid(field: "newPassword", "error.field.password_same") }
        let hash = try await passwords.hash(new!)
        try await writes.transaction(on: db) { tx in
            guard let fresh = try await UserRecord.find(userId, on: tx) else { throw SafeGridError.notFound }
            fresh.passwordHash = hash
            fresh.sessionsValidAfter = now
            try await fresh.save(on: tx)
            let tokens = APITokenRecord.query(on: tx).filter(\.$user.$id == userId)
            if let keepToken { tokens.filter(\.$tokenHash != keepToken) }
            try await tokens.delete()
            try await RegisterTrail.append(.user, recordId: userId, .passwordChanged, actorId: userId, at: now,
                                           snapshot: UserTrailSnapshot(fresh, gridIds: nil, placeIds: nil), on: tx)
        }
    }

    /// An administrator's switch: deactivating, or revoking access, ends every session and
    /// deletes every API token of the user at once; reactivating only lets them sign in again.
    func setAccess(userId: Int, active: Bool?, revoke: Bool, by actor: Actor, now: Date) async throws -> UserRecord {
        guard AccountPermissions.mayManageAccounts(actor) else { throw SafeGridError.forbidden }
        if userId == actor.userId, active == false { throw SafeGridError.invalid(field: "active", "error.field.deactivate_self") }
        return try await writes.transaction(on: db) { tx in
            guard let user = try await UserRecord.find(userId, on: tx) else { throw SafeGridError.notFound }
            if let active { user.active = active }
            if revoke || active == false {
                user.sessionsValidAfter = now
                try await APITokenRecord.query(on: tx).filter(\.$user.$id == userId).delete()
            }
            try await user.save(on: tx)
            let action: RegisterTrail.Action = active == false ? .deactivated : active == true ? .activated : .accessRevoked
            try await RegisterTrail.append(.user, recordId: userId, action, actorId: actor.userId, at: now,
                                           snapshot: UserTrailSnapshot(user, gridIds: nil, placeIds: nil), on: tx)
            return user
        }
    }

    func dto(_ user: UserRecord) async throws -> UserDTO {
        let id = try user.requireID()
        let grids = try await UserGridRecord.query(on: db).filter(\.$user.$id == id).all().map(\.$grid.id)
        let places = try await UserPlaceRecord.query(on: db).filter(\.$user.$id == id).all().map(\.$place.id)
        return UserDTO(id: id, username: user.username, displayName: user.displayName, role: user.role, gridIds: grids,
                       level: user.level, department: user.department, placeIds: places, phone: user.phone, active: user.active)
    }
}

extension Request {
    var directory: DirectoryService {
        let pickers = application.gridPickerCache
        return DirectoryService(db: db, passwords: password.async, now: now, writes: application.writePath, gridsChanged: { pickers.invalidate() })
    }
}

/// What the trail keeps of a user: never the password hash.
struct UserTrailSnapshot: Encodable {
    let username: String
    let displayName: String
    let role: String
    let active: Bool
    let department: String?
    let gridIds: [Int]?
    let placeIds: [Int]?

    init(_ user: UserRecord, gridIds: [Int]?, placeIds: [Int]?) {
        username = user.username; displayName = user.displayName; role = user.role.rawValue; active = user.active
        department = user.department?.rawValue; self.gridIds = gridIds; self.placeIds = placeIds
    }
}
