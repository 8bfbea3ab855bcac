import Foundation
import SafeGridDomain

/// Instants as the deployment reads them: China time, minutes, no time-zone database.
enum WebFormat {
    static func dateTime(_ date: Date?) -> String {
        guard let date else { return "" }
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + CivilDate.chinaOffset
        let minutes = ((seconds % 86_400) + 86_400) % 86_400 / 60
        return "\(CivilDate(date)) " + String(format: "%02d:%02d", minutes / 60, minutes % 60)
    }

    static func date(_ date: Date?) -> String {
        date.map { CivilDate($0).description } ?? ""
    }

    /// Integers parsed from form text; blank is nil, anything else unparsable is reported.
    static func int(_ text: String?, field: String, errors: inout FieldErrors) -> Int? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        guard let value = Int(text) else { errors.add(field, "error.field.invalid"); return nil }
        return value
    }

    static func double(_ text: String?, field: String, errors: inout FieldErrors) -> Double? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        guard let value = Double(text), value.isFinite else { errors.add(field, "error.field.coordinates"); return nil }
        return value
    }

    /// Ids sent as a comma-separated hidden field (uploads kept across a failed submit).
    static func ids(_ text: String?) -> [Int] {
        (text ?? "").split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }
}
