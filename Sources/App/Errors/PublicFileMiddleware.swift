import Foundation
import Vapor

/// Serves `Public/` through Vapor's file middleware, but asks the file system only about a
/// path that could name one of its files:
/// - the first segment must be an entry of `Public/` (read once at start: the folder changes
///   only with a new release). Every other request, all of the API and every page, goes
///   straight to the router instead of waiting on a file lookup in the thread pool.
/// - a name over 255 bytes or a path over 1,024 names no file: the lookup failed with "File
///   name too long", answered as a 500. Such a path goes on to the router and gets its 404.
struct PublicFileMiddleware: Middleware {
    let files: FileMiddleware
    let entries: Set<Substring>

    init(publicDirectory: String) {
        files = FileMiddleware(publicDirectory: publicDirectory, defaultFile: nil)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: publicDirectory)) ?? []
        entries = Set(names.map { Substring($0) })
    }

    func respond(to req: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        mayBeFile(req.url.path) ? files.respond(to: req, chainingTo: next) : next.respond(to: req)
    }

    func mayBeFile(_ path: String) -> Bool {
        guard path.utf8.count <= 1_024 else { return false }
        let segments = path.split(separator: "/")
        guard let first = segments.first, entries.contains(first) || first.contains("%") else { return false }
        return !segments.contains(where: { $0.utf8.count > 255 })
    }
}
