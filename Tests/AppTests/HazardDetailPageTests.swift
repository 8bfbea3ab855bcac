@testable import App
import Foundation
import SafeGridDomain
import SafeGridRendering
import Testing

/// The hazard page from its data alone: `HazardDetailPage.init` arranges what `load` read,
/// without a database or a request, so the heading, the action forms offered, the timeline
/// and what a refused action shows are tested here directly (the HTTP tests cover the reads).
@Suite("Hazard detail page model, built without a database")
struct HazardDetailPageTests {
    let today = CivilDate(iso: "2026-12-03")!
    let officer = Actor(userId: 5, role: .officer, scopePaths: ["/1/2/"])

    func page(_ data: HazardDetailData, actor: Actor? = nil, failure: HazardDetailPage.Failure? = nil,
              locale: AppLocale = .en) -> HazardDetailPage {
        HazardDetailPage(PageContext(title: data.row.hazard.number, locale: locale, path: "/hazards/\(data.row.hazard.id)"), data,
                         actor: actor ?? officer, failure: failure, today: today, calendar: WorkCalendar())
    }

    func data(_ hazard: HazardRow, events: [HazardEventListItem] = [], attachments: [AttachmentLinkRow] = []) -> HazardDetailData {
        HazardDetailData(row: HazardDetailRow(hazard: hazard, gridName: "马固村", townshipName: "峡窝镇", placeName: "马固村五金店",
                                              placeAddress: "马固村 3 组", discovererName: "李网格"),
                         attachments: attachments, events: events)
    }

    func event(_ id: Int, _ action: HazardAction, from: HazardState?, to: HazardState, photos: [Int] = []) -> HazardEventListItem {
        var row = HazardEventRow()
        row.id = id
        row.hazardId = 7
        row.action = action
        row.actorId = 3
        row.actorRole = .gridWorker
        row.occurredAt = Date.t0
        row.fromState = from
        row.toState = to
        row.attachmentIds = "[" + photos.map(String.init).joined(separator: ",") + "]"
        return HazardEventListItem(event: row, actorName: "李网格")
    }

    @Test("the heading, facts, timeline and photos come from the rows; one form per action the rules allow")
    func arranged() {
        let hazard = HazardRow.mock(id: 7, state: .rectifying, deadline: "2026-11-30")
        let photo = AttachmentLinkRow(id: 41, content_type: "image/jpeg", original_name: "门.jpg", thumbnail: true, taken_at: nil, taken_latitude: nil, taken_longitude: nil)
        let view = page(data(hazard, events: [event(1, .register, from: nil, to: .registered, photos: [41]),
                                              event(2, .assign, from: .registered, to: .rectifying)],
                             attachments: [photo]))

        #expect(view.status == .ok && view.alert == nil)
        #expect(view.hazard.number == hazard.number && view.hazard.stateLabel == "Rectifying")
        // Tue 1, Wed 2 and Thu 3 December are working days after Monday 30 November.
        #expect(view.hazard.overdue == "3 working days overdue")
        let grid = view.facts.first { $0.href == "/hazards?gridId=6" }
        #expect(grid?.value == "峡窝镇 · 马固村", "the grid fact names the township and the grid and links the ledger filtered to it")
        #expect(view.actions.map(\.action) == Permissions.allowedActions(officer, hazard.facts).map(\.rawValue))
        #expect(!view.actions.isEmpty && view.actions.allSatisfy { !$0.open && $0.errors.isEmpty })
        #expect(view.timeline.count == 2 && view.timeline[0].photos.count == 1 && view.timeline[1].photos.isEmpty,
                "an event shows the photos it names, no others")
        #expect(view.timeline[1].change == "Registered → Rectifying" && view.timeline[0].change == nil)
        #expect(view.photos.count == 1)
        let html = view.document()
        #expect(html.contains(hazard.number) && html.contains("峡窝镇 · 马固村"))
    }

    @Test("a closed hazard offers the forms the rules allow there, never the loop's own actions, and is not overdue")
    func closedHazard() {
        let view = page(data(HazardRow.mock(id: 7, state: .closed)))
        #expect(view.actions.map(\.action) == Permissions.allowedActions(officer, HazardRow.mock(state: .closed).facts).map(\.rawValue))
        #expect(!view.actions.contains { ["assign", "submit", "approve", "reject"].contains($0.action) })
        #expect(view.hazard.overdue == nil)
    }

    @Test("a refused action reopens its form with the field error and answers 400")
    func refusedAction() throws {
        let hazard = HazardRow.mock(id: 7, state: .registered)
        let assign = try #require(Permissions.allowedActions(officer, hazard.facts).first { $0 == .assign })
        var input = ActionFormInput()
        input.action = assign.rawValue
        input.version = "\(hazard.version)"
        let failure = HazardDetailPage.Failure(input: input, error: .invalid(field: "deadline", "error.field.required"), kept: [])
        let view = page(data(hazard), failure: failure, locale: .zhHans)

        #expect(view.status == .badRequest && view.alert != nil)
        let form = try #require(view.actions.first { $0.action == assign.rawValue })
        #expect(form.open, "the refused form is the open one")
        #expect(form.fields.first { $0.name == "deadline" }?.error != nil, "the error sits at the deadline field")
        #expect(view.actions.filter(\.open).count == 1)
    }

    @Test("a form sent for an older version says the hazard moved on and answers 409")
    func staleForm() {
        let hazard = HazardRow.mock(id: 7, state: .rectifying)
        var input = ActionFormInput()
        input.action = HazardAction.submit.rawValue
        input.version = "\(hazard.version + 3)"
        let failure = HazardDetailPage.Failure(input: input, error: .forbidden, kept: [])
        let view = page(data(hazard), failure: failure)
        #expect(view.status == .conflict)
        #expect(view.alert?.contains("Rectifying") == true, "the alert names the state the hazard is in now")
    }
}
