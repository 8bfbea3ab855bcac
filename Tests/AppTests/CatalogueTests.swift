@testable import App
import Foundation
import SafeGridDomain
import Testing

@Suite("Message catalogue and module boundaries")
struct CatalogueTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func sources(_ folder: String) throws -> [(String, String)] {
        let base = root.appendingPathComponent(folder)
        let files = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" || $0.pathExtension == "leaf" }
        return try files.map { ($0.lastPathComponent, try String(contentsOf: $0, encoding: .utf8)) }
    }

    @Test("every error key used in the code has a Chinese and an English text")
    func errorKeysExist() throws {
        let pattern = try Regex(#""(error\.[a-z_.]+)""#)
        var missing: Set<String> = []
        for folder in ["Sources/SafeGridDomain", "Sources/App", "Sources/safegrid"] {
            for (name, text) in try Self.sources(folder) where !name.hasPrefix("Catalogue") {
                for match in text.matches(of: pattern) {
                    let key = String(text[match.range].dropFirst().dropLast())
                    if Catalogue.entries[key] == nil { missing.insert(key) }
                }
            }
        }
        #expect(missing.isEmpty, "keys without texts: \(missing.sorted())")
    }

    /// Pages written in Swift read their texts as `t("key")`: a misspelt key would show raw on
    /// the page, so every literal key in the code must be in the catalogue.
    @Test("every text key a page or builder names literally is in the catalogue")
    func pageKeysExist() throws {
        let pattern = try Regex(#"\bt(?:exts)?\("([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)""#)
        var missing: Set<String> = []
        var seen = 0
        for (name, text) in try Self.sources("Sources/App") where !name.hasPrefix("Catalogue") {
            for match in text.matches(of: pattern) {
                let literal = String(text[match.range])
                let key = String(literal.drop { $0 != "\"" }.dropFirst().dropLast())
                seen += 1
                if Catalogue.entries[key] == nil { missing.insert(name + ": " + key) }
            }
        }
        #expect(seen > 300, "the pattern found only \(seen) keys")
        #expect(missing.isEmpty, "keys without texts: \(missing.sorted())")
    }

    @Test("every enum value has a label in both languages")
    func enumLabels() {
        func check<E: RawRepresentable & CaseIterable>(_ prefix: String, _ type: E.Type) where E.RawValue == String {
            for value in E.allCases {
                let key = "\(prefix).\(value.rawValue)"
                #expect(Catalogue.entries[key] != nil, "no label for \(key)")
            }
        }
        check("state", HazardState.self)
        check("action", HazardAction.self)
        check("category", HazardCategory.self)
        check("grade", HazardGrade.self)
        check("source", HazardSource.self)
        check("measure", EnforcementMeasure.self)
        check("role", Role.self)
        check("department", Department.self)
        check("level", GridLevel.self)
        check("kind", GridKind.self)
        check("independent", IndependentGridType.self)
        check("place", PlaceCategory.self)
    }

    @Test("no entry is blank, and the two languages differ where the text is a sentence")
    func entriesFilled() {
        for (key, entry) in Catalogue.entries {
            #expect(!entry.zh.isEmpty && !entry.en.isEmpty, "\(key) is blank")
            if entry.en.count > 12 { #expect(entry.zh != entry.en, "\(key) is not translated") }
            #expect(!entry.en.contains(where: PageText.isHan) || key == "nav.switch_language", "\(key): Chinese in the English text “\(entry.en)”")
            #expect(!entry.en.contains(where: PageText.fullWidth.contains), "\(key): full-width punctuation in the English text “\(entry.en)”")
        }
    }

    @Test("arguments are substituted in both languages")
    func arguments() {
        #expect(Catalogue.text("error.too_large", .zhHans, ["10 MB"]) == "提交的内容过大（上限 10 MB）。")
        #expect(Catalogue.text("error.too_large", .en, ["10 MB"]) == "The upload is too large (limit 10 MB).")
    }

    @Test("the domain module imports Foundation only")
    func domainIsPure() throws {
        for (name, text) in try Self.sources("Sources/SafeGridDomain") {
            let imports = text.split(separator: "\n").filter { $0.hasPrefix("import ") || $0.contains(" import ") && $0.hasPrefix("@") }
            for line in imports {
                #expect(line == "import Foundation", "\(name): \(line)")
            }
        }
    }
}
