/// One line of a checklist (检查表): what to check, under which topic, whether a failure
/// must be shown with a photo, and the hazard category a failure pre-fills.
public struct ChecklistItemSpec: Codable, Equatable, Sendable {
    public var topic: String
    public var text: String
    public var requiresPhoto: Bool
    public var hazardCategory: HazardCategory

    public init(_ topic: String, _ text: String, photo: Bool = false, _ hazardCategory: HazardCategory) {
        self.topic = topic; self.text = text; self.requiresPhoto = photo; self.hazardCategory = hazardCategory
    }
}

/// A checklist template for one place category. Templates are versioned: editing one makes
/// a new version, and an inspection keeps the version it was run with.
public struct ChecklistSpec: Codable, Equatable, Sendable {
    public var category: PlaceCategory
    public var name: String
    public var items: [ChecklistItemSpec]

    public init(category: PlaceCategory, name: String, items: [ChecklistItemSpec]) {
        self.category = category; self.name = name; self.items = items
    }

    public static let maxItems = 100

    /// Field errors of a template as an administrator wrote it.
    public func problems() -> [FieldError] {
        var errors = FieldErrors()
        errors.require(name, "name")
        if name.count > 100 { errors.add("name", "error.field.too_long", args: ["100"]) }
        if items.isEmpty { errors.add("items", "error.checklist.no_items") }
        if items.count > Self.maxItems { errors.add("items", "error.checklist.too_many", args: ["\(Self.maxItems)"]) }
        for (i, item) in items.enumerated() {
            errors.require(item.topic, "items.\(i).topic")
            errors.require(item.text, "items.\(i).text")
            if item.topic.count > 50 { errors.add("items.\(i).topic", "error.field.too_long", args: ["50"]) }
            if item.text.count > 300 { errors.add("items.\(i).text", "error.field.too_long", args: ["300"]) }
        }
        return errors.items
    }

    /// Items grouped by topic, topics in order of first appearance.
    public var topics: [(topic: String, items: [ChecklistItemSpec])] {
        var order: [String] = []
        var groups: [String: [ChecklistItemSpec]] = [:]
        for item in items {
            if groups[item.topic] == nil { order.append(item.topic) }
            groups[item.topic, default: []].append(item)
        }
        return order.map { ($0, groups[$0]!) }
    }
}
