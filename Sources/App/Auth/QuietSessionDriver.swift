import Vapor

/// Wraps a session driver so that a request which did not change its session writes nothing.
/// Vapor's sessions middleware saves the session after every request that has one; with the
/// Fluent driver that is an `UPDATE _fluent_sessions` (a durable write, queued behind hazard
/// writes on SQLite) for every page a signed-in officer opens. Sessions here carry no expiry
/// of their own in the row (the data holds its marks, see `WebSessionMarks`), so skipping an
/// unchanged save loses nothing.
struct QuietSessionDriver: SessionDriver {
    let base: any SessionDriver

    private struct ReadKey: StorageKey { typealias Value = [String: SessionData] }

    /// An empty session is never stored: a visitor who is not signed in (the login page, or
    /// a browser still sending the cookie of an ended session) leaves no row behind. The
    /// cookie then names no row, which reads as no session next time.
    func createSession(_ data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        if data.snapshot.isEmpty { return request.eventLoop.makeSucceededFuture(SessionID(string: TokenHash.newToken())) }
        return base.createSession(data, for: request)
    }

    func readSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<SessionData?> {
        base.readSession(sessionID, for: request).map { data in
            if let data {
                var read = request.storage[ReadKey.self] ?? [:]
                read[sessionID.string] = data
                request.storage[ReadKey.self] = read
            }
            return data
        }
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        if request.storage[ReadKey.self]?[sessionID.string] == data {
            return request.eventLoop.makeSucceededFuture(sessionID)
        }
        return base.updateSession(sessionID, to: data, for: request)
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<Void> {
        base.deleteSession(sessionID, for: request)
    }
}
