/// Texts of the register, assessment and bulletin pages.
extension Catalogue {
    static let reportPages: [String: Entry] = [
        "job.weekly_bulletins": .init(zh: "每周通报", en: "Weekly bulletins"),
    ]
}
