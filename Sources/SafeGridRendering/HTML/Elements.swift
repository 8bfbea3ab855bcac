// The HTML elements pages use, one function each, named like the tag with a capital so that a
// misspelt element fails the build and no element is mistaken for a variable of the page.

// swift-format-ignore: AlwaysUseLowerCamelCase
public func Html(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("html", attributes, content())
}

public func Head(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("head", attributes, content())
}

public func Body(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("body", attributes, content())
}

public func Title(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("title", attributes, content())
}

public func Script(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("script", attributes, content())
}

public func Header(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("header", attributes, content())
}

public func Nav(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("nav", attributes, content())
}

public func Main(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("main", attributes, content())
}

public func Footer(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("footer", attributes, content())
}

public func Section(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("section", attributes, content())
}

public func Article(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("article", attributes, content())
}

public func Aside(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("aside", attributes, content())
}

public func Div(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("div", attributes, content())
}

public func Span(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("span", attributes, content())
}

public func A(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("a", attributes, content())
}

public func P(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("p", attributes, content())
}

public func H1(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("h1", attributes, content())
}

public func H2(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("h2", attributes, content())
}

public func H3(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("h3", attributes, content())
}

public func H4(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("h4", attributes, content())
}

public func Ul(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("ul", attributes, content())
}

public func Ol(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("ol", attributes, content())
}

public func Li(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("li", attributes, content())
}

public func Dl(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("dl", attributes, content())
}

public func Dt(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("dt", attributes, content())
}

public func Dd(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("dd", attributes, content())
}

public func Table(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("table", attributes, content())
}

public func Caption(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("caption", attributes, content())
}

public func Thead(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("thead", attributes, content())
}

public func Tbody(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("tbody", attributes, content())
}

public func Tfoot(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("tfoot", attributes, content())
}

public func Tr(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("tr", attributes, content())
}

public func Th(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("th", attributes, content())
}

public func Td(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("td", attributes, content())
}

public func Form(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("form", attributes, content())
}

public func Label(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("label", attributes, content())
}

public func Select(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("select", attributes, content())
}

public func Option(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("option", attributes, content())
}

public func Optgroup(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("optgroup", attributes, content())
}

public func Textarea(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("textarea", attributes, content())
}

public func Button(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("button", attributes, content())
}

public func Fieldset(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("fieldset", attributes, content())
}

public func Legend(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("legend", attributes, content())
}

public func Details(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("details", attributes, content())
}

public func Summary(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("summary", attributes, content())
}

public func Small(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("small", attributes, content())
}

public func Strong(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("strong", attributes, content())
}

public func Em(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("em", attributes, content())
}

public func B(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("b", attributes, content())
}

public func Code(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("code", attributes, content())
}

public func Pre(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("pre", attributes, content())
}

public func Figure(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("figure", attributes, content())
}

public func Figcaption(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("figcaption", attributes, content())
}

public func Time(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("time", attributes, content())
}

public func Noscript(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("noscript", attributes, content())
}

public func Abbr(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("abbr", attributes, content())
}

public func Mark(_ attributes: Attribute..., @NodeBuilder content: () -> Node = { .empty }) -> Node {
    .element("mark", attributes, content())
}

public func Meta(_ attributes: Attribute...) -> Node { .void("meta", attributes) }
public func Link(_ attributes: Attribute...) -> Node { .void("link", attributes) }
public func Input(_ attributes: Attribute...) -> Node { .void("input", attributes) }
public func Img(_ attributes: Attribute...) -> Node { .void("img", attributes) }
public func Br(_ attributes: Attribute...) -> Node { .void("br", attributes) }
public func Hr(_ attributes: Attribute...) -> Node { .void("hr", attributes) }
public func Col(_ attributes: Attribute...) -> Node { .void("col", attributes) }

/// Several nodes side by side without an element around them.
public func Group(@NodeBuilder content: () -> Node) -> Node { content() }
