@testable import App
import Fluent
import Foundation
import SafeGridDomain
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Every page reachable by following links, in both languages, for the roles that see most of
/// the site. Names and data are excepted by collecting every text the database holds.
@Suite("Language: every page in Chinese and in English")
struct LanguageTests {
    @Test("no raw catalogue key, no Han or full-width punctuation in English chrome, no English sentence in Chinese pages, no broken link")
    func everyLinkedPage() async throws {
        try await withTestApp { app in
            try await DemoLoader.loadIfEmpty(app)
            let data = try await DataTexts.collect(app.db as! any SQLDatabase)
            var visited = 0
            for username in ["admin", "officer", "gridworker", "enterprise", "fire", "expert"] {
                let session = try await WebSession.login(app, username, password: DemoData.password)
                visited += try await Crawl(session: session, user: username, data: data).run()
            }
            #expect(visited > 120, "the crawl reached \(visited) pages; links are missing from the pages")
        }
    }

    @Test("the checks themselves catch what they are for")
    func checksCatch() {
        let data = DataTexts(han: ["马固村"], latin: [])
        #expect(!PageText.problems("<p>nav.ledger</p>", .en, data).isEmpty, "a raw key")
        #expect(!PageText.problems("<p>Ledger 台账</p>", .en, data).isEmpty, "Han in English")
        #expect(!PageText.problems("<p>Due：tomorrow</p>", .en, data).isEmpty, "full-width punctuation in English")
        #expect(!PageText.problems(#"<input placeholder="搜索">"#, .en, data).isEmpty, "Han in an attribute")
        #expect(!PageText.problems("<p>台账 Please sign in again</p>", .zhHans, data).isEmpty, "an English sentence in Chinese")
        #expect(PageText.problems("<p>Village <b>马固村</b></p>", .en, data).isEmpty, "data is excepted")
        #expect(PageText.problems("<p>台账</p><script>var a = 'is not text';</script>", .zhHans, data).isEmpty, "scripts are not text")
        #expect(!PageText.inlineCode("<p>台账</p><script>alert(1)</script>").isEmpty, "an inline script")
        #expect(!PageText.inlineCode(#"<img src="/a.png" onerror="alert(1)">"#).isEmpty, "an event handler attribute")
        #expect(PageText.inlineCode(#"<script src="/js/safegrid.js" defer></script><a href="/x">on=1</a>"#).isEmpty, "a script file is fine")
    }
}

/// Breadth-first over the links of the pages one user sees, one page per URL shape.
private struct Crawl {
    let session: WebSession
    let user: String
    let data: DataTexts
    static let limit = 160

    func run() async throws -> Int {
        var queue = ["/"]
        var seen: Set<String> = []
        var visited = 0
        while !queue.isEmpty, visited < Self.limit {
            let path = queue.removeFirst()
            guard seen.insert(Self.shape(path)).inserted else { continue }
            visited += 1
            var zhBody = ""
            for locale in AppLocale.allCases {
                let response = try await session.send(.GET, path, cookie: "\(WebSession.cookieName)=\(session.cookie); lang=\(locale.rawValue)")
                if response.status == .seeOther || response.status == .found { break }
                guard response.status == .ok else {
                    Issue.record("\(user) \(path) [\(locale.rawValue)]: \(response.status), linked from a page they see")
                    break
                }
                let contentType = response.headers.contentType?.description ?? ""
                guard contentType.contains("text/html") else { break }
                let html = response.body.string
                if locale == .zhHans { zhBody = html }
                for problem in PageText.problems(html, locale, data) + PageText.inlineCode(html) {
                    Issue.record("\(user) \(path) [\(locale.rawValue)]: \(problem)")
                }
            }
            queue += Self.links(in: zhBody).filter { !seen.contains(Self.shape($0)) }
        }
        return visited
    }

    /// `/hazards/12/notice?state=x` → `/hazards/N/notice?state`: one visit per page kind.
    static func shape(_ path: String) -> String {
        let parts = path.split(separator: "?", maxSplits: 1)
        let segments = parts[0].split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.allSatisfy(\.isNumber) && !$0.isEmpty ? "N" : String($0) }
        let query = parts.count > 1 ? parts[1].split(separator: "&").map { String($0.split(separator: "=").first ?? "") }.sorted() : []
        return segments.joined(separator: "/") + "?" + query.joined(separator: "&")
    }

    /// Same-site page links; files, downloads, photos and sign-out are not pages.
    static func links(in html: String) -> [String] {
        html.matches(of: #/href="(/[^"#]*)"/#).map { String($0.output.1).replacingOccurrences(of: "&amp;", with: "&") }.filter { link in
            !link.hasPrefix("//") && !link.contains("/export") && !link.contains("format=") && !link.contains("lang=")
                && !link.hasPrefix("/api/") && !link.hasPrefix("/attachments") && !link.hasPrefix("/logout")
                && !link.hasPrefix("/css/") && !link.hasPrefix("/js/") && !link.hasPrefix("/img/")
                && !link.contains(".xlsx") && !link.contains(".csv") && !link.hasPrefix("/lang/")
                && !link.hasSuffix(".geojson") && !link.hasSuffix(".svg") && !link.hasSuffix(".png")
        }
    }
}

/// The texts the database holds (names, addresses, hazard titles, checklist items...), split
/// into runs the way page text is: a run of page text found among them is data, not chrome.
struct DataTexts: Sendable {
    var han: Set<String>
    var latin: Set<String>

    static func collect(_ sql: any SQLDatabase) async throws -> DataTexts {
        let tables: [String]
        if sql.dialect.name == "sqlite" {
            tables = try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all()
                .map { try $0.decode(column: "name", as: String.self) }
        } else {
            tables = try await sql.raw("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()").all()
                .map { try $0.decode(column: "name", as: String.self) }
        }
        var texts = DataTexts(han: [], latin: [])
        for table in tables {
            for row in try await sql.raw("SELECT * FROM \(ident: table)").all() {
                for column in row.allColumns {
                    guard let value = try? row.decode(column: column, as: String?.self) else { continue }
                    texts.han.formUnion(PageText.hanRuns(value))
                    texts.latin.formUnion(PageText.sentences(value))
                }
            }
        }
        return texts
    }
}

/// What a reader sees of a page: text outside scripts and styles, and the attributes shown
/// as text (placeholders, titles, labels, button captions).
enum PageText {
    /// The other language's name in the language switch, and the product's two names.
    static let allowed: Set<String> = ["中文", "English", "平安网格", "SafeGrid"]

    static func problems(_ html: String, _ locale: AppLocale, _ data: DataTexts) -> [String] {
        let text = visibleText(html)
        var found: [String] = []
        if let key = rawKey(in: text) { found.append("raw catalogue key “\(key)”") }
        switch locale {
        case .en:
            let han = hanRuns(text).filter { !data.han.contains($0) && !allowed.contains($0) }
            if let first = han.first { found.append("Chinese in English chrome: “\(first)”" + (han.count > 1 ? " and \(han.count - 1) more" : "")) }
            if let stray = strayFullWidth(text) { found.append("full-width punctuation in English: “\(stray)”") }
        case .zhHans:
            let english = sentences(text).filter { !data.latin.contains($0) && !allowed.contains($0) }
            if let first = english.first { found.append("English sentence in a Chinese page: “\(first)”") }
        }
        return found
    }

    /// The content security policy forbids inline code; a page must not rely on it.
    static func inlineCode(_ html: String) -> [String] {
        var found: [String] = []
        if let tag = html.firstMatch(of: /<script(?![^>]*\ssrc=)[^>]*>/) { found.append("inline script “\(tag.output)”") }
        if let attribute = html.firstMatch(of: /<[a-zA-Z][^>]*\s(on[a-z]+)\s*=/) { found.append("event handler attribute “\(attribute.output.1)”") }
        return found
    }

    /// Curly quotes and dashes are English typography too; these are not.
    static let fullWidth: Set<Character> = ["，", "。", "：", "；", "（", "）", "「", "」", "、", "！", "？", "《", "》"]

    static func isHan(_ c: Character) -> Bool {
        c.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) || (0x3400...0x4DBF).contains($0.value) }
    }

    /// Maximal runs of Han characters and the full-width punctuation between them.
    static func hanRuns(_ text: String) -> Set<String> {
        var runs: Set<String> = []
        var current = ""
        for c in text {
            if isHan(c) || (!current.isEmpty && fullWidth.contains(c)) { current.append(c) } else {
                if !current.isEmpty { runs.insert(trimmed(current)); current = "" }
            }
        }
        if !current.isEmpty { runs.insert(trimmed(current)) }
        return runs
    }

    private static func trimmed(_ run: String) -> String {
        String(run.reversed().drop { fullWidth.contains($0) }.reversed())
    }

    /// Three or more Latin words in a row, space apart: a sentence, not a code, a unit or a
    /// list of file columns.
    static func sentences(_ text: String) -> Set<String> {
        Set(text.matches(of: #/[A-Za-z][a-z]+(?:['’-][a-z]+)*(?: [A-Za-z][a-z]+(?:['’-][a-z]+)*){2,}/#).map { String($0.output) })
    }

    /// `category.threeInOneShop` (a key, whether or not the catalogue has it) or `nav_ledger`
    /// (a template's spelling of a key).
    static func rawKey(in text: String) -> String? {
        for match in text.matches(of: #/\b([a-z][A-Za-z]*)\.[a-z][A-Za-z_.]*[A-Za-z]\b/#) where keyPrefixes.contains(String(match.output.1)) {
            return String(match.output.0)
        }
        for match in text.matches(of: #/\b[a-z][A-Za-z]*_[a-z][A-Za-z_]*\b/#) where templateKeys.contains(String(match.output)) {
            return String(match.output)
        }
        return nil
    }

    static let keyPrefixes: Set<String> = Set(Catalogue.entries.keys.compactMap { $0.split(separator: ".").first.map(String.init) })
    static let templateKeys: Set<String> = Set(Catalogue.entries.keys.map { $0.replacingOccurrences(of: ".", with: "_") })

    /// Full-width punctuation that is not part of a Chinese name: a run of Han (data or not) is
    /// judged by the Han check; this finds `Due：` and `（3）` in English sentences.
    static func strayFullWidth(_ text: String) -> String? {
        let chars = Array(text)
        for (i, c) in chars.enumerated() where fullWidth.contains(c) {
            let near = chars[max(0, i - 2)..<min(chars.count, i + 3)]
            if !near.contains(where: isHan) { return String(chars[max(0, i - 20)..<min(chars.count, i + 20)]).replacingOccurrences(of: "\n", with: " ") }
        }
        return nil
    }

    static func visibleText(_ html: String) -> String {
        var html = html
        for pattern in [#"<script\b[^>]*>[\s\S]*?</script>"#, #"<style\b[^>]*>[\s\S]*?</style>"#, #"<!--[\s\S]*?-->"#] {
            html = html.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        var parts: [String] = []
        for match in html.matches(of: #/\s(?:title|placeholder|aria-label|alt|data-label|data-confirm)="([^"]*)"/#) {
            parts.append(String(match.output.1))
        }
        for match in html.matches(of: #/<input\b[^>]*type="(?:submit|button)"[^>]*value="([^"]*)"/#) {
            parts.append(String(match.output.1))
        }
        parts.append(html.replacingOccurrences(of: #"<[^>]*>"#, with: " ", options: .regularExpression))
        return decode(parts.joined(separator: "\n"))
    }

    static func decode(_ text: String) -> String {
        var text = text
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&#x27;", "'"), ("&nbsp;", " "), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text
    }
}
