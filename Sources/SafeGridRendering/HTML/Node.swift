/// A piece of an HTML page built in Swift. Element and attribute names are functions the
/// compiler checks, page data is read through typed properties, and every text and attribute
/// value is escaped when written, so a typo fails the build and user text cannot become markup.
/// Chosen over Leaf by measurement (bench/results/2026-11-30-html.md).
public indirect enum Node: Sendable {
    case element(String, [Attribute], Node)
    /// An element without content or end tag (`<input>`, `<img>`, `<br>`).
    case void(String, [Attribute])
    case text(String)
    /// Markup this program produced itself (an SVG chart); never text from outside.
    case trusted(String)
    case group([Node])
    case empty

    /// The page as a document, with the doctype browsers need for standards mode.
    public func document() -> String {
        var out = "<!doctype html>\n"
        out.reserveCapacity(32_768)
        write(into: &out)
        return out
    }

    public func render() -> String {
        var out = ""
        write(into: &out)
        return out
    }

    public func write(into out: inout String) {
        switch self {
        case let .element(name, attributes, content):
            out += "<"
            out += name
            for attribute in attributes { attribute.write(into: &out) }
            out += ">"
            content.write(into: &out)
            out += "</"
            out += name
            out += ">"
        case let .void(name, attributes):
            out += "<"
            out += name
            for attribute in attributes { attribute.write(into: &out) }
            out += ">"
        case let .text(text):
            HTMLEscape.append(text, to: &out, quotes: false)
        case let .trusted(markup):
            out += markup
        case let .group(nodes):
            for node in nodes { node.write(into: &out) }
        case .empty:
            break
        }
    }
}

/// Escaping for HTML text and attribute values.
public enum HTMLEscape {
    public static func append(_ text: String, to out: inout String, quotes: Bool) {
        // Most texts hold nothing to escape: copy them whole.
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || (quotes && ($0 == 0x22 || $0 == 0x27)) }) else {
            out += text
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            case "'" where quotes: out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
    }

    public static func escape(_ text: String, quotes: Bool = true) -> String {
        var out = ""
        append(text, to: &out, quotes: quotes)
        return out
    }
}
