import Fluent

/// Grids in tree order (each parent before its children, siblings by code), with their depth
/// below the shallowest grid given, for indented lists and pickers.
enum GridTree {
    static func ordered(_ grids: [GridRecord]) -> [(GridRecord, Int)] {
        let ids = Set(grids.compactMap(\.id))
        var children: [Int?: [GridRecord]] = [:]
        for grid in grids {
            // A grid whose parent is not in the list starts a tree of its own.
            let parent = grid.$parent.id.flatMap { ids.contains($0) ? $0 : nil }
            children[parent, default: []].append(grid)
        }
        var result: [(GridRecord, Int)] = []
        func visit(_ parent: Int?, depth: Int) {
            for grid in (children[parent] ?? []).sorted(by: { $0.code < $1.code }) {
                result.append((grid, depth))
                visit(grid.id, depth: depth + 1)
            }
        }
        visit(nil, depth: 0)
        return result
    }
}

/// Grids as choices, in tree order and indented by depth.
enum GridOptions {
    /// The grids whose subtree the user sees (not the ancestors shown only to draw the tree).
    static func covered(by user: CurrentUser, on db: any Database, where keep: (GridRecord) -> Bool = { _ in true }) async throws -> [FormField.Option] {
        let grids = try await GridQuery.visible(to: user.actor, on: db).all()
            .filter { user.actor.covers(gridPath: $0.path) && keep($0) }
        return GridTree.ordered(grids).map { grid, depth in
            FormField.Option(value: "\(grid.id ?? 0)", label: String(repeating: "\u{3000}", count: depth) + grid.name)
        }
    }
}
