import Foundation
import SafeGridDomain
import Vapor

/// Makes every POST of a signed-in user safe to send twice (`Idempotency`). The key comes in
/// the `Idempotency-Key` header (the API, the phone's offline queue) or in a web form's `_idem`
/// field (`Layout.csrfField` writes a fresh one into every form, so a double tap or a Back and
/// resubmit of one form does its work once). A POST without a key runs as before.
///
/// Sits behind `RequireUser`: keys belong to a user, so one user's key never answers another's
/// request, and behind `CSRFMiddleware` on the web, which has already collected the body.
struct IdempotencyMiddleware: Middleware {
    static let header = "Idempotency-Key"
    static let formField = "_idem"
    /// Set on an answer sent again for a repeated key.
    static let replayedHeader = "Idempotent-Replayed"

    /// Reads pass through on the event loop; only a POST with a key needs the database.
    func respond(to req: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard req.method == .POST else { return next.respond(to: req) }
        let key: String
        do {
            guard let sent = try Self.key(req) else { return next.respond(to: req) }
            key = sent
        } catch {
            return req.eventLoop.makeFailedFuture(error)
        }
        return req.eventLoop.makeFutureWithTask { try await Self.once(req, key: key, next: next) }
    }

    private static func once(_ req: Request, key: String, next: any Responder) async throws -> Response {
        let user = try req.currentUser()
        let writes = req.application.writePath
        let claim = try await IdempotencyStore.claim(user: user.id, key: key, method: req.method.rawValue, path: req.url.path,
                                                     now: req.now, writes: writes, on: req.db)
        switch claim {
        case let .replay(row): return replay(row)
        case .inProgress: throw SafeGridError(.conflict, "error.idempotency.in_progress", retryAfterSeconds: Idempotency.retryAfterSeconds)
        case .reused: throw SafeGridError(.conflict, "error.idempotency.reused")
        case let .run(id):
            let response: Response
            do {
                response = try await next.respond(to: req).get()
            } catch {
                try? await writes.transaction(on: req.db) { try await IdempotencyStore.release(id, in: $0) }
                throw error
            }
            let status = Int(response.status.code)
            // A redirect has no body at all (`buffer` is nil); a streamed body is not kept.
            let buffer = response.body.buffer ?? (response.body.count == 0 ? ByteBuffer() : nil)
            if Idempotency.keeps(status: status), let buffer, buffer.readableBytes <= IdempotencyStore.maxStoredBody {
                let body = Data(buffer.readableBytesView)
                try await writes.transaction(on: req.db) { tx in
                    try await IdempotencyStore.complete(id, status: status, contentType: response.headers.first(name: .contentType),
                                                        location: response.headers.first(name: .location), body: body, in: tx)
                }
            } else {
                try await writes.transaction(on: req.db) { try await IdempotencyStore.release(id, in: $0) }
            }
            return response
        }
    }

    /// The key of the request, nil when it has none; a malformed key is refused before any work.
    static func key(_ req: Request) throws -> String? {
        let sent = req.headers.first(name: header) ?? formKey(req)
        guard let sent else { return nil }
        guard Idempotency.isValidKey(sent) else { throw SafeGridError.invalid(field: header, "error.idempotency.key") }
        return sent
    }

    private static func formKey(_ req: Request) -> String? {
        guard let type = req.headers.contentType else { return nil }
        if type.type == "multipart" { return CSRFMiddleware.multipartField(formField, req) }
        guard type == .urlEncodedForm else { return nil }
        return try? req.content.get(String.self, at: formField)
    }

    static func replay(_ row: IdempotencyRow) -> Response {
        var headers = HTTPHeaders()
        if let type = row.contentType { headers.replaceOrAdd(name: .contentType, value: type) }
        if let location = row.location { headers.replaceOrAdd(name: .location, value: location) }
        headers.replaceOrAdd(name: replayedHeader, value: "true")
        let body = row.body.flatMap { Data(base64Encoded: $0) } ?? Data()
        return Response(status: HTTPResponseStatus(statusCode: row.status ?? 200), headers: headers, body: .init(data: body))
    }
}
