@testable import App
import Foundation
import SafeGridDomain
import Testing
import Vapor
import VaporTesting

/// An inspection started by mistake or twice is cancelled with a reason, kept in the record
/// and counted nowhere; starting again on the web continues the open one (issue 14).
@Suite("Cancelling and continuing inspections")
struct InspectionCancelTests {
    struct Cancel: Encodable, Sendable { var reason: String? }

    @Test("the rule: inspectors, an admin or the township office cancel an open inspection; no one a closed one")
    func rule() {
        let open = InspectionFacts(gridPath: "/1/2/6/", placeId: 7, inspectorIds: [11], finished: false)
        #expect(InspectionRules.mayCancel(Actor(userId: 11, role: .gridWorker, scopePaths: ["/1/2/6/"]), open))
        #expect(InspectionRules.mayCancel(Actor(userId: 1, role: .admin), open))
        #expect(InspectionRules.mayCancel(Actor(userId: 5, role: .officer, scopePaths: ["/1/2/"]), open))
        #expect(!InspectionRules.mayCancel(Actor(userId: 12, role: .gridWorker, scopePaths: ["/1/2/6/"]), open),
                "another worker of the grid is not one of its inspectors")
        #expect(!InspectionRules.mayCancel(Actor(userId: 6, role: .officer, scopePaths: ["/1/3/"]), open))
        var finished = open
        finished.finished = true
        var cancelled = open
        cancelled.cancelled = true
        for closed in [finished, cancelled] {
            #expect(!InspectionRules.mayCancel(Actor(userId: 1, role: .admin), closed))
            #expect(!InspectionRules.mayRecord(Actor(userId: 11, role: .gridWorker, scopePaths: ["/1/2/6/"]), closed))
        }
        var errors = FieldErrors()
        InspectionRules.validateCancelReason("  ", errors: &errors)
        InspectionRules.validateCancelReason(String(repeating: "因", count: 501), errors: &errors)
        InspectionRules.validateCancelReason("重复开始", errors: &errors)
        #expect(errors.items.map(\.key) == ["error.field.required", "error.field.too_long"])
    }

    @Test("cancelled over the API: reason required, the record kept, no longer open, counted as no visit, closed to answers")
    func overAPI() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let inspection = try await InspectionSteps.start(app, f, place: f.place.id!)
            let path = "/api/v1/inspections/\(inspection.id)"

            let noReason = try await api(app, .POST, path + "/cancel", as: f.tokens["worker"], json: Cancel(reason: " "))
            #expect(noReason.status == .badRequest)
            #expect(try apiError(noReason).fields?.map(\.field) == ["reason"])
            let stranger = try await api(app, .POST, path + "/cancel", as: f.tokens["worker2"], json: Cancel(reason: "重复开始"))
            #expect(stranger.status == .forbidden, "another worker of the village sees it but did not take part")

            let cancelled = try await api(app, .POST, path + "/cancel", as: f.tokens["worker"], json: Cancel(reason: "重复开始"))
            #expect(cancelled.status == .ok, "\(cancelled.body.string)")
            let dto = try decode(InspectionDTO.self, cancelled)
            #expect(dto.cancelled && dto.cancelReason == "重复开始" && dto.cancelledAt == Date.t0 && !dto.finished)
            #expect(dto.items?.count == inspection.items?.count, "the record keeps its checklist")

            let again = try await api(app, .POST, path + "/cancel", as: f.tokens["worker"], json: Cancel(reason: "再取消"))
            #expect(again.status == .conflict)
            #expect(try apiError(again).code == "inspection.cancelled")
            let item = try #require(inspection.items?.first)
            let answer = try await api(app, .PUT, path + "/items/\(item.id)", as: f.tokens["worker"],
                                           json: InspectionSteps.Result(itemId: item.id, result: "pass"))
            #expect(answer.status == .conflict)

            let open = try decode(ListResponse<InspectionDTO>.self, try await api(app, .GET, "/api/v1/inspections?finished=false", as: f.tokens["worker"]))
            #expect(open.total == 0, "a cancelled inspection is not under way")
            let listed = try decode(ListResponse<InspectionDTO>.self, try await api(app, .GET, "/api/v1/inspections?cancelled=true", as: f.tokens["officer"]))
            #expect(listed.items.map(\.id) == [inspection.id], "and stays in the record")
            #expect(try await InspectionQuery.open(of: f.users["worker"]!.id!, on: app.db).isEmpty)
        }
    }

    @Test("over the API: a second start at the place continues the open inspection (200), a past visit with its own time is new (201)")
    func apiContinues() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let placeId = f.place.id!
            let first = try await apiJSON(app, .POST, "/api/v1/inspections", as: f.tokens["worker"], #"{"placeId":\#(placeId)}"#)
            #expect(first.status == .created)
            let firstId = try decode(InspectionDTO.self, first).id
            let again = try await apiJSON(app, .POST, "/api/v1/inspections", as: f.tokens["worker"], #"{"placeId":\#(placeId)}"#)
            #expect(again.status == .ok)
            #expect(try decode(InspectionDTO.self, again).id == firstId)
            #expect(again.headers.first(name: .location) == "/api/v1/inspections/\(firstId)")
            let past = ISO8601DateFormatter().string(from: Date.t0.addingTimeInterval(-86_400))
            let backfill = try await apiJSON(app, .POST, "/api/v1/inspections", as: f.tokens["worker"],
                                             #"{"placeId":\#(placeId),"startedAt":"\#(past)"}"#)
            #expect(backfill.status == .created)
            #expect(try decode(InspectionDTO.self, backfill).id != firstId)
            // Someone else's start at the same place is their own visit.
            let colleague = try await apiJSON(app, .POST, "/api/v1/inspections", as: f.tokens["worker2"], #"{"placeId":\#(placeId)}"#)
            #expect(colleague.status == .created)
        }
    }

    @Test("on the web: a second start continues the open inspection, my tasks offers it, and it is cancelled over a real socket")
    func web() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            try await withLiveServer(app) { port in
                let worker = try await WebSession.login(app, "worker", port: port)
                let first = try await worker.post("/inspections/new", [("placeId", "\(f.place.id!)"), ("kind", "grid")])
                let second = try await worker.post("/inspections/new", [("placeId", "\(f.place.id!)"), ("kind", "grid")])
                #expect(first.status == .seeOther && second.status == .seeOther)
                let location = try #require(first.headers.first(name: .location))
                #expect(second.headers.first(name: .location) == location, "the second start continues the first")
                #expect(try await InspectionRecord.query(on: app.db).count() == 1)

                let tasks = try await worker.get("/my-tasks").body.string
                #expect(tasks.contains("继续检查") && tasks.contains("href=\"\(location)\""))

                let page = try await worker.get(location).body.string
                #expect(page.contains("action=\"\(location)/cancel\"") && page.contains("data-confirm"))
                let refused = try await worker.post(location + "/cancel", [("reason", "")])
                #expect(refused.status == .badRequest)
                #expect(refused.body.string.contains("cancel-reason") && refused.body.string.contains("field-error"))

                let done = try await worker.post(location + "/cancel", [("reason", "场所停业，无法检查")])
                #expect(done.status == .seeOther && done.headers.first(name: .location) == location)
                let shown = try await worker.get(location).body.string
                #expect(shown.contains("已取消") && shown.contains("场所停业，无法检查"))
                #expect(!shown.contains("action=\"\(location)/cancel\""), "nothing left to cancel")
                #expect(!(try await worker.get("/my-tasks").body.string.contains("href=\"\(location)\"")))
                let third = try await worker.post("/inspections/new", [("placeId", "\(f.place.id!)"), ("kind", "grid")])
                #expect(third.headers.first(name: .location) != location, "after the cancel a start is a new inspection")
            }
        }
    }
}
