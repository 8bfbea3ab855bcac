import Fluent
import SafeGridDomain
import Vapor

/// What the checklist form posts: one entry per item, `items[i][...]`, photos per item.
struct InspectionResultsForm: Decodable {
    /// Keyed `i<item id>`: a key that is not a number keeps the form decoder from reading the
    /// items as an array, which would drop any post that skips an index.
    var items: [String: ItemForm]?
    var note: String?
    var finish: String?

    /// The posted items by item id, in checklist order.
    var ordered: [(id: Int, form: ItemForm)] {
        (items ?? [:]).compactMap { key, form in Int(key.dropFirst()).map { (id: $0, form: form) } }.sorted { $0.id < $1.id }
    }

    struct ItemForm: Decodable {
        var result: String?
        var note: String?
        var kept: String?
        var photos: [File]?
    }
}

/// `GET /inspections/:id`: the checklist to fill on a phone while the inspection is under
/// way, then the record with a one-step "make it a hazard" form under each failed item.
struct InspectionPage {
    let page: PageContext
    let id: Int
    let facts: [Fact]
    let topics: [Topic]
    let editable: Bool
    let finished: Bool
    let note: String
    let alert: String?
    let errors: [String]
    let historyHref: String
    /// 「取消检查」 for whoever may cancel this open inspection (`InspectionRules.mayCancel`).
    let cancel: CancelForm?

    struct CancelForm {
        let action: String
        let reason: FormField
        /// Shown unfolded when a cancel came back refused.
        let open: Bool
        let errors: [String]
    }

    struct Fact: Encodable {
        let label: String
        let value: String
    }

    struct Topic: Encodable {
        let name: String
        let items: [Item]
    }

    struct Item: Encodable {
        let index: Int
        let id: Int
        let text: String
        let requiresPhoto: Bool
        let options: [Choice]
        let resultLabel: String
        let resultClass: String
        let note: String
        let photos: [PhotoLink]
        let kept: String
        let error: String?
        let hazardHref: String?
        let hazardForm: HazardForm?
        let fixedOnSite: Bool
        /// Failed and not yet a hazard (`InspectionRules.awaitsHazard`): flagged until it is.
        let awaitsHazard: Bool
    }

    struct Choice: Encodable {
        let value: String
        let label: String
        let checked: Bool
    }

    struct HazardForm: Encodable {
        let action: String
        let fields: [FormField]
    }

    /// `entered` are the values of a form that came back with errors, by item id.
    static func build(_ req: Request, id: Int, entered: [Int: InspectionResultsForm.ItemForm] = [:], kept: [Int: [Int]] = [:],
                      error: SafeGridError? = nil, cancelError: SafeGridError? = nil, reason: String? = nil) async throws -> InspectionPage {
        let user = try req.currentUser()
        let t = Texts(req)
        let (record, inspectorIds) = try await InspectionService(req: req).visible(id, to: user)
        let dto = try await InspectionQuery.dto(record, on: req.db)
        let facts = record.facts(inspectorIds: inspectorIds)
        let editable = InspectionRules.mayRecord(user.actor, facts)
        let mayRaise = InspectionRules.mayRaiseHazard(user.actor, facts)
        let template = try await ChecklistTemplateRecord.find(record.$template.id, on: req.db)
        let attachmentIds = (dto.items ?? []).flatMap(\.attachmentIds) + kept.values.flatMap { $0 }
        let attachments = try await AttachmentRecord.query(on: req.db).filter(\.$id ~~ attachmentIds).all()
        let byAttachment = Dictionary(uniqueKeysWithValues: attachments.compactMap { a in a.id.map { ($0, a) } })
        // Errors name `items.<item id>` here (the controller renames the service's positions).
        let itemErrors = Dictionary(grouping: error?.fields ?? [], by: { field -> Int in
            let parts = field.field.split(separator: ".")
            return parts.count >= 2 && parts[0] == "items" ? Int(parts[1]) ?? -1 : -1
        })
        let items = (dto.items ?? []).enumerated().map { index, item -> Item in
            let typed = entered[item.id]
            let result = typed?.result ?? item.result?.rawValue
            let hazardForm: HazardForm? = (InspectionRules.awaitsHazard(item.result, hazardId: item.hazardId) && mayRaise && !editable)
                ? hazardForm(for: item, inspectionId: id, t: t) : nil
            return Item(
                index: index, id: item.id, text: item.text, requiresPhoto: item.requiresPhoto,
                options: ItemResult.allCases.map { Choice(value: $0.rawValue, label: t.label("item_result", $0), checked: $0.rawValue == result) },
                resultLabel: item.result.map { t.label("item_result", $0) } ?? t("inspection.no_result"),
                resultClass: item.result?.rawValue ?? "none", note: typed?.note ?? item.note ?? "",
                photos: (item.attachmentIds + (kept[item.id] ?? [])).compactMap { byAttachment[$0] }.map(PhotoLink.init),
                kept: (kept[item.id] ?? []).map(String.init).joined(separator: ","),
                error: itemErrors[item.id].map { $0.map { t.message($0) }.joined(separator: " ") },
                hazardHref: item.hazardId.map { SiteURL.hazard(.id($0)).path }, hazardForm: hazardForm, fixedOnSite: item.fixedOnSite,
                awaitsHazard: !editable && InspectionRules.awaitsHazard(item.result, hazardId: item.hazardId))
        }
        var order: [String] = []
        var groups: [String: [Item]] = [:]
        for (item, dtoItem) in zip(items, dto.items ?? []) {
            if groups[dtoItem.topic] == nil { order.append(dtoItem.topic) }
            groups[dtoItem.topic, default: []].append(item)
        }
        let campaign = dto.campaignId.map { "#\($0)" }
        let factRows: [Fact] = [
            Fact(label: t("hazard.place"), value: dto.placeName),
            Fact(label: t("inspection.kind"), value: t.label("inspection_kind", dto.kind) + (dto.night ? " · " + t("inspection.night_short") : "")),
            Fact(label: t("inspection.inspectors"), value: t.list(dto.inspectors.map(\.name) + [dto.partners].compactMap { $0 })),
            Fact(label: t("inspection.started"), value: WebFormat.dateTime(dto.startedAt)),
            Fact(label: t("inspection.ended"), value: dto.endedAt.map { WebFormat.dateTime($0) }
                ?? (dto.cancelled ? t("inspection.cancelled") : t("inspection.open"))),
            Fact(label: t("inspection.template"), value: "\(template?.name ?? "") v\(dto.templateVersion)"),
        ] + (campaign.map { [Fact(label: t("inspection.campaign"), value: $0)] } ?? [])
            + (dto.cancelledAt.map {
                [Fact(label: t("inspection.cancelled"), value: WebFormat.dateTime($0) + " · " + (dto.cancelReason ?? ""))]
            } ?? [])
        var cancel: CancelForm?
        if InspectionRules.mayCancel(user.actor, facts) {
            var field = [FormField("reason", label: t("inspection.cancel_reason"), kind: .textarea, value: reason ?? "", required: true,
                                   idPrefix: "cancel")]
            field[0].hint = t("inspection.cancel_hint")
            let unplaced = cancelError.map { field.attach($0.fields, t) + ($0.fields.isEmpty ? [t.message($0)] : []) } ?? []
            cancel = CancelForm(action: SiteURL.inspectionCancel(.id(id)).path, reason: field[0], open: cancelError != nil, errors: unplaced)
        }
        let unplaced = (itemErrors[-1] ?? []).map { t.message($0) }
        return InspectionPage(
            page: PageContext(req, title: t("inspection.title", dto.placeName)), id: id, facts: factRows,
            topics: order.map { Topic(name: $0, items: groups[$0]!) }, editable: editable, finished: dto.finished,
            note: dto.note ?? "", alert: error.map { t.message($0) }, errors: unplaced, historyHref: SiteURL.inspections.with(query: "placeId=\(dto.placeId)"),
            cancel: cancel)
    }

    static func hazardForm(for item: InspectionItemDTO, inspectionId: Int, t: Texts) -> HazardForm {
        let p = "hz\(item.id)"
        let fields: [FormField] = [
            FormField("title", label: t("hazard.title"), value: InspectionRules.hazardTitle(itemText: item.text, note: item.note ?? ""), required: true, idPrefix: p),
            .select("category", label: t("hazard.category"), options: FormField.options(HazardCategory.self, "category", t),
                    selected: item.hazardCategory.rawValue, required: true, idPrefix: p),
            .select("grade", label: t("hazard.grade"), options: FormField.options(HazardGrade.self, "grade", t),
                    selected: HazardGrade.general.rawValue, required: true, idPrefix: p),
            FormField("note", label: t("inspection.fix_note"), idPrefix: p),
        ]
        var fixed = FormField("fixedOnSite", label: t("inspection.fixed_on_site"), kind: .checkbox, value: "1", idPrefix: p)
        fixed.hint = t("inspection.fixed_hint")
        let photos = FormField.photos(label: t("inspection.fix_photos"), hint: t("inspection.fix_photos_hint"), documents: false, idPrefix: p)
        return HazardForm(action: SiteURL.inspectionItemHazard(.id(inspectionId), .id(item.id)).path, fields: fields + [fixed, photos])
    }
}
