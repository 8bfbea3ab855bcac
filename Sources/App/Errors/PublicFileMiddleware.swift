import Vapor

/// Serves `Public/` through Vapor's file middleware, but never asks the file system about a
/// path it cannot hold: a name over 255 bytes or a path over 4,096 made the lookup fail with
/// "File name too long", answered as a 500. Such a path names no file, so it goes on to the
/// router and gets its 404 there.
struct PublicFileMiddleware: AsyncMiddleware {
    let files: FileMiddleware

    init(publicDirectory: String) {
        files = FileMiddleware(publicDirectory: publicDirectory, defaultFile: nil)
    }

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let path = req.url.path
        guard path.utf8.count <= 1_024, !path.split(separator: "/").contains(where: { $0.utf8.count > 255 }) else {
            return try await next.respond(to: req)
        }
        return try await files.respond(to: req, chainingTo: next).get()
    }
}
