import SafeGridDomain
import Vapor

/// Page links for long lists. Filters stay in the links as the user typed them: the raw
/// query is kept and only `page` is replaced, so nothing is decoded and re-encoded.
struct Pager: Encodable {
    let summary: String
    let prev: String?
    let next: String?

    static let perPage = 50

    /// The 1-based page number of the request (the first when absent); a number that is not
    /// one, or lies beyond `InputBounds.page`, is a 400 naming `page`.
    static func page(_ req: Request) throws(SafeGridError) -> Int {
        var errors = FieldErrors()
        let number = InputBounds.int(req.query[String.self, at: "page"], in: InputBounds.page, field: "page", into: &errors)
        try errors.throwIfAny()
        return number ?? 1
    }

    init(total: Int, page: Int, path: String, query: String?, t: Texts, perPage: Int = Pager.perPage) {
        let first = total == 0 ? 0 : (page - 1) * perPage + 1
        let last = min(total, page * perPage)
        summary = t("pager.summary", "\(first)", "\(last)", "\(total)")
        let base = Self.query(query, dropping: ["page"])
        func link(_ n: Int) -> String { path + "?" + (base.isEmpty ? "" : base + "&") + "page=\(n)" }
        prev = page > 1 ? link(page - 1) : nil
        next = last < total ? link(page + 1) : nil
    }

    /// The raw query without the named parameters.
    static func query(_ raw: String?, dropping names: Set<String>) -> String {
        (raw ?? "").split(separator: "&").filter { item in
            let name = item.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
            return !names.contains(name) && !name.isEmpty
        }.joined(separator: "&")
    }
}
