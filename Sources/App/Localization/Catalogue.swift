import Vapor

/// The languages of the interface: Simplified Chinese first, English second.
enum AppLocale: String, CaseIterable, Sendable {
    case zhHans = "zh-Hans"
    case en

    /// `?lang=` wins, then the `lang` cookie, then Accept-Language; Chinese by default.
    static func of(_ req: Request) -> AppLocale {
        if let q = req.query[String.self, at: "lang"], let l = AppLocale(code: q) { return l }
        if let c = req.cookies["lang"]?.string, let l = AppLocale(code: c) { return l }
        let header = req.headers.first(name: .acceptLanguage)?.lowercased() ?? ""
        if header.hasPrefix("en") { return .en }
        return .zhHans
    }

    init?(code: String) {
        switch code.lowercased() {
        case "zh", "zh-hans", "zh-cn": self = .zhHans
        case "en", "en-us", "en-gb": self = .en
        default: return nil
        }
    }
}

/// The one message catalogue. Every user-visible sentence is an entry here, in both
/// languages; areas add their entries in `Catalogue+<Area>.swift`.
enum Catalogue {
    struct Entry: Sendable {
        let zh: String
        let en: String
    }

    static let entries: [String: Entry] = {
        var all: [String: Entry] = [:]
        for part in [errors, vocabulary, web, operations, ledgers, inspections, reports, campaigns, risk] {
            all.merge(part) { first, _ in first }
        }
        return all
    }()

    /// The key of a text about `n` things: English takes the `.one` entry for one, where the
    /// catalogue has it (Chinese has no singular).
    static func countKey(_ key: String, _ n: Int, _ locale: AppLocale) -> String {
        locale == .en && n == 1 && entries[key + ".one"] != nil ? key + ".one" : key
    }

    /// The text for `key`, with `{0}`, `{1}`... replaced by `args`. A missing key shows
    /// itself, so a forgotten entry is visible (and caught by the catalogue test).
    static func text(_ key: String, _ locale: AppLocale, _ args: [String] = []) -> String {
        guard let entry = entries[key] else { return key }
        var text = locale == .en ? entry.en : entry.zh
        for (i, arg) in args.enumerated() {
            // An argument that names a catalogue entry (e.g. "state.closed") is shown as its label.
            let shown = entries[arg].map { locale == .en ? $0.en : $0.zh } ?? arg
            text = text.replacingOccurrences(of: "{\(i)}", with: shown)
        }
        return text
    }

    /// Both languages in one line, Chinese first, for output that has no reader's language
    /// (command-line reports, import error lists).
    static func bilingual(_ key: String, _ args: [String] = []) -> String {
        text(key, .zhHans, args) + " / " + text(key, .en, args)
    }

    /// All texts of one locale keyed by catalogue key with dots replaced by underscores,
    /// so templates can write `#(t.ledger_title)`.
    static func table(_ locale: AppLocale) -> [String: String] {
        tables[locale] ?? [:]
    }

    private static let tables: [AppLocale: [String: String]] = {
        var result: [AppLocale: [String: String]] = [:]
        for locale in AppLocale.allCases {
            var t: [String: String] = [:]
            for (key, entry) in entries {
                t[key.replacingOccurrences(of: ".", with: "_")] = locale == .en ? entry.en : entry.zh
            }
            result[locale] = t
        }
        return result
    }()

    /// Label of an enum value, e.g. `label("state", HazardState.closed)`.
    static func label<E: RawRepresentable>(_ prefix: String, _ value: E, _ locale: AppLocale) -> String where E.RawValue == String {
        text("\(prefix).\(value.rawValue)", locale)
    }
}
