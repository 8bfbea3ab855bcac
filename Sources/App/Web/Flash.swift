import Foundation
import Vapor

/// The short confirmation a form's redirect leaves for the next page (「已登记」, 「已提交整改」):
/// kept in the session as a catalogue key with its arguments, shown once by the layout in the
/// reader's language, then gone. A replayed answer (`IdempotencyMiddleware`) brings none,
/// since the work was confirmed the first time.
enum Flash {
    static let sessionKey = "flash"
    /// Arguments are user input (a hazard's number, a place's name): bounded, so a session row
    /// never grows with them.
    static let maxBytes = 600

    /// Marks a submission sent by the phone's offline queue (Public/js/offline.js): the queue
    /// confirms those itself, and a confirmation left for whatever page opens next would
    /// confuse.
    static let queuedHeader = "X-SafeGrid-Queued"

    static func set(_ req: Request, _ key: String, _ args: [String]) {
        guard req.headers.first(name: queuedHeader) == nil, req.hasSession,
              let data = try? JSONEncoder().encode([key] + args), data.count <= maxBytes else { return }
        req.session.data[sessionKey] = String(decoding: data, as: UTF8.self)
    }

    /// The message for this page, removed from the session as it is read.
    static func take(_ req: Request, _ t: Texts) -> String? {
        // A script's POST (it carries its idempotency key) follows the redirect with this key
        // still on it, then has the browser load the page: the confirmation waits for that.
        guard req.headers.first(name: IdempotencyMiddleware.header) == nil, req.hasSession, let stored = req.session.data[sessionKey] else { return nil }
        req.session.data[sessionKey] = nil
        guard let parts = try? JSONDecoder().decode([String].self, from: Data(stored.utf8)), let key = parts.first,
              Catalogue.entries[key] != nil else { return nil }
        return Catalogue.text(key, t.locale, Array(parts.dropFirst()))
    }
}

extension Request {
    /// A 303 to `path` after a form's work is done, with a confirmation for the next page.
    func redirect(to path: String, confirming key: String, _ args: String...) -> Response {
        Flash.set(self, key, args)
        return redirect(to: path)
    }

    /// The same for a confirmation about `count` things, in the singular where the catalogue has one.
    func redirect(to path: String, confirming key: String, count: Int) -> Response {
        redirect(to: path, confirming: Catalogue.countKey(key, count, AppLocale.of(self)), "\(count)")
    }
}
