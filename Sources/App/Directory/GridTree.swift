import Fluent
import FluentSQL
import SafeGridDomain
import SQLKit
import Vapor

/// What a tree of grids needs from each grid.
protocol GridTreeNode {
    var treeId: Int? { get }
    var treeParentId: Int? { get }
    var code: String { get }
}

extension GridRecord: GridTreeNode {
    var treeId: Int? { id }
    var treeParentId: Int? { $parent.id }
}

/// A grid as pickers show it, read as plain values: every page with a grid filter lists the
/// user's whole subtree (a hundred grids for a township, several hundred for a district).
/// Read column by column from its declared columns (`TableRow`): decoding them through
/// `SQLRowDecoder` was the largest page-only cost after rendering (bench/results/2026-11-30-store.md).
struct GridSummary: GridTreeNode, TableRow, Sendable {
    var id = 0
    var parentId: Int?
    var code = ""
    var name = ""
    var path = ""
    var level = GridLevel.village

    var treeId: Int? { id }
    var treeParentId: Int? { parentId }

    static let table = "grids"
    static let blank = GridSummary()
    static let columns: [Column<GridSummary>] = [
        .value("id", \.id), .optional("parent_id", \.parentId), .value("code", \.code), .value("name", \.name),
        .value("path", \.path), .text("level", \.level),
    ]

    /// Grids in use: retired ones stay in the history but are offered in no picker.
    static func visible(to actor: Actor, on db: any Database) async throws -> [GridSummary] {
        var select = try GridQuery.visible(to: actor, on: db).filter(\.$retiredAt == nil).sqlSelect()
        select.columns = [SQLRaw(columnList)]
        select.orderBy = []
        let builder = SQLSelectBuilder(on: db as! any SQLDatabase)
        builder.select = select
        return try await builder.all().map(GridSummary.init(row:))
    }
}

/// Grids in tree order (each parent before its children, siblings by code), with their depth
/// below the shallowest grid given, for indented lists and pickers.
enum GridTree {
    static func ordered<Node: GridTreeNode>(_ grids: [Node]) -> [(Node, Int)] {
        let ids = Set(grids.compactMap(\.treeId))
        var children: [Int?: [Node]] = [:]
        for grid in grids {
            // A grid whose parent is not in the list starts a tree of its own.
            let parent = grid.treeParentId.flatMap { ids.contains($0) ? $0 : nil }
            children[parent, default: []].append(grid)
        }
        var result: [(Node, Int)] = []
        func visit(_ parent: Int?, depth: Int) {
            for grid in (children[parent] ?? []).sorted(by: { $0.code < $1.code }) {
                result.append((grid, depth))
                visit(grid.treeId, depth: depth + 1)
            }
        }
        visit(nil, depth: 0)
        return result
    }
}

/// Grids as choices, in tree order and indented by depth.
enum GridOptions {
    /// The grids whose subtree the user sees (not the ancestors shown only to draw the tree).
    static func covered(by user: CurrentUser, on req: Request, where keep: (GridSummary) -> Bool = { _ in true }) async throws -> [FormField.Option] {
        let grids = try await req.application.gridPickerCache.grids(for: user.actor, now: req.now) {
            try await GridSummary.visible(to: user.actor, on: req.db)
        }.filter { user.actor.covers(gridPath: $0.path) && keep($0) }
        return GridTree.ordered(grids).map { grid, depth in
            FormField.Option(value: "\(grid.id)", label: String(repeating: "\u{3000}", count: depth) + grid.name)
        }
    }
}
