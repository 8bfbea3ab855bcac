import SafeGridRendering
import Vapor

/// A page written in Swift (see `SafeGridRendering.Node`): its model holds the data, `body` the
/// markup inside the shared layout. Built by a pure initialiser or builder, rendered without
/// the database.
protocol HTMLPage {
    var page: PageContext { get }
    @NodeBuilder var body: Node { get }
}

extension HTMLPage {
    func document() -> String {
        Layout.page(page, body: body).document()
    }

    func documentBytes() -> [UInt8] {
        Layout.page(page, body: body).documentBytes()
    }
}

extension Request {
    /// The page as a response, with a status other than 200 when a form comes back with errors.
    func page(_ view: some HTMLPage, status: HTTPResponseStatus = .ok) -> Response {
        let response = Response(status: status, body: .init(buffer: ByteBuffer(bytes: view.documentBytes())))
        response.headers.contentType = .html
        // A page is one user's, and each of its forms carries a fresh idempotency key: a new
        // visit must load it anew, never reuse a copy (Back and forward may, and should).
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, no-cache")
        return response
    }
}
