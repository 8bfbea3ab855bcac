/// The one error type of SafeGrid. The App maps `kind` to an HTTP status and `key`
/// (plus `args`) to a sentence from the message catalogue, so every layer reports
/// failures the same way and no internal detail reaches a client.
public struct SafeGridError: Error, Equatable, Sendable {
    public enum Kind: String, Sendable {
        case invalid          // 400, with field detail
        case unauthenticated  // 401
        case forbidden        // 403
        case notFound         // 404 (also for what lies outside the caller's scope)
        case conflict         // 409: transition not allowed now, stale version (a taken code or username is a 400 field error)
        case tooLarge         // 413
        case tooManyRequests  // 429
        case unavailable      // 503
    }

    public var kind: Kind
    public var key: String
    public var args: [String]
    public var fields: [FieldError]
    /// When trying again makes sense, and after how long: sent as `Retry-After`.
    public var retryAfterSeconds: Int?

    public init(_ kind: Kind, _ key: String, args: [String] = [], fields: [FieldError] = [], retryAfterSeconds: Int? = nil) {
        self.kind = kind; self.key = key; self.args = args; self.fields = fields; self.retryAfterSeconds = retryAfterSeconds
    }

    public static func invalid(_ fields: [FieldError]) -> SafeGridError {
        SafeGridError(.invalid, "error.invalid_input", fields: fields)
    }

    public static func invalid(field: String, _ key: String, args: [String] = []) -> SafeGridError {
        .invalid([FieldError(field: field, key: key, args: args)])
    }

    public static let notFound = SafeGridError(.notFound, "error.not_found")
    public static let forbidden = SafeGridError(.forbidden, "error.forbidden")
    public static let unauthenticated = SafeGridError(.unauthenticated, "error.unauthenticated")
    public static let staleVersion = SafeGridError(.conflict, "error.stale_version")
}

/// A problem with one input field; `key` names a catalogue message.
public struct FieldError: Codable, Equatable, Sendable {
    public var field: String
    public var key: String
    public var args: [String]

    public init(field: String, key: String, args: [String] = []) {
        self.field = field; self.key = key; self.args = args
    }
}

/// Collects field errors and throws them together, so a form shows every problem at once.
public struct FieldErrors: Sendable {
    public private(set) var items: [FieldError] = []
    public init() {}

    public mutating func add(_ field: String, _ key: String, args: [String] = []) {
        items.append(FieldError(field: field, key: key, args: args))
    }

    public mutating func require(_ value: String?, _ field: String) {
        if (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            add(field, "error.field.required")
        }
    }

    public func throwIfAny() throws(SafeGridError) {
        if !items.isEmpty { throw .invalid(items) }
    }
}

import Foundation
