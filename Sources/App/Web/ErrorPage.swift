import SafeGridDomain
import Vapor

/// The HTML error page for web routes.
enum ErrorPage {
    struct Context {
        let page: PageContext
        let status: Int
        let message: String
        let fields: [String]
    }

    static func render(_ error: SafeGridError, status: HTTPResponseStatus, for req: Request) async throws -> Response {
        let locale = AppLocale.of(req)
        let context = Context(
            page: PageContext(req, title: Catalogue.text("error.title", locale)),
            status: Int(status.code),
            message: Catalogue.text(error.key, locale, error.args),
            fields: error.fields.map { "\($0.field): \(Catalogue.text($0.key, locale, $0.args))" })
        return req.page(context, status: status)
    }
}
