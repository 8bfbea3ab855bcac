import Fluent
import FluentSQL
import Foundation
import SafeGridDomain
import SQLKit

/// A hazard with the names a list shows beside it (place, grid, township).
struct HazardListItem: Sendable {
    var hazard: HazardRow
    var placeName: String?
    var gridName: String?
    var townshipName: String?

    init(row: any SQLRow) throws {
        hazard = try HazardRow(row: row)
        placeName = try row.optionalText("place_name")
        gridName = try row.optionalText("grid_name")
        townshipName = try row.contains(column: "township_name") && !row.decodeNil(column: "township_name")
            ? row.decode(column: "township_name", as: String.self) : nil
    }
}

/// An attachment as a link needs three columns.
struct AttachmentLinkRow: Decodable, Sendable {
    var id: Int
    var content_type: String
    var original_name: String
    var thumbnail: Bool
    var taken_at: Date?
    var taken_latitude: Double?
    var taken_longitude: Double?
}

/// The detail page's hazard with the names of its grid, township, place and discoverer.
struct HazardDetailRow: Sendable {
    var hazard: HazardRow
    var gridName: String?
    var townshipName: String?
    var placeName: String?
    var placeAddress: String?
    var discovererName: String?
}

/// Plain-struct reads of hazards and their timelines. Each function is one statement.
enum HazardReads {
    /// A hazard the user may see, or 404 (also when it exists outside their scope).
    static func visible(_ id: Int, to user: CurrentUser, on db: any Database) async throws -> HazardRow {
        guard let hazard = try await HazardStore.find(id, on: db), Permissions.canView(user.actor, hazard.facts) else {
            throw SafeGridError.notFound
        }
        return hazard
    }

    /// As `visible`, with the names the detail page shows.
    static func detail(_ id: Int, to user: CurrentUser, on db: any Database) async throws -> HazardDetailRow {
        let sql = db as! any SQLDatabase
        guard let row = try await sql.raw("""
            SELECT \(unsafeRaw: HazardRow.selection), g.name AS grid_name, tw.name AS township_name,
                   p.name AS place_name, p.address AS place_address, u.display_name AS discoverer_name
            FROM hazards
            LEFT JOIN grids g ON g.id = hazards.grid_id
            LEFT JOIN grids tw ON tw.id = hazards.township_id
            LEFT JOIN places p ON p.id = hazards.place_id
            LEFT JOIN users u ON u.id = hazards.discovered_by_id
            WHERE hazards.id = \(bind: id)
            """).first() else { throw SafeGridError.notFound }
        let hazard = try HazardRow(row: row)
        guard Permissions.canView(user.actor, hazard.facts) else { throw SafeGridError.notFound }
        return HazardDetailRow(hazard: hazard, gridName: try row.optionalText("grid_name"), townshipName: try row.optionalText("township_name"),
                               placeName: try row.optionalText("place_name"), placeAddress: try row.optionalText("place_address"),
                               discovererName: try row.optionalText("discoverer_name"))
    }

    /// The timeline, oldest first, with each actor's display name.
    static func events(of hazardId: Int, on db: any Database) async throws -> [HazardEventListItem] {
        try await (db as! any SQLDatabase).raw("""
            SELECT \(unsafeRaw: HazardEventRow.selection), u.display_name AS actor_name
            FROM hazard_events LEFT JOIN users u ON u.id = hazard_events.actor_id
            WHERE hazard_events.hazard_id = \(bind: hazardId) ORDER BY hazard_events.id
            """).all().map { row in
                HazardEventListItem(event: try HazardEventRow(row: row),
                                    actorName: try row.optionalText("actor_name"))
            }
    }

    static func attachments(of hazardId: Int, on db: any Database) async throws -> [AttachmentLinkRow] {
        try await (db as! any SQLDatabase).raw("""
            SELECT id, content_type, original_name, thumbnail, taken_at, taken_latitude, taken_longitude FROM attachments WHERE hazard_id = \(bind: hazardId) ORDER BY id
            """).all(decoding: AttachmentLinkRow.self)
    }

    /// One page of a filtered, sorted ledger query in one statement: the ids of the page come
    /// from the indexes in a subquery (sorting whole rows would read every match before keeping
    /// fifty), then only those rows are read, in the same order, with the names beside them.
    static func page(_ selection: HazardSelection, offset: Int, limit: Int, names: Bool, on db: any Database) async throws -> [HazardListItem] {
        var page: SQLQueryString = "SELECT hazards.id FROM hazards WHERE \(selection.predicate) ORDER BY \(selection.order) LIMIT \(literal: limit)"
        if offset > 0 { page += " OFFSET \(literal: offset)" }
        return try await rows(names: names, townships: false, where: "hazards.id IN (\(page))", order: selection.order, on: db)
    }

    /// Every row the selection takes, in order, with place, grid and township names (CSV export).
    static func all(_ selection: HazardSelection, on db: any Database) async throws -> [HazardListItem] {
        try await rows(names: true, townships: true, where: selection.predicate, order: selection.order, on: db)
    }

    /// Where the selection's open major hazards lie (the risk map's rule that their place and
    /// grid show red whatever the assessment).
    static func openMajorHazards(_ selection: HazardSelection, on db: any Database) async throws -> [(gridPath: String, placeId: Int?)] {
        let open = HazardState.allCases.filter(\.isOpen).map(\.rawValue)
        struct Row: Decodable { let grid_path: String, place_id: Int? }
        let query: SQLQueryString = """
            SELECT hazards.grid_path AS grid_path, hazards.place_id AS place_id FROM hazards
            WHERE \(selection.predicate) AND hazards.grade = 'major' AND hazards.state IN (\(binds: open))
            """
        return try await (db as! any SQLDatabase).raw(query).all(decoding: Row.self).map { ($0.grid_path, $0.place_id) }
    }

    /// The hazards waiting on the user's next step (`HazardDuty`), most urgent deadline first:
    /// candidates are read by SQL (the user's scope, the duty states, and for rectifying only
    /// their own), then the domain decides each one.
    static func duties(for actor: Actor, limit: Int = 50, on db: any Database) async throws -> [(item: HazardListItem, duty: HazardDuty)] {
        var selection = HazardSelection()
        if let scope = HazardQuery.scope(actor) { selection.conditions.append(scope) }
        selection.conditions.append("hazards.state IN (\(binds: HazardDuty.states.map(\.rawValue)))")
        let mine: SQLQueryString = "hazards.responsible_user_id = \(bind: actor.userId) OR hazards.discovered_by_id = \(bind: actor.userId)"
        selection.conditions.append("hazards.state = \(bind: HazardState.reviewing.rawValue) OR \(mine)")
        selection.order = "CASE WHEN hazards.deadline IS NULL THEN 1 ELSE 0 END, hazards.deadline ASC, hazards.id ASC"
        // Self-reviews are dropped after the read; twice the rows keep the list full.
        let rows = try await page(selection, offset: 0, limit: limit * 2, names: true, on: db)
        return Array(rows.compactMap { row in HazardDuty.of(row.hazard.facts, for: actor).map { (row, $0) } }.prefix(limit))
    }

    static func count(_ selection: HazardSelection, on db: any Database) async throws -> Int {
        try await HazardStore.count(where: selection.predicate, on: db)
    }

    /// `SELECT <columns>, <extra>, COUNT(*) ... GROUP BY` over the selection: one row per group.
    static func groupedCount(_ selection: HazardSelection, by columns: [String], extra: [(alias: String, expression: SQLQueryString)] = [],
                             on db: any Database) async throws -> [any SQLRow] {
        var grouped = columns.map { "hazards.\($0)" }
        var query: SQLQueryString = "SELECT \(unsafeRaw: grouped.joined(separator: ", "))"
        for (alias, expression) in extra {
            query += ", \(expression) AS \(ident: alias)"
            grouped.append(alias)
        }
        // Output aliases in GROUP BY are accepted by SQLite and PostgreSQL alike.
        query += ", COUNT(*) AS n FROM hazards WHERE \(selection.predicate) GROUP BY \(unsafeRaw: grouped.joined(separator: ", "))"
        return try await (db as! any SQLDatabase).raw(query).all()
    }

    private static func rows(names: Bool, townships: Bool, where predicate: SQLQueryString, order: SQLQueryString,
                             on db: any Database) async throws -> [HazardListItem] {
        var query: SQLQueryString = "SELECT \(unsafeRaw: HazardRow.selection)"
        if names {
            query += ", p.name AS place_name, g.name AS grid_name"
            if townships { query += ", tw.name AS township_name" }
        }
        query += " FROM hazards"
        if names {
            query += " LEFT JOIN places p ON p.id = hazards.place_id LEFT JOIN grids g ON g.id = hazards.grid_id"
            if townships { query += " LEFT JOIN grids tw ON tw.id = hazards.township_id" }
        }
        query += " WHERE \(predicate) ORDER BY \(order)"
        return try await (db as! any SQLDatabase).raw(query).all().map { row in
            names ? try HazardListItem(row: row) : HazardListItem(hazard: try HazardRow(row: row))
        }
    }
}

extension HazardListItem {
    init(hazard: HazardRow) { self.hazard = hazard }
}
