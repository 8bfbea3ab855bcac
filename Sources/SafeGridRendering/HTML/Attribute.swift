/// One attribute of an element. Values are escaped when written; a flag (`checked`) has no
/// value; an attribute whose condition is false or whose value is nil is left out.
public struct Attribute: Sendable {
    enum Value: Sendable {
        case text(String)
        case flag
        case absent
    }

    let name: String
    let value: Value

    public init(_ name: String, _ value: String?) {
        self.name = name
        self.value = value.map(Value.text) ?? .absent
    }

    public init(flag name: String, _ present: Bool) {
        self.name = name
        value = present ? .flag : .absent
    }

    func write(into out: inout [UInt8]) {
        switch value {
        case let .text(text):
            out.append(0x20)
            out.append(contentsOf: name.utf8)
            out.append(0x3D)
            out.append(0x22)
            HTMLEscape.append(text, to: &out, quotes: true)
            out.append(0x22)
        case .flag:
            out.append(0x20)
            out.append(contentsOf: name.utf8)
        case .absent:
            break
        }
    }
}

extension Attribute {
    public static func `class`(_ value: String?) -> Attribute { Attribute("class", value) }
    /// Class names of which those whose condition holds are kept, in order.
    public static func classes(_ names: (String, Bool)...) -> Attribute {
        let kept = names.filter(\.1).map(\.0)
        return Attribute("class", kept.isEmpty ? nil : kept.joined(separator: " "))
    }
    public static func id(_ value: String?) -> Attribute { Attribute("id", value) }
    public static func href(_ value: String?) -> Attribute { Attribute("href", value) }
    public static func src(_ value: String?) -> Attribute { Attribute("src", value) }
    public static func alt(_ value: String?) -> Attribute { Attribute("alt", value) }
    public static func title(_ value: String?) -> Attribute { Attribute("title", value) }
    public static func lang(_ value: String?) -> Attribute { Attribute("lang", value) }
    public static func rel(_ value: String?) -> Attribute { Attribute("rel", value) }
    public static func target(_ value: String?) -> Attribute { Attribute("target", value) }
    public static func role(_ value: String?) -> Attribute { Attribute("role", value) }
    public static func type(_ value: String?) -> Attribute { Attribute("type", value) }
    public static func name(_ value: String?) -> Attribute { Attribute("name", value) }
    public static func value(_ value: String?) -> Attribute { Attribute("value", value) }
    public static func action(_ value: String?) -> Attribute { Attribute("action", value) }
    public static func method(_ value: String?) -> Attribute { Attribute("method", value) }
    public static func enctype(_ value: String?) -> Attribute { Attribute("enctype", value) }
    public static func `for`(_ value: String?) -> Attribute { Attribute("for", value) }
    public static func accept(_ value: String?) -> Attribute { Attribute("accept", value) }
    public static func capture(_ value: String?) -> Attribute { Attribute("capture", value) }
    public static func placeholder(_ value: String?) -> Attribute { Attribute("placeholder", value) }
    public static func autocomplete(_ value: String?) -> Attribute { Attribute("autocomplete", value) }
    public static func inputmode(_ value: String?) -> Attribute { Attribute("inputmode", value) }
    public static func pattern(_ value: String?) -> Attribute { Attribute("pattern", value) }
    public static func min(_ value: String?) -> Attribute { Attribute("min", value) }
    public static func max(_ value: String?) -> Attribute { Attribute("max", value) }
    public static func step(_ value: String?) -> Attribute { Attribute("step", value) }
    public static func maxlength(_ value: Int?) -> Attribute { Attribute("maxlength", value.map(String.init)) }
    public static func rows(_ value: Int?) -> Attribute { Attribute("rows", value.map(String.init)) }
    public static func size(_ value: Int?) -> Attribute { Attribute("size", value.map(String.init)) }
    public static func colspan(_ value: Int?) -> Attribute { Attribute("colspan", value.map(String.init)) }
    public static func width(_ value: String?) -> Attribute { Attribute("width", value) }
    public static func height(_ value: String?) -> Attribute { Attribute("height", value) }
    public static func scope(_ value: String?) -> Attribute { Attribute("scope", value) }
    public static func loading(_ value: String?) -> Attribute { Attribute("loading", value) }
    public static func content(_ value: String?) -> Attribute { Attribute("content", value) }
    public static func charset(_ value: String?) -> Attribute { Attribute("charset", value) }
    public static func datetime(_ value: String?) -> Attribute { Attribute("datetime", value) }
    public static func form(_ value: String?) -> Attribute { Attribute("form", value) }
    public static func list(_ value: String?) -> Attribute { Attribute("list", value) }
    public static func tabindex(_ value: Int?) -> Attribute { Attribute("tabindex", value.map(String.init)) }
    /// `data-NAME`, read by safegrid.js and the browser checks.
    public static func data(_ name: String, _ value: String?) -> Attribute { Attribute("data-" + name, value) }
    /// A bare `data-NAME` marking an element for safegrid.js.
    public static func data(_ name: String) -> Attribute { Attribute(flag: "data-" + name, true) }
    /// `aria-NAME` for screen readers.
    public static func aria(_ name: String, _ value: String?) -> Attribute { Attribute("aria-" + name, value) }

    public static func checked(_ present: Bool) -> Attribute { Attribute(flag: "checked", present) }
    public static func selected(_ present: Bool) -> Attribute { Attribute(flag: "selected", present) }
    public static func required(_ present: Bool) -> Attribute { Attribute(flag: "required", present) }
    public static func multiple(_ present: Bool) -> Attribute { Attribute(flag: "multiple", present) }
    public static func disabled(_ present: Bool) -> Attribute { Attribute(flag: "disabled", present) }
    public static func readonly(_ present: Bool) -> Attribute { Attribute(flag: "readonly", present) }
    public static func open(_ present: Bool) -> Attribute { Attribute(flag: "open", present) }
    public static func hidden(_ present: Bool) -> Attribute { Attribute(flag: "hidden", present) }
    public static func autofocus(_ present: Bool) -> Attribute { Attribute(flag: "autofocus", present) }
    public static func novalidate(_ present: Bool) -> Attribute { Attribute(flag: "novalidate", present) }
    public static func download(_ present: Bool) -> Attribute { Attribute(flag: "download", present) }
    public static func `defer`(_ present: Bool) -> Attribute { Attribute(flag: "defer", present) }
}
