/// Lets a page be written as nested blocks with `if`, `for` and `switch`; a `String` in a block
/// is text and is escaped.
@resultBuilder
public enum NodeBuilder {
    public static func buildExpression(_ node: Node) -> Node { node }
    public static func buildExpression(_ text: String) -> Node { .text(text) }
    public static func buildExpression(_ nodes: [Node]) -> Node { .group(nodes) }
    public static func buildBlock(_ nodes: Node...) -> Node { nodes.count == 1 ? nodes[0] : .group(nodes) }
    public static func buildOptional(_ node: Node?) -> Node { node ?? .empty }
    public static func buildEither(first node: Node) -> Node { node }
    public static func buildEither(second node: Node) -> Node { node }
    public static func buildArray(_ nodes: [Node]) -> Node { .group(nodes) }
    public static func buildLimitedAvailability(_ node: Node) -> Node { node }
}
