/// Levels of the territorial grid tree (区县 → 乡镇/街道 → 村/社区 → 组 → 点).
public enum GridLevel: String, Codable, CaseIterable, Sendable {
    case district, township, village, group, point

    /// Depth below the district; a child is always exactly one level deeper,
    /// except independent grids, which hang directly under a township at village depth.
    public var depth: Int {
        switch self {
        case .district: 0
        case .township: 1
        case .village: 2
        case .group: 3
        case .point: 4
        }
    }

    public var child: GridLevel? {
        switch self {
        case .district: .township
        case .township: .village
        case .village: .group
        case .group: .point
        case .point: nil
        }
    }

    /// Statistical division codes have 6 (district), 9 (township) or 12 (village) digits;
    /// grid codes below a village add 3 digits per level.
    public var codeLength: Int {
        switch self {
        case .district: 6
        case .township: 9
        case .village: 12
        case .group: 15
        case .point: 18
        }
    }
}

/// Territorial grids follow the administrative map; independent grids (独立网格) cover
/// schools, enterprises, agencies and hospitals beside them.
public enum GridKind: String, Codable, CaseIterable, Sendable {
    case territorial, independent
}

public enum IndependentGridType: String, Codable, CaseIterable, Sendable {
    case school, enterprise, agency, hospital, other
}

/// Rules for a grid's place in the tree, so that scoping by code prefix and path is sound.
public enum GridRules {
    /// Checks a new grid against its parent. Returns the field errors, empty when valid.
    public static func validate(
        code: String, level: GridLevel, kind: GridKind,
        parent: (code: String, level: GridLevel)?
    ) -> [FieldError] {
        var errors: [FieldError] = []
        let wellFormed = code.count == level.codeLength && code.allSatisfy({ $0.isASCII && $0.isNumber })
        if !wellFormed {
            errors.append(FieldError(field: "code", key: "error.grid.code_format", args: ["\(level.codeLength)"]))
        }
        switch (level, parent) {
        case (.district, nil):
            break
        case (.district, .some):
            errors.append(FieldError(field: "parentId", key: "error.grid.district_has_parent"))
        case (_, nil):
            errors.append(FieldError(field: "parentId", key: "error.grid.parent_required"))
        case (_, .some(let parent)):
            let expected: GridLevel? = kind == .independent ? .township : GridLevel.allCases.first { $0.child == level }
            if kind == .independent && level != .village {
                errors.append(FieldError(field: "level", key: "error.grid.independent_level"))
            } else if parent.level != expected {
                errors.append(FieldError(field: "parentId", key: "error.grid.parent_level"))
            } else if wellFormed && !code.hasPrefix(parent.code) {
                errors.append(FieldError(field: "code", key: "error.grid.code_prefix"))
            }
        }
        return errors
    }

    /// Materialised path: the ancestors' ids and the grid's own, e.g. "/1/4/17/".
    /// Subtree membership is then a prefix test that every SQL dialect can index.
    public static func path(parentPath: String?, id: Int) -> String {
        (parentPath ?? "/") + "\(id)/"
    }

    public static func isInSubtree(path: String, of rootPath: String) -> Bool {
        path.hasPrefix(rootPath)
    }

    /// Where a grid lands when it moves under `newParent`: its path under the new parent's, and
    /// its code with the old parent's code prefix replaced by the new parent's (a village keeps
    /// its own three digits). Everything below it moves with it by the same two prefix rewrites.
    public struct Move: Equatable, Sendable {
        public let oldPath: String
        public let newPath: String
        public let oldCode: String
        public let newCode: String

        public func path(of descendant: String) -> String { newPath + descendant.dropFirst(oldPath.count) }
        public func code(of descendant: String) -> String { newCode + descendant.dropFirst(oldCode.count) }
    }

    /// Checks a move of the grid (`path`, `code`, `level`, `kind`, current parent code) under
    /// `newParent`, with the same level and code rules as a new grid. A district never moves;
    /// no grid moves into its own subtree.
    public static func move(
        id: Int, path: String, code: String, level: GridLevel, kind: GridKind, oldParentCode: String?,
        newParent: (code: String, level: GridLevel, path: String)
    ) throws(SafeGridError) -> Move {
        guard let oldParentCode, code.hasPrefix(oldParentCode) else {
            throw SafeGridError.invalid(field: "parentId", "error.grid.district_has_parent")
        }
        guard !isInSubtree(path: newParent.path, of: path) else {
            throw SafeGridError.invalid(field: "parentId", "error.grid.move_into_own_subtree")
        }
        var errors = FieldErrors()
        let newCode = newParent.code + code.dropFirst(oldParentCode.count)
        var found = validate(code: newCode, level: level, kind: kind, parent: (newParent.code, newParent.level))
        // Under a parent of the wrong level the rewritten code is wrong too; the level is the reason.
        if found.contains(where: { $0.field != "code" }) { found.removeAll { $0.field == "code" } }
        for error in found {
            errors.add("parentId", error.key, args: error.args)
        }
        try errors.throwIfAny()
        return Move(oldPath: path, newPath: self.path(parentPath: newParent.path, id: id), oldCode: code, newCode: newCode)
    }
}
