import SafeGridDomain
import Vapor

extension SafeGridError {
    var status: HTTPResponseStatus {
        switch kind {
        case .invalid: .badRequest
        case .unauthenticated: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .conflict: .conflict
        case .tooLarge: .payloadTooLarge
        case .tooManyRequests: .tooManyRequests
        case .unavailable: .serviceUnavailable
        }
    }

    /// The stable machine-readable code clients branch on, e.g. `stale_version`.
    var code: String {
        key.hasPrefix("error.") ? String(key.dropFirst("error.".count)) : key
    }

    /// Any error thrown while handling a request, as a SafeGridError: our own pass through,
    /// Vapor's and decoding errors map to their status, everything else is internal.
    static func from(_ error: any Error) -> SafeGridError? {
        switch error {
        case let e as SafeGridError:
            return e
        case let e as DecodingError:
            return .invalid(field: e.fieldPath, "error.field.invalid")
        case let e as any AbortError:
            switch e.status {
            case .payloadTooLarge: return SafeGridError(.tooLarge, "error.too_large", args: ["\(AppSettings.uploadLimitMB) MB"])
            case .notFound: return .notFound
            case .unauthorized: return .unauthenticated
            case .forbidden: return .forbidden
            case .methodNotAllowed: return SafeGridError(.conflict, "error.method_not_allowed")
            case .unsupportedMediaType, .badRequest, .unprocessableEntity: return SafeGridError(.invalid, "error.bad_request")
            default: return nil
            }
        default:
            return nil
        }
    }
}

extension DecodingError {
    /// Dotted path of the offending field, e.g. `plan.goal`.
    var fieldPath: String {
        let context: Context
        switch self {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c): context = c
        case .keyNotFound(let key, let c):
            return (c.codingPath + [key]).map(\.stringValue).joined(separator: ".")
        @unknown default: return "body"
        }
        let path = context.codingPath.map(\.stringValue).joined(separator: ".")
        return path.isEmpty ? "body" : path
    }
}

/// The JSON error body of the API: `{"error": {"code", "message", "fields"?}}`.
struct ErrorBody: Content {
    struct Detail: Content, Equatable {
        var code: String
        var message: String
        var fields: [FieldDetail]?
    }
    struct FieldDetail: Content, Equatable {
        var field: String
        var code: String
        var message: String
    }
    var error: Detail

    init(_ error: SafeGridError, locale: AppLocale) {
        let fields = error.fields.map {
            FieldDetail(field: $0.field, code: $0.key, message: Catalogue.text($0.key, locale, $0.args))
        }
        self.error = Detail(code: error.code, message: Catalogue.text(error.key, locale, error.args),
                            fields: fields.isEmpty ? nil : fields)
    }
}

extension Request {
    /// An id from the path, within `InputBounds.id`; anything else is a 400 naming the parameter.
    func id(_ name: String) throws(SafeGridError) -> Int {
        var errors = FieldErrors()
        let value = InputBounds.int(parameters.get(name), in: InputBounds.id, field: name, into: &errors)
        try errors.throwIfAny()
        guard let value else { throw SafeGridError.invalid(field: name, "error.field.required") }
        return value
    }

    /// An optional whole number from the query string: absent or empty is nil; text that is not
    /// a number, or one outside `range`, is a 400 naming the parameter (never silently ignored).
    func queryInt(_ name: String, in range: ClosedRange<Int> = InputBounds.id) throws(SafeGridError) -> Int? {
        let raw = query[String.self, at: name]
        guard let raw, !raw.isEmpty else { return nil }
        var errors = FieldErrors()
        let value = InputBounds.int(raw, in: range, field: name, into: &errors)
        try errors.throwIfAny()
        return value
    }
}
