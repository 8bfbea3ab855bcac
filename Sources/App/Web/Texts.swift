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

    /// A text about `n` things: English takes the `.one` entry for one, where the catalogue has it.
    func count(_ key: String, _ n: Int) -> String {
        callAsFunction(Catalogue.countKey(key, n, locale), "\(n)")
    }

    /// Names in a run: 「甲、乙」 or "A, B".
    func list(_ items: [String]) -> String {
        items.joined(separator: callAsFunction("punct.list"))
    }

    /// A description of a shipped table's value in the reader's language; an office's own
    /// description (a value or text the shipped table lacks) as entered.
    func riskOption(_ method: RiskMethod, _ code: String, _ option: RiskFactorOption) -> String {
        let shipped = RiskTable.defaultTable(method).factors.first { $0.code == code }?.options
            .contains { RiskScore.same($0.value, option.value) && $0.label == option.label } ?? false
        return shipped ? callAsFunction("risk.option.\(method.rawValue).\(code).\(RiskScore.format(option.value))") : option.label
    }

    func message(_ field: FieldError) -> String {
        Catalogue.text(field.key, locale, field.args)
    }
}
