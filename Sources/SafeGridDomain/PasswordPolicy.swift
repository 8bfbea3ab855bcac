import Foundation

/// What a password must be. bcrypt reads only the first 72 bytes, so a longer one would be
/// accepted with its tail ignored: refused instead, with the reason. Eight Chinese characters
/// are 24 bytes, so the limit leaves room for any real passphrase.
public enum PasswordPolicy {
    public static let minCharacters = 8
    public static let maxBytes = 72

    /// The problems with `password` for the account `username`, as catalogue keys under the
    /// field `field`; `common` holds the most common passwords, lowercased.
    public static func check(_ password: String?, username: String?, common: Set<String>, field: String = "password",
                             into errors: inout FieldErrors) {
        let password = password ?? ""
        if password.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            errors.add(field, "error.field.required")
        } else if password.count < minCharacters {
            errors.add(field, "error.field.password_short")
        } else if password.utf8.count > maxBytes {
            errors.add(field, "error.field.password_long", args: ["\(maxBytes)"])
        } else if let username, !username.isEmpty, password.lowercased().contains(username.lowercased()) {
            errors.add(field, "error.field.password_username")
        } else if common.contains(password.lowercased()) {
            errors.add(field, "error.field.password_common")
        }
    }
}
