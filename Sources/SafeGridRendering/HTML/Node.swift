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
        String(decoding: documentBytes(), as: UTF8.self)
    }

    /// The document as UTF-8 bytes, as a response sends it. Pages are written into bytes, not
    /// a `String`: appending many short pieces to a string was the larger half of rendering
    /// (bench/results/2026-11-30-render.md).
    public func documentBytes() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(65_536)
        out.append(contentsOf: "<!doctype html>\n".utf8)
        write(into: &out)
        return out
    }

    public func render() -> String {
        var out: [UInt8] = []
        write(into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    public func write(into out: inout [UInt8]) {
        switch self {
        case let .element(name, attributes, content):
            out.append(0x3C)
            out.append(contentsOf: name.utf8)
            for attribute in attributes { attribute.write(into: &out) }
            out.append(0x3E)
            content.write(into: &out)
            out.append(0x3C)
            out.append(0x2F)
            out.append(contentsOf: name.utf8)
            out.append(0x3E)
        case let .void(name, attributes):
            out.append(0x3C)
            out.append(contentsOf: name.utf8)
            for attribute in attributes { attribute.write(into: &out) }
            out.append(0x3E)
        case let .text(text):
            HTMLEscape.append(text, to: &out, quotes: false)
        case let .trusted(markup):
            out.append(contentsOf: markup.utf8)
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

    /// The same escaping into bytes. The characters escaped are ASCII, and no byte of a
    /// multi-byte UTF-8 sequence is ASCII, so the text can be scanned byte by byte.
    public static func append(_ text: String, to out: inout [UInt8], quotes: Bool) {
        var text = text
        text.withUTF8 { bytes in
            guard bytes.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || (quotes && ($0 == 0x22 || $0 == 0x27)) }) else {
                out.append(contentsOf: bytes)
                return
            }
            for byte in bytes {
                switch byte {
                case 0x26: out.append(contentsOf: "&amp;".utf8)
                case 0x3C: out.append(contentsOf: "&lt;".utf8)
                case 0x3E: out.append(contentsOf: "&gt;".utf8)
                case 0x22 where quotes: out.append(contentsOf: "&quot;".utf8)
                case 0x27 where quotes: out.append(contentsOf: "&#39;".utf8)
                default: out.append(byte)
                }
            }
        }
    }

    public static func escape(_ text: String, quotes: Bool = true) -> String {
        var out = ""
        append(text, to: &out, quotes: quotes)
        return out
    }
}
