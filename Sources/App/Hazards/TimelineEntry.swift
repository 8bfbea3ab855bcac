import SafeGridDomain

/// One event of the hazard's history: who, in which role, when, what, and with what evidence.
struct TimelineEntry: Encodable {
    let time: String
    let actor: String
    let role: String
    let action: String
    let change: String?
    let note: String?
    let details: [HazardDetailPage.Fact]
    let photos: [PhotoLink]

    init(_ e: HazardEventListItem, attachments: [Int: AttachmentLinkRow], t: Texts) {
        time = WebFormat.dateTime(e.occurredAt)
        actor = e.actorName ?? ""
        role = t.label("role", e.actorRole)
        action = t.label("action", e.action)
        change = e.fromState.flatMap { $0 == e.toState ? nil : "\(t.label("state", $0)) → \(t.label("state", e.toState))" }
        note = e.note
        let d = JSONCoding.decode(EventDetails.self, e.details) ?? EventDetails()
        typealias Fact = HazardDetailPage.Fact
        var details: [Fact] = []
        if let v = d.responsible, !v.isEmpty { details.append(Fact(label: t("hazard.responsible"), value: v)) }
        if let v = d.requirement, !v.isEmpty { details.append(Fact(label: t("hazard.requirement"), value: v)) }
        if let v = d.deadline { details.append(Fact(label: t("hazard.deadline"), value: v)) }
        if let v = d.noticeNumber { details.append(Fact(label: t("hazard.notice"), value: v)) }
        if let v = d.department { details.append(Fact(label: t("hazard.transferred_to"), value: t("department.\(v)"))) }
        if let v = d.measure { details.append(Fact(label: t("action_form.measure"), value: t("measure.\(v)"))) }
        if let v = d.escalation { details.append(Fact(label: t("hazard.escalation"), value: t("escalation.\(v)"))) }
        if let v = d.campaignName {
            details.append(Fact(label: t(d.campaignRemoved == true ? "hazard.campaign_removed" : "hazard.campaign_added"), value: v))
        }
        details += HazardDetailPage.planFacts(d.plan, t: t)
        self.details = details
        photos = (JSONCoding.decode([Int].self, e.attachmentIds) ?? []).compactMap { attachments[$0] }.map(PhotoLink.init)
    }
}
