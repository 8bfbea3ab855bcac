import Vapor

/// Serves the OpenAPI 3 document kept in `Resources/openapi.json`; a test checks that it
/// names exactly the routes the server registers.
enum OpenAPIDocument {
    static func path(_ app: Application) -> String {
        app.directory.resourcesDirectory + "openapi.json"
    }

    @Sendable static func serve(req: Request) async throws -> Response {
        let response = try await req.fileio.asyncStreamFile(at: path(req.application))
        response.headers.replaceOrAdd(name: .contentType, value: "application/json; charset=utf-8")
        return response
    }
}
