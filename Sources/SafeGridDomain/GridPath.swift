/// A materialised grid path, `/1/4/17/`: the ids from the district down to the grid. Every
/// question asked of a path (its township, its village, its depth, its ancestors) is answered
/// here, so no caller splits the text itself.
public struct GridPath: Hashable, Sendable, CustomStringConvertible {
    public let text: String
    /// District first, the grid itself last.
    public let ids: [Int]

    public init(_ text: String) {
        self.text = text
        ids = text.split(separator: "/").compactMap { Int($0) }
    }

    public var description: String { text }

    /// 0 for a district, 1 for a township, 2 for a village or independent grid, and so on.
    public var depth: Int { ids.count - 1 }

    /// The id at `depth`, or the grid's own when the path ends above it.
    public func id(atDepth depth: Int) -> Int? {
        ids.count > depth ? ids[depth] : ids.last
    }

    /// The township the path lies in (depth 1), or the district itself.
    public var townshipId: Int? { id(atDepth: 1) }

    /// The village or independent grid (depth 2), or the grid itself when it lies higher up.
    public var villageId: Int? { id(atDepth: 2) }

    /// The township only when the path reaches one: nil for a district.
    public var strictTownshipId: Int? { ids.count >= 2 ? ids[1] : nil }

    /// The path is exactly a township's.
    public var isTownship: Bool { ids.count == 2 }

    /// The path is exactly a district's.
    public var isDistrict: Bool { ids.count == 1 }

    /// The paths of the district, each grid below it on the way, and this grid: the grids whose
    /// subtree holds this one.
    public var lineage: [GridPath] {
        ids.indices.map { GridPath("/" + ids[...$0].map(String.init).joined(separator: "/") + "/") }
    }

    /// The deepest grid above or at every one of `paths` (a worker's two groups meet at their
    /// village); nil when there are none or they share no district.
    public static func commonAncestor(_ paths: [GridPath]) -> GridPath? {
        guard var shared = paths.first?.ids else { return nil }
        for path in paths.dropFirst() {
            let n = zip(shared, path.ids).prefix { $0 == $1 }.count
            shared = Array(shared.prefix(n))
        }
        return shared.isEmpty ? nil : GridPath("/" + shared.map(String.init).joined(separator: "/") + "/")
    }
}
