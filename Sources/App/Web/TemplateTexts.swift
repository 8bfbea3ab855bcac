import Foundation
import NIOConcurrencyHelpers
import Vapor

/// The catalogue texts a page template reads (`page.t.some_key`). Handing every page the whole
/// catalogue (some 450 strings) made Leaf convert all of them on each render, about an eighth of
/// a hazard page's CPU (bench/results/2026-11-27-sqlite.md); a template gets only the keys that
/// it and the templates it extends name.
struct TextTable: Encodable {
    let locale: AppLocale

    func encode(to encoder: any Encoder) throws {
        let all = Catalogue.table(locale)
        var container = encoder.container(keyedBy: Key.self)
        if let keys = TemplateTexts.current {
            for key in keys { if let text = all[key] { try container.encode(text, forKey: Key(key)) } }
        } else {
            for (key, text) in all { try container.encode(text, forKey: Key(key)) }
        }
    }

    private struct Key: CodingKey {
        let stringValue: String
        init(_ key: String) { stringValue = key }
        init?(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }
}

enum TemplateTexts {
    /// The keys of the template being rendered; nil outside `Request.render` (every key).
    @TaskLocal static var current: Set<String>?

    private static let cache = NIOLockedValueBox<[String: Set<String>]>([:])

    /// Keys named as `t.<key>` in the template and, recursively, in those it extends.
    static func keys(of template: String, in directory: String) -> Set<String> {
        if let known = cache.withLockedValue({ $0[template] }) { return known }
        var keys: Set<String> = []
        var seen: Set<String> = []
        var pending = [template]
        while let name = pending.popLast() {
            guard seen.insert(name).inserted,
                  let text = try? String(contentsOfFile: directory + name + ".leaf", encoding: .utf8) else { continue }
            keys.formUnion(matches(of: textKey, in: text))
            pending += matches(of: extended, in: text)
        }
        cache.withLockedValue { $0[template] = keys }
        return keys
    }

    nonisolated(unsafe) private static let textKey = try! NSRegularExpression(pattern: #"\bt\.([A-Za-z0-9_]+)"#)
    nonisolated(unsafe) private static let extended = try! NSRegularExpression(pattern: #"#extend\("([^"]+)"\)"#)

    private static func matches(of pattern: NSRegularExpression, in text: String) -> [String] {
        let range = NSRange(text.startIndex..., in: text)
        return pattern.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}

extension Request {
    /// Renders a page template with only the catalogue texts it names (see `TextTable`).
    func render(_ template: String, _ context: some Encodable) async throws -> View {
        let keys = TemplateTexts.keys(of: template, in: application.directory.viewsDirectory)
        return try await TemplateTexts.$current.withValue(keys) { try await view.render(template, context) }
    }
}
