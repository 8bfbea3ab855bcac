@testable import App
import Fluent
import Foundation
import SafeGridDomain
import SQLKit
import Testing
import VaporTesting

/// Registrations committed in groups (`RegistrationQueue`) must be the same rows, numbers,
/// events and tallies that one transaction per registration gives.
@Suite("Group commit of registrations")
struct GroupCommitTests {
    func draft(_ title: String, _ f: Fixture, attachments: [Int] = []) throws -> HazardDraft {
        try HazardDraft(HazardCreateRequest(title: title, description: "\(title)：现场描述", category: "fire", grade: "general",
                                            source: "grid", placeId: f.place.id, attachmentIds: attachments))
    }

    struct Tally: Decodable, Equatable { let grid_id: Int; let state: String; let on_time: Int; let n: Int }

    func tallies(_ app: Application) async throws -> [Tally] {
        try await (app.db as! any SQLDatabase).raw("SELECT grid_id, state, on_time, n FROM hazard_tallies WHERE n <> 0 ORDER BY grid_id, state, on_time")
            .all(decoding: Tally.self)
    }

    @Test("forty registrations at once: consecutive numbers, one event each on the right hazard, exact tallies")
    func manyAtOnce() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let worker = try await HazardSteps.current(app, f, "worker")
            let service = HazardService(app: app)
            let drafts = try (1...40).map { try draft("隐患\($0)", f) }
            let made = try await withThrowingTaskGroup(of: (String, Int, String).self) { group in
                for d in drafts {
                    group.addTask {
                        let h = try await service.register(d, by: worker)
                        return (h.title, h.id, h.number)
                    }
                }
                return try await group.reduce(into: [(String, Int, String)]()) { $0.append($1) }
            }
            #expect(Set(made.map(\.2)) == Set((1...40).map { CaseNumber.hazard(townshipCode: "410106100", year: 2026, sequence: $0) }))
            for (title, id, number) in made {
                let stored = try #require(try await HazardStore.find(id, on: app.db))
                #expect(stored.title == title && stored.number == number && stored.state == .registered && stored.version == 1)
                #expect(stored.createdAt != nil && stored.updatedAt != nil)
                let events = try await HazardStore.events(of: id, on: app.db)
                #expect(events.count == 1 && events.first?.action == .register && events.first?.note == "\(title)：现场描述",
                        "\(title): \(events.map(\.action))")
            }
            let kept = try await tallies(app)
            try await HazardTallies.rebuild(on: app.db)
            #expect(kept == (try await tallies(app)), "running tallies equal a recount")
            #expect(kept.contains(Tally(grid_id: f.villageA.id ?? 0, state: "registered", on_time: -1, n: 40)))
        }
    }

    @Test("a group where one member fails: the others commit, only it gets the error, and numbers stay gap-free")
    func oneFails() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let worker = try await HazardSteps.current(app, f, "worker")
            let ghost = CurrentUser(id: 999_999, username: "ghost", displayName: "不存在", role: .gridWorker,
                                    actor: worker.actor, gridIds: worker.gridIds)
            let now = app.clock.now()
            let location = try await HazardLocation.resolve(try draft("第一", f), user: worker, on: app.db)
            let group = try [
                Registration(try draft("第一", f), by: worker, at: location, now: now),
                Registration(try draft("不存在的人登记", f), by: ghost, at: location, now: now),
                Registration(try draft("第三", f), by: worker, at: location, now: now),
            ]
            let results = await RegistrationQueue.commit(group, on: app.db, gate: app.writeGate, sqlite: app.isSQLite)
            #expect(results.count == 3)
            guard results.count == 3 else { return }
            let first = try results[0].get(), third = try results[2].get()
            #expect((try? results[1].get()) == nil, "the registration by an unknown user fails")
            #expect(first.number == CaseNumber.hazard(townshipCode: "410106100", year: 2026, sequence: 1))
            #expect(third.number == CaseNumber.hazard(townshipCode: "410106100", year: 2026, sequence: 2))
            #expect(try await HazardStore.count(where: "1 = 1", on: app.db) == 2)
            #expect(try await HazardEventRow.count(where: "1 = 1", on: app.db) == 2)
            #expect(try await tallies(app) == [Tally(grid_id: f.villageA.id ?? 0, state: "registered", on_time: -1, n: 2)])
        }
    }

    @Test("a registration with evidence (one transaction) and one without (grouped) store the same columns")
    func samePathsSameRows() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let worker = try await HazardSteps.current(app, f, "worker")
            let service = HazardService(app: app)
            let photo = try await AttachmentStore(app: app).save(bytes: Bytes.png, filename: "a.png", kind: .before, by: worker.id, on: app.db).requireID()
            let alone = try await service.register(try draft("同一隐患", f, attachments: [photo]), by: worker)
            let grouped = try await service.register(try draft("同一隐患", f), by: worker)
            func row(_ id: Int) async throws -> [String: String] {
                let row = try #require(try await (app.db as! any SQLDatabase).raw("SELECT * FROM hazards WHERE id = \(bind: id)").first())
                var values: [String: String] = [:]
                for column in row.allColumns where !["id", "number"].contains(column) {
                    values[column] = try row.decodeNil(column: column) ? "NULL" : "\(try row.decode(column: column, as: SQLValueText.self))"
                }
                return values
            }
            #expect(try await row(alone.id) == (try await row(grouped.id)))
            let events = try await HazardEventRow.rows(where: "1 = 1", on: app.db)
            #expect(events.count == 2 && events.allSatisfy { $0.action == .register && $0.note == "同一隐患：现场描述" })
            #expect(events.first?.attachmentIds == "[\(photo)]" && events.last?.attachmentIds == "[]")
        }
    }
}

/// Any column read back as text for comparing rows: numbers, text and times alike.
private struct SQLValueText: Decodable, CustomStringConvertible {
    let description: String
    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let v = try? c.decode(Int.self) { description = "\(v)" }
        else if let v = try? c.decode(Double.self) { description = "\(v)" }
        else if let v = try? c.decode(String.self) { description = v }
        else if let v = try? c.decode(Date.self) { description = "\(v.timeIntervalSince1970)" }
        else { description = "?" }
    }
}
