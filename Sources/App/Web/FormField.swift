import SafeGridDomain

/// One input of a server-rendered form, with its value and error already resolved, so that
/// `field.leaf` only prints. Forms are lists of these built per page.
struct FormField: Encodable {
    enum Kind: String, Encodable {
        case text, textarea, date, number, tel, password, select, multiselect, checkbox, file
        /// One of a few options, each a button-sized radio: one tap where a list takes two.
        case choice
    }

    struct Option: Encodable {
        let value: String
        let label: String
        var selected = false
    }

    let name: String
    let id: String
    let label: String
    let kind: Kind
    var value = ""
    var options: [Option] = []
    var required = false
    var error: String?
    var hint: String?
    var checked = false
    var accept: String?
    var capture = false
    var multiple = false
    var min: String?
    var step: String?
    /// The field name the domain uses in its errors (e.g. `plan.goal` for `plan[goal]`).
    var errorField: String

    init(_ name: String, label: String, kind: Kind = .text, value: String = "", required: Bool = false,
         idPrefix: String = "f", errorField: String? = nil) {
        self.name = name
        self.id = idPrefix + "-" + name.filter { $0.isLetter || $0.isNumber }
        self.label = label
        self.kind = kind
        self.value = value
        self.required = required
        self.errorField = errorField ?? name
    }

    enum CodingKeys: String, CodingKey {
        case name, id, label, kind, value, options, required, error, hint, checked, accept, capture, multiple, min, step
    }

    static func select(_ name: String, label: String, options: [Option], selected: String?, blank: String? = nil,
                       required: Bool = false, idPrefix: String = "f") -> FormField {
        var field = FormField(name, label: label, kind: .select, required: required, idPrefix: idPrefix)
        let chosen = selected ?? ""
        field.options = (blank.map { [Option(value: "", label: $0)] } ?? []) + options.map {
            Option(value: $0.value, label: $0.label, selected: $0.value == chosen)
        }
        return field
    }

    /// `select` as one-tap chips (`Kind.choice`), for a short list chosen on a phone.
    static func choice(_ name: String, label: String, options: [Option], selected: String?, required: Bool = false,
                       idPrefix: String = "f") -> FormField {
        var field = FormField(name, label: label, kind: .choice, required: required, idPrefix: idPrefix)
        field.options = options.map { Option(value: $0.value, label: $0.label, selected: $0.value == selected) }
        return field
    }

    /// Photos or documents as evidence; `photos[]` so several files decode as an array.
    static func photos(label: String, hint: String?, required: Bool = false, documents: Bool = true, idPrefix: String = "f") -> FormField {
        var field = FormField("photos[]", label: label, kind: .file, required: required, idPrefix: idPrefix, errorField: "attachmentIds")
        field.accept = documents ? "image/*,application/pdf" : "image/*"
        field.capture = true
        field.multiple = true
        field.hint = hint
        return field
    }

    /// The options of an enum, labelled from the catalogue.
    static func options<E: CaseIterable & RawRepresentable>(_ type: E.Type, _ prefix: String, _ t: Texts) -> [Option]
    where E.RawValue == String {
        E.allCases.map { Option(value: $0.rawValue, label: Catalogue.text("\(prefix).\($0.rawValue)", t.locale)) }
    }
}

extension [FormField] {
    /// Puts each field error next to its field; returns the errors no field shows.
    mutating func attach(_ errors: [FieldError], _ t: Texts) -> [String] {
        var unplaced: [String] = []
        for error in errors {
            let target = error.field == "file" ? "attachmentIds" : error.field
            if let i = firstIndex(where: { $0.errorField == target }) {
                let text = t.message(error)
                self[i].error = self[i].error.map { $0 + " " + text } ?? text
            } else if error.field == "plan", let i = firstIndex(where: { $0.errorField.hasPrefix("plan.") }) {
                self[i].error = t.message(error)
            } else {
                unplaced.append(t.message(error))
            }
        }
        return unplaced
    }
}
