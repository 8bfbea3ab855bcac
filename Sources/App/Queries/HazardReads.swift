import Fluent
import FluentSQL
import Foundation
import SafeGridDomain
import SQLKit

/// A hazard as plain values, read through SQLKit with an explicit column list. The hot read
/// paths (ledger, CSV, detail, timeline, dashboard lists) use this instead of `HazardRecord`:
/// Fluent rebuilds a model's property list by reflection for every row it decodes, which was
/// about half of the CPU of a ledger page (bench/results/2026-11-27-sqlite.md). Writes still go
/// through the record in `HazardService`.
struct HazardSnapshot: Decodable, Sendable {
    var id: Int
    var number: String
    var townshipId: Int
    var gridId: Int
    var gridPath: String
    var placeId: Int?
    var title: String
    var description: String
    var category: HazardCategory
    var grade: HazardGrade
    var source: HazardSource
    var state: HazardState
    var version: Int
    var deadline: String?
    var reworkCount: Int
    var escalation: Int
    var transferredTo: Department?
    var responsibleName: String?
    var responsiblePhone: String?
    var responsibleUserId: Int?
    var responsibleDepartment: Department?
    var requirement: String?
    var plan: String?
    var noticeNumber: String?
    var lastSubmitterId: Int?
    var discoveredAt: Date
    var discoveredById: Int
    var latitude: Double?
    var longitude: Double?
    var locationText: String?
    var closedAt: Date?
    var createdAt: Date?
    var updatedAt: Date?

    /// The raw values are the column names, so the column list below cannot drift from the fields.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, number, title, description, category, grade, source, state, version, deadline, escalation, requirement, plan
        case latitude, longitude
        case townshipId = "township_id", gridId = "grid_id", gridPath = "grid_path", placeId = "place_id"
        case reworkCount = "rework_count", transferredTo = "transferred_to", responsibleName = "responsible_name"
        case responsiblePhone = "responsible_phone", responsibleUserId = "responsible_user_id"
        case responsibleDepartment = "responsible_department", noticeNumber = "notice_number"
        case lastSubmitterId = "last_submitter_id", discoveredAt = "discovered_at", discoveredById = "discovered_by_id"
        case locationText = "location_text", closedAt = "closed_at", createdAt = "created_at", updatedAt = "updated_at"
    }

    /// `hazards.id, hazards.number, ...`: qualified, since the reads join places, grids and users.
    /// The column list as one prepared piece of SQL: serialising thirty-three quoted column
    /// expressions again for every page was a tenth of a ledger request. The names are plain
    /// lower-case identifiers, valid unquoted on both engines.
    static let columns: [any SQLExpression] = [SQLRaw(columnList)]
    static let columnList = CodingKeys.allCases.map { "hazards.\($0.rawValue)" }.joined(separator: ", ")

    /// The case fields as the domain's value: read for `HazardCase.applying`, written back
    /// after it. The plan is stored as JSON text and rewritten only when it changed.
    var `case`: HazardCase {
        get {
            HazardCase(state: state, deadline: deadline.flatMap(CivilDate.init(iso:)), reworkCount: reworkCount,
                       escalation: EscalationLevel(rawValue: escalation) ?? .none, transferredTo: transferredTo,
                       lastSubmitterId: lastSubmitterId, closedAt: closedAt, responsibleName: responsibleName,
                       responsiblePhone: responsiblePhone, responsibleUserId: responsibleUserId,
                       responsibleDepartment: responsibleDepartment, requirement: requirement,
                       plan: plan.flatMap { JSONCoding.decode(GovernancePlan.self, $0) }, updatedAt: updatedAt)
        }
        set {
            let oldPlan = plan.flatMap { JSONCoding.decode(GovernancePlan.self, $0) }
            state = newValue.state
            deadline = newValue.deadline?.description
            reworkCount = newValue.reworkCount
            escalation = newValue.escalation.rawValue
            transferredTo = newValue.transferredTo
            lastSubmitterId = newValue.lastSubmitterId
            closedAt = newValue.closedAt
            responsibleName = newValue.responsibleName
            responsiblePhone = newValue.responsiblePhone
            responsibleUserId = newValue.responsibleUserId
            responsibleDepartment = newValue.responsibleDepartment
            requirement = newValue.requirement
            if newValue.plan != oldPlan { plan = newValue.plan.flatMap { try? JSONCoding.string($0) } }
            updatedAt = newValue.updatedAt
        }
    }

    var facts: HazardFacts {
        HazardFacts(state: state, grade: grade, gridPath: gridPath, placeId: placeId,
                    discoveredById: discoveredById, lastSubmitterId: lastSubmitterId,
                    deadline: deadline.flatMap(CivilDate.init(iso:)),
                    escalation: EscalationLevel(rawValue: escalation) ?? .none,
                    transferredTo: transferredTo, responsibleUserId: responsibleUserId)
    }
}

extension HazardSnapshot {
    /// Column by column, without `SQLRowDecoder`'s keyed containers: a ledger page decodes fifty
    /// of these per request, and the generic path was a sixth of its CPU. Enumerations are read
    /// as text; a value this version does not know is a decoding error, as it was before.
    init(row: any SQLRow) throws {
        func value<T: Decodable>(_ key: CodingKeys, _ type: T.Type = T.self) throws -> T {
            try row.decode(column: key.rawValue, as: T.self)
        }
        func optional<T: Decodable>(_ key: CodingKeys, _ type: T.Type = T.self) throws -> T? {
            try row.decodeNil(column: key.rawValue) ? nil : row.decode(column: key.rawValue, as: T.self)
        }
        func known<E: RawRepresentable>(_ key: CodingKeys, _ text: String?) throws -> E? where E.RawValue == String {
            guard let text else { return nil }
            guard let known = E(rawValue: text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: [key], debugDescription: "unknown \(E.self) '\(text)'"))
            }
            return known
        }
        id = try value(.id)
        number = try value(.number)
        townshipId = try value(.townshipId)
        gridId = try value(.gridId)
        gridPath = try value(.gridPath)
        placeId = try optional(.placeId)
        title = try value(.title)
        description = try value(.description)
        category = try known(.category, value(.category, String.self))!
        grade = try known(.grade, value(.grade, String.self))!
        source = try known(.source, value(.source, String.self))!
        state = try known(.state, value(.state, String.self))!
        version = try value(.version)
        deadline = try optional(.deadline)
        reworkCount = try value(.reworkCount)
        escalation = try value(.escalation)
        transferredTo = try known(.transferredTo, optional(.transferredTo, String.self))
        responsibleName = try optional(.responsibleName)
        responsiblePhone = try optional(.responsiblePhone)
        responsibleUserId = try optional(.responsibleUserId)
        responsibleDepartment = try known(.responsibleDepartment, optional(.responsibleDepartment, String.self))
        requirement = try optional(.requirement)
        plan = try optional(.plan)
        noticeNumber = try optional(.noticeNumber)
        lastSubmitterId = try optional(.lastSubmitterId)
        discoveredAt = try value(.discoveredAt)
        discoveredById = try value(.discoveredById)
        latitude = try optional(.latitude)
        longitude = try optional(.longitude)
        locationText = try optional(.locationText)
        closedAt = try optional(.closedAt)
        createdAt = try optional(.createdAt)
        updatedAt = try optional(.updatedAt)
    }
}

extension HazardRecord {
    /// The same values as a read would give, for answers built right after a write.
    var snapshot: HazardSnapshot {
        HazardSnapshot(
            id: id ?? 0, number: number, townshipId: $township.id, gridId: $grid.id, gridPath: gridPath, placeId: $place.id,
            title: title, description: description, category: category, grade: grade, source: source, state: state,
            version: version, deadline: deadline, reworkCount: reworkCount, escalation: escalation, transferredTo: transferredTo,
            responsibleName: responsibleName, responsiblePhone: responsiblePhone, responsibleUserId: responsibleUserId,
            responsibleDepartment: responsibleDepartment, requirement: requirement, plan: plan, noticeNumber: noticeNumber,
            lastSubmitterId: lastSubmitterId, discoveredAt: discoveredAt, discoveredById: $discoveredBy.id,
            latitude: latitude, longitude: longitude, locationText: locationText, closedAt: closedAt,
            createdAt: createdAt, updatedAt: updatedAt)
    }
}

/// A hazard with the names a list shows beside it (place, grid, township).
struct HazardListItem: Sendable {
    var hazard: HazardSnapshot
    var placeName: String?
    var gridName: String?
    var townshipName: String?

    init(row: any SQLRow) throws {
        hazard = try HazardSnapshot(row: row)
        placeName = try row.decodeNil(column: "place_name") ? nil : row.decode(column: "place_name", as: String.self)
        gridName = try row.decodeNil(column: "grid_name") ? nil : row.decode(column: "grid_name", as: String.self)
        townshipName = try row.contains(column: "township_name") && !row.decodeNil(column: "township_name")
            ? row.decode(column: "township_name", as: String.self) : nil
    }
}

/// One event of the timeline with its actor's name (one join instead of loading users).
struct HazardEventSnapshot: Decodable, Sendable {
    var id: Int
    var hazardId: Int
    var action: HazardAction
    var actorId: Int
    var actorName: String?
    var actorRole: Role
    var occurredAt: Date
    var fromState: HazardState?
    var toState: HazardState
    var note: String?
    var latitude: Double?
    var longitude: Double?
    var details: String
    var attachmentIds: String

    enum CodingKeys: String, CodingKey {
        case id, action, note, latitude, longitude, details
        case hazardId = "hazard_id", actorId = "actor_id", actorName = "actor_name", actorRole = "actor_role"
        case occurredAt = "occurred_at", fromState = "from_state", toState = "to_state", attachmentIds = "attachment_ids"
    }
}

/// An attachment as a link needs three columns.
struct AttachmentLinkRow: Decodable, Sendable {
    var id: Int
    var content_type: String
    var original_name: String
}

/// The detail page's hazard with the names of its grid, township, place and discoverer.
struct HazardDetailRow: Sendable {
    var hazard: HazardSnapshot
    var gridName: String?
    var townshipName: String?
    var placeName: String?
    var placeAddress: String?
    var discovererName: String?
}

/// Plain-struct reads of hazards and their timelines. Each function is one statement.
enum HazardReads {
    /// A hazard the user may see, or 404 (also when it exists outside their scope).
    static func visible(_ id: Int, to user: CurrentUser, on db: any Database) async throws -> HazardSnapshot {
        let sql = db as! any SQLDatabase
        guard let row = try await sql.raw("SELECT \(unsafeRaw: HazardSnapshot.columnList) FROM hazards WHERE hazards.id = \(bind: id)").first(),
              case let hazard = try HazardSnapshot(row: row), Permissions.canView(user.actor, hazard.facts) else {
            throw SafeGridError.notFound
        }
        return hazard
    }

    /// As `visible`, with the names the detail page shows.
    static func detail(_ id: Int, to user: CurrentUser, on db: any Database) async throws -> HazardDetailRow {
        let sql = db as! any SQLDatabase
        guard let row = try await sql.raw("""
            SELECT \(unsafeRaw: HazardSnapshot.columnList), g.name AS grid_name, tw.name AS township_name,
                   p.name AS place_name, p.address AS place_address, u.display_name AS discoverer_name
            FROM hazards
            LEFT JOIN grids g ON g.id = hazards.grid_id
            LEFT JOIN grids tw ON tw.id = hazards.township_id
            LEFT JOIN places p ON p.id = hazards.place_id
            LEFT JOIN users u ON u.id = hazards.discovered_by_id
            WHERE hazards.id = \(bind: id)
            """).first() else { throw SafeGridError.notFound }
        let hazard = try HazardSnapshot(row: row)
        guard Permissions.canView(user.actor, hazard.facts) else { throw SafeGridError.notFound }
        func name(_ column: String) throws -> String? {
            try row.decodeNil(column: column) ? nil : row.decode(column: column, as: String.self)
        }
        return HazardDetailRow(hazard: hazard, gridName: try name("grid_name"), townshipName: try name("township_name"),
                               placeName: try name("place_name"), placeAddress: try name("place_address"),
                               discovererName: try name("discoverer_name"))
    }

    /// The timeline, oldest first, with each actor's display name.
    static func events(of hazardId: Int, on db: any Database) async throws -> [HazardEventSnapshot] {
        try await (db as! any SQLDatabase).raw("""
            SELECT e.id AS id, e.hazard_id AS hazard_id, e.action AS action, e.actor_id AS actor_id, u.display_name AS actor_name,
                   e.actor_role AS actor_role, e.occurred_at AS occurred_at, e.from_state AS from_state, e.to_state AS to_state,
                   e.note AS note, e.latitude AS latitude, e.longitude AS longitude, e.details AS details, e.attachment_ids AS attachment_ids
            FROM hazard_events e LEFT JOIN users u ON u.id = e.actor_id
            WHERE e.hazard_id = \(bind: hazardId) ORDER BY e.id
            """).all(decoding: HazardEventSnapshot.self)
    }

    static func attachments(of hazardId: Int, on db: any Database) async throws -> [AttachmentLinkRow] {
        try await (db as! any SQLDatabase).raw("""
            SELECT id, content_type, original_name FROM attachments WHERE hazard_id = \(bind: hazardId) ORDER BY id
            """).all(decoding: AttachmentLinkRow.self)
    }

    /// One page of a filtered, sorted ledger query in one statement: the ids of the page come
    /// from the indexes in a subquery (sorting whole rows would read every match before keeping
    /// fifty), then only those rows are read, in the same order, with the names beside them.
    static func page(_ query: QueryBuilder<HazardRecord>, offset: Int, limit: Int, names: Bool) async throws -> [HazardListItem] {
        var ids = try query.sqlSelect()
        ids.columns = [SQLColumn("id", table: HazardRecord.schema)]
        ids.limit = limit
        ids.offset = offset > 0 ? offset : nil
        var select = rowsSelect(names: names, townships: false)
        select.predicate = SQLBinaryExpression(SQLColumn("id", table: HazardRecord.schema), .in, SQLGroupExpression(ids))
        select.orderBy = ids.orderBy
        return try await run(select, on: query.database)
    }

    /// Every row the filter selects, in order, with place, grid and township names (CSV export).
    static func all(_ query: QueryBuilder<HazardRecord>) async throws -> [HazardListItem] {
        let filtered = try query.sqlSelect()
        var select = rowsSelect(names: true, townships: true)
        select.predicate = filtered.predicate
        select.orderBy = filtered.orderBy
        return try await run(select, on: query.database)
    }

    private static func rowsSelect(names: Bool, townships: Bool) -> SQLSelect {
        var select = SQLSelect()
        select.tables = [SQLIdentifier(HazardRecord.schema)]
        select.columns = HazardSnapshot.columns
        guard names else { return select }
        func join(_ table: String, _ alias: String, on column: String) -> SQLJoin {
            SQLJoin(method: SQLJoinMethod.left, table: SQLAlias(SQLIdentifier(table), as: SQLIdentifier(alias)),
                    expression: SQLBinaryExpression(SQLColumn("id", table: alias), .equal, SQLColumn(column, table: HazardRecord.schema)))
        }
        select.joins = [join("places", "p", on: "place_id"), join("grids", "g", on: "grid_id")]
        select.columns += [SQLAlias(SQLColumn("name", table: "p"), as: SQLIdentifier("place_name")),
                           SQLAlias(SQLColumn("name", table: "g"), as: SQLIdentifier("grid_name"))]
        if townships {
            select.joins.append(join("grids", "tw", on: "township_id"))
            select.columns.append(SQLAlias(SQLColumn("name", table: "tw"), as: SQLIdentifier("township_name")))
        }
        return select
    }

    private static func run(_ select: SQLSelect, on db: any Database) async throws -> [HazardListItem] {
        let builder = SQLSelectBuilder(on: db as! any SQLDatabase)
        builder.select = select
        let names = !select.joins.isEmpty
        return try await builder.all().map { row in
            names ? try HazardListItem(row: row) : HazardListItem(hazard: try HazardSnapshot(row: row))
        }
    }
}

extension HazardListItem {
    init(hazard: HazardSnapshot) { self.hazard = hazard }
}
