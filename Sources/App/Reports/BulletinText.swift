import Foundation
import SafeGridDomain

/// Turns a bulletin's clauses into a sentence in one language. The domain chooses what to
/// say (`BulletinFigures.clauses`); the words are catalogue entries; this only joins them.
enum BulletinText {
    static func compose(_ figures: BulletinFigures, grid: String, period: ReportPeriod, asOf: CivilDate, _ locale: AppLocale) -> String {
        let zh = locale == .zhHans
        let separator = zh ? "，" : ", "
        var parts: [String] = []
        let visits = figures.clauses.filter { $0.key.hasPrefix("bulletin.clause.visits.") }
        if !visits.isEmpty {
            parts.append(Catalogue.text("bulletin.visits_lead", locale) + visits.map { clause($0, locale) }.joined(separator: separator))
        }
        parts += figures.clauses.filter { !$0.key.hasPrefix("bulletin.clause.visits.") }.map { clause($0, locale) }
        var text = Catalogue.text("bulletin.sentence", locale, [grid, periodLabel(period, locale), parts.joined(separator: separator)])
        let open = figures.openClauses.map { clause($0, locale) }
        if !open.isEmpty {
            text += (zh ? "" : " ") + Catalogue.text("bulletin.open_sentence", locale, [asOf.description, open.joined(separator: separator)])
        }
        return text
    }

    static func clause(_ clause: BulletinClause, _ locale: AppLocale) -> String {
        if clause.key == "bulletin.clause.people_reached", let n = clause.numbers.first, let wan = BulletinFigures.tenThousands(n) {
            return Catalogue.text("bulletin.clause.people_reached_wan", locale, [number(n, locale), wan])
        }
        // English counts agree in number: "1 drill", "2 drills" (Chinese has no plural).
        let key = Catalogue.countKey(clause.key, clause.numbers.first ?? 0, locale)
        return Catalogue.text(key, locale, clause.numbers.map { number($0, locale) })
    }

    /// Chinese reports write plain digits (1257); English groups thousands (1,257).
    static func number(_ n: Int, _ locale: AppLocale) -> String {
        guard locale == .en, abs(n) >= 1000 else { return "\(n)" }
        var digits = Array(String(abs(n)))
        var i = digits.count - 3
        while i > 0 { digits.insert(",", at: i); i -= 3 }
        return (n < 0 ? "-" : "") + String(digits)
    }

    static func periodLabel(_ p: ReportPeriod, _ locale: AppLocale) -> String {
        switch p.kind {
        case .week:
            let week = p.code.split(separator: "W").last.map(String.init).flatMap(Int.init) ?? 0
            let year = p.code.prefix(4)
            return Catalogue.text("bulletin.period.week", locale, [String(year), "\(week)", p.start.description, p.end.description])
        case .month: return Catalogue.text("bulletin.period.month", locale, ["\(p.start.year)", "\(p.start.month)"])
        case .quarter: return Catalogue.text("bulletin.period.quarter", locale, ["\(p.start.year)", "\((p.start.month + 2) / 3)"])
        case .year: return Catalogue.text("bulletin.period.year", locale, ["\(p.start.year)"])
        case .custom: return Catalogue.text("bulletin.period.custom", locale, [p.start.description, p.end.description])
        }
    }
}
