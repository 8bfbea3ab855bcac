import SafeGridRendering

extension FormField {
    /// The field with its label, hint and error, as every form prints it.
    var node: Node {
        if kind == .choice { return choiceNode }
        return Div(.classes(("field", true), ("has-error", error != nil))) {
            if kind == .checkbox {
                Label(.class("check"), .for(id)) {
                    Input(.type("checkbox"), .id(id), .name(name), .value(value), .checked(checked))
                    " " + label
                }
            } else {
                Label(.for(id)) {
                    label
                    if required { Span(.class("req"), .aria("hidden", "true")) { "*" } }
                }
                control
            }
            if let hint { Small(.class("hint")) { hint } }
            if let error { Small(.class("field-error"), .role("alert")) { error } }
        }
    }

    /// A named group (the legend is what a screen reader announces on entering it), each
    /// option a label wrapping its radio, so the whole chip takes the tap.
    private var choiceNode: Node {
        Fieldset(.classes(("field choice", true), ("has-error", error != nil)), .id(id)) {
            Legend {
                label
                if required { Span(.class("req"), .aria("hidden", "true")) { "*" } }
            }
            Div(.class("chips")) {
                for option in options {
                    Label(.class("chip")) {
                        Input(.type("radio"), .name(name), .value(option.value), .checked(option.selected), .required(required))
                        Span { option.label }
                    }
                }
            }
            if let hint { Small(.class("hint")) { hint } }
            if let error { Small(.class("field-error"), .role("alert")) { error } }
        }
    }

    private var control: Node {
        switch kind {
        case .textarea:
            Textarea(.id(id), .name(name), .required(required)) { value }
        case .select, .multiselect:
            Select(.id(id), .name(name), .required(required && kind == .select), .multiple(kind == .multiselect),
                    .size(kind == .multiselect ? 6 : nil)) {
                for option in options {
                    SafeGridRendering.Option(.value(option.value), .selected(option.selected)) { option.label }
                }
            }
        case .file:
            Input(.type("file"), .id(id), .name(name), .accept(accept), .capture(capture ? "environment" : nil), .multiple(multiple))
        case .number:
            Input(.type("text"), .inputmode("decimal"), .id(id), .name(name), .value(value), .autocomplete("off"))
        case .password:
            Input(.type("password"), .id(id), .name(name), .autocomplete("new-password"), .required(required))
        case .choice:
            choiceNode
        case .text, .date, .tel, .checkbox:
            Input(.type(kind.rawValue), .id(id), .name(name), .value(value), .required(required), .min(min))
        }
    }
}

extension Pager {
    /// Previous and next links around "1–50 of 230".
    func node(_ t: Texts) -> Node {
        Nav(.class("pager"), .aria("label", t("pager.label"))) {
            if let prev { A(.class("button"), .href(prev), .rel("prev")) { t("pager.prev") } }
            Span(.class("muted")) { summary }
            if let next { A(.class("button"), .href(next), .rel("next")) { t("pager.next") } }
        }
    }
}

extension PhotoLink {
    /// A thumbnail for an image that has one; otherwise a named link, so that a list never
    /// downloads whole photos (a phone's could be several megabytes). Both open the file in a
    /// new tab.
    var node: Node {
        if image, let thumbnail {
            A(.href(href), .target("_blank"), .rel("noopener"), .title(taken)) { Img(.src(thumbnail), .alt(name), .loading("lazy")) }
        } else {
            A(.class(image ? "doc photo-link" : "doc"), .href(href), .target("_blank"), .rel("noopener"), .title(taken)) { name }
        }
    }
}
