import SafeGridDomain
import Vapor

/// `GET /account/password`: the signed-in user's own password change.
struct PasswordPage {
    let page: PageContext
    let fields: [FormField]
    let errors: [String]
    let notice: String?

    static func build(_ req: Request, done: Bool = false, error: SafeGridError? = nil) -> PasswordPage {
        let t = Texts(req)
        var fields = [
            FormField("currentPassword", label: t("account.current_password"), kind: .password, required: true),
            FormField("newPassword", label: t("account.new_password"), kind: .password, required: true),
            FormField("confirmPassword", label: t("account.confirm_password"), kind: .password, required: true),
        ]
        fields[1].hint = t("account.password_rules", "\(PasswordPolicy.minCharacters)", "\(PasswordPolicy.maxBytes)")
        let unplaced = fields.attach(error?.fields ?? [], t)
        return PasswordPage(page: PageContext(req, title: t("account.password_title")), fields: fields,
                            errors: unplaced, notice: done ? t("account.password_changed") : nil)
    }
}
