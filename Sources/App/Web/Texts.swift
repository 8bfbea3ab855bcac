import SafeGridDomain
import Vapor

/// The catalogue in the request's language, for building page contexts.
struct Texts: Sendable {
    let locale: AppLocale

    init(_ req: Request) { locale = AppLocale.of(req) }
    init(_ locale: AppLocale) { self.locale = locale }

    func callAsFunction(_ key: String, _ args: String...) -> String {
        Catalogue.text(key, locale, args)
    }

    func label<E: RawRepresentable>(_ prefix: String, _ value: E) -> String where E.RawValue == String {
        Catalogue.label(prefix, value, locale)
    }

    /// An error as a sentence. Transition errors carry raw state and action names; the page
    /// shows their labels instead.
    func message(_ error: SafeGridError) -> String {
        var args = error.args
        if error.key == "error.transition_not_allowed", args.count == 2 {
            args = [Catalogue.text("action.\(args[0])", locale), Catalogue.text("state.\(args[1])", locale)]
        }
        return Catalogue.text(error.key, locale, args)
    }

    func message(_ field: FieldError) -> String {
        Catalogue.text(field.key, locale, field.args)
    }
}

extension Request {
    /// Renders a page with a status other than 200 when a form comes back with errors.
    func page(_ template: String, _ context: some Encodable, status: HTTPResponseStatus = .ok) async throws -> Response {
        let response = try await render(template, context).encodeResponse(for: self)
        response.status = status
        return response
    }
}
