@testable import App
import Fluent
import Foundation
import SafeGridDomain
import Testing
import VaporTesting

/// The closed loop over HTTP, with four different people at each step.
@Suite("Hazard loop over the API")
struct HazardLoopTests {
    struct NewHazard: Encodable, Sendable {
        var title = "配电箱私拉乱接电线"
        var description = "仓库东侧配电箱有临时接线"
        var category = "electrical"
        var grade = "general"
        var source = "grid"
        var placeId: Int?
        var gridId: Int?
    }

    struct Action: Encodable, Sendable {
        var action: String
        var version: Int
        var note: String?
        var deadline: String?
        var responsibleName: String?
        var responsiblePhone: String?
        var requirement: String?
        var attachmentIds: [Int]?
    }

    func photo(_ app: Application, _ token: String) async throws -> Int {
        let response = try await upload(app, "/api/v1/attachments", as: token, bytes: Bytes.png)
        #expect(response.status == .created, "upload failed: \(response.body.string)")
        return try decode(AttachmentAPIController.AttachmentDTO.self, response).id
    }

    @Test("register → assign → submit → reject → submit → approve with four users")
    func fullLoop() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            // Grid worker records it.
            var response = try await api(app, .POST, "/api/v1/hazards", as: f.tokens["worker"], json: NewHazard(placeId: f.place.id))
            #expect(response.status == .created, "\(response.body.string)")
            var hazard = try decode(HazardDTO.self, response)
            let id = hazard.id
            #expect(hazard.number == "YH-410106100-2026-000001")
            #expect(hazard.state == .registered)
            #expect(hazard.gridId == f.villageA.id, "grid is taken from the place")
            // Raw JSON on purpose: decoding cannot tell a null member from a missing one.
            #expect(try object(response)["deadline"] is NSNull, "deadline is present and null before assignment")

            // Officer assigns it with a notice.
            response = try await api(app, .POST, "/api/v1/hazards/\(id)/actions", as: f.tokens["officer"], json: Action(
                action: "assign", version: 1, deadline: "2026-12-10", responsibleName: "张三", responsiblePhone: "13800000001",
                requirement: "拆除临时接线，规范敷设"))
            #expect(response.status == .ok, "\(response.body.string)")
            hazard = try decode(HazardDTO.self, response)
            #expect(hazard.state == .rectifying)
            #expect(hazard.noticeNumber == "TS-410106100-2026-00001")
            #expect(hazard.deadline == "2026-12-10")

            // The owner submits the rectification with a photo.
            let first = try await photo(app, f.tokens["owner"]!)
            response = try await api(app, .POST, "/api/v1/hazards/\(id)/actions", as: f.tokens["owner"], json: Action(
                action: "submit", version: 2, note: "已拆除", attachmentIds: [first]))
            #expect(response.status == .ok, "\(response.body.string)")
            #expect(try decode(HazardDTO.self, response).state == .reviewing)

            // A second grid worker re-inspects and rejects: one rework, new deadline.
            response = try await api(app, .POST, "/api/v1/hazards/\(id)/actions", as: f.tokens["worker2"], json: Action(
                action: "reject", version: 3, note: "仍有一处裸露", deadline: "2026-12-05"))
            #expect(response.status == .ok, "\(response.body.string)")
            hazard = try decode(HazardDTO.self, response)
            #expect(hazard.state == .rectifying)
            #expect(hazard.reworkCount == 1)
            #expect(hazard.deadline == "2026-12-05")

            let second = try await photo(app, f.tokens["owner"]!)
            response = try await api(app, .POST, "/api/v1/hazards/\(id)/actions", as: f.tokens["owner"], json: Action(
                action: "submit", version: 4, note: "全部整改", attachmentIds: [second]))
            #expect(response.status == .ok, "\(response.body.string)")

            response = try await api(app, .POST, "/api/v1/hazards/\(id)/actions", as: f.tokens["worker2"], json: Action(
                action: "approve", version: 5, note: "复查合格"))
            #expect(response.status == .ok, "\(response.body.string)")
            hazard = try decode(HazardDTO.self, response)
            #expect(hazard.state == .closed)
            #expect(hazard.version == 6)
            #expect(hazard.closedAt != nil)

            // The timeline holds every step, by whom, with the states it moved between.
            response = try await api(app, .GET, "/api/v1/hazards/\(id)/events", as: f.tokens["officer"])
            let events = try decode(ListResponse<HazardEventDTO>.self, response).items
            #expect(events.map(\.action) == [.register, .assign, .submit, .reject, .submit, .approve])
            let actors: [Int?] = ["worker", "officer", "owner", "worker2", "owner", "worker2"].map { f.users[$0]?.id }
            #expect(events.map { Optional($0.actorId) } == actors)
            #expect(events.map(\.toState) == [.registered, .rectifying, .reviewing, .rectifying, .reviewing, .closed])
            #expect(events[1].details.noticeNumber == "TS-410106100-2026-00001")
            #expect(events[2].attachmentIds == [first])
            #expect(events[3].note == "仍有一处裸露")

            // The evidence belongs to the hazard now and is served to those who may see it.
            let photoResponse = try await api(app, .GET, "/api/v1/attachments/\(first)", as: f.tokens["leader"])
            #expect(photoResponse.status == .ok)
            #expect(photoResponse.headers.contentType?.description.hasPrefix("image/png") == true)
            #expect(Array(photoResponse.body.readableBytesView) == Bytes.png)
        }
    }

    @Test("a general hazard fixed on site closes at once with its evidence")
    func fixOnSite() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let id = try decode(HazardDTO.self, try await api(app, .POST, "/api/v1/hazards", as: f.tokens["worker"], json: NewHazard(placeId: f.place.id))).id
            let evidence = try await photo(app, f.tokens["worker"]!)
            let response = try await api(app, .POST, "/api/v1/hazards/\(id)/actions", as: f.tokens["worker"], json: Action(
                action: "fix_on_site", version: 1, note: "现场更换", attachmentIds: [evidence]))
            #expect(response.status == .ok, "\(response.body.string)")
            #expect(try decode(HazardDTO.self, response).state == .closed)
        }
    }

    @Test("numbers count per township and year and are never reused")
    func numbering() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            var numbers: [String] = []
            for (token, place) in [("worker", f.place.id), ("officer2", f.otherPlace.id), ("worker", f.place.id)] {
                let hazard = try decode(HazardDTO.self, try await api(app, .POST, "/api/v1/hazards", as: f.tokens[token], json: NewHazard(placeId: place)))
                numbers.append(hazard.number)
            }
            #expect(numbers == ["YH-410106100-2026-000001", "YH-410106003-2026-000001", "YH-410106100-2026-000002"])
            // Voiding keeps the number taken.
            let voided = try decode(ListResponse<HazardDTO>.self, try await api(app, .GET, "/api/v1/hazards?q=000002", as: f.tokens["officer"]))
            let id = try #require(voided.items.first).id
            _ = try await api(app, .POST, "/api/v1/hazards/\(id)/actions", as: f.tokens["officer"], json: Action(action: "void", version: 1, note: "重复"))
            let next = try decode(HazardDTO.self, try await api(app, .POST, "/api/v1/hazards", as: f.tokens["worker"], json: NewHazard(placeId: f.place.id)))
            #expect(next.number == "YH-410106100-2026-000003")
        }
    }

    @Test("concurrent registrations get distinct consecutive numbers")
    func concurrentNumbers() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let numbers = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        let r = try await api(app, .POST, "/api/v1/hazards", as: f.tokens["worker"], json: NewHazard(placeId: f.place.id))
                        return try decode(HazardDTO.self, r).number
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(Set(numbers) == Set((1...20).map { CaseNumber.hazard(townshipCode: "410106100", year: 2026, sequence: $0) }))
        }
    }

    @Test("two people acting on the same version: exactly one wins, the other gets 409 and no event is lost")
    func concurrentActions() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let id = try decode(HazardDTO.self, try await api(app, .POST, "/api/v1/hazards", as: f.tokens["worker"], json: NewHazard(placeId: f.place.id))).id
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for (i, token) in ["officer", "worker", "officer", "worker2", "admin", "officer"].enumerated() {
                    group.addTask {
                        let r = try await api(app, .POST, "/api/v1/hazards/\(id)/actions", as: f.tokens[token], json: Action(
                            action: "assign", version: 1, deadline: "2026-12-0\(i + 2)", responsibleName: "张三", requirement: "整改"))
                        return r.status.code
                    }
                }
                return try await group.reduce(into: [UInt]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 200 }.count == 1, "statuses: \(statuses)")
            #expect(statuses.filter { $0 == 409 }.count == 5, "statuses: \(statuses)")
            let events = try decode(ListResponse<HazardEventDTO>.self, try await api(app, .GET, "/api/v1/hazards/\(id)/events", as: f.tokens["officer"]))
            #expect(events.items.map(\.action) == [.register, .assign])
            let notices = try await NoticeRow.count(where: "1 = 1", on: app.db)
            #expect(notices == 1)
        }
    }

    @Test("overdue: a rectifying hazard past its deadline shows days overdue and filters as overdue")
    func overdue() async throws {
        try await withTestApp(clock: .t0) { app in
            let f = try await Fixture.make(app)
            let id = try decode(HazardDTO.self, try await api(app, .POST, "/api/v1/hazards", as: f.tokens["worker"], json: NewHazard(placeId: f.place.id))).id
            _ = try await api(app, .POST, "/api/v1/hazards/\(id)/actions", as: f.tokens["officer"], json: Action(
                action: "assign", version: 1, deadline: "2026-11-28", responsibleName: "张三", requirement: "整改"))
            // Four days later.
            app.clock = AppClock { Date.t0.addingTimeInterval(4 * 86_400) }
            let hazard = try decode(HazardDTO.self, try await api(app, .GET, "/api/v1/hazards/\(id)", as: f.tokens["officer"]))
            #expect(hazard.overdue == true)
            #expect(hazard.daysOverdue == 2)
            let overdue = try decode(ListResponse<HazardDTO>.self, try await api(app, .GET, "/api/v1/hazards?overdue=true", as: f.tokens["officer"]))
            #expect(overdue.total == 1)
            let notOverdue = try decode(ListResponse<HazardDTO>.self, try await api(app, .GET, "/api/v1/hazards?overdue=false", as: f.tokens["officer"]))
            #expect(notOverdue.total == 0)
        }
    }
}

@Suite("Photos added to a hazard")
struct HazardPhotoTests {
    @Test("a photo uploaded onto a hazard appears in its timeline as a comment with the attachment")
    func uploadIsAnEvent() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let id = try decode(HazardDTO.self, try await api(app, .POST, "/api/v1/hazards", as: f.tokens["worker"], json: HazardLoopTests.NewHazard(placeId: f.place.id))).id
            let uploaded = try await upload(app, "/api/v1/hazards/\(id)/attachments", as: f.tokens["leader"]!, bytes: Bytes.png)
            #expect(uploaded.status == .created, "\(uploaded.body.string)")
            let attachment = try decode(AttachmentAPIController.AttachmentDTO.self, uploaded).id
            let events = try decode(ListResponse<HazardEventDTO>.self, try await api(app, .GET, "/api/v1/hazards/\(id)/events", as: f.tokens["officer"])).items
            #expect(events.last?.action == .comment)
            #expect(events.last?.attachmentIds == [attachment])
            #expect(events.last?.actorId == f.users["leader"]?.id)
            let hazard = try decode(HazardDTO.self, try await api(app, .GET, "/api/v1/hazards/\(id)", as: f.tokens["officer"]))
            #expect(hazard.version == 2)
            let outsider = try await upload(app, "/api/v1/hazards/\(id)/attachments", as: f.tokens["officer2"]!, bytes: Bytes.png)
            #expect(outsider.status == .notFound)
        }
    }
}
