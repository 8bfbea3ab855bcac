@testable import App
import Fluent
import Foundation
import SafeGridDomain
import Testing
import Vapor
import VaporTesting

@Suite("Inspections over HTTP: checklist, hazard, closed loop, visits and coverage")
struct InspectionLoopTests {
    typealias S = InspectionSteps
    typealias Attachment = AttachmentAPIController.AttachmentDTO

    @Test("a failed item becomes a hazard, the hazard closes through the loop, and the visit and coverage are counted")
    func inspectionToClosedHazard() async throws {
        try await withTestApp { app in
            // setup: a red place last visited Thursday 19 November is due today (Thursday 26 November).
            let f = try await Fixture.make(app)
            let placeId = f.place.id!
            let worker = f.tokens["worker"]!, officer = f.tokens["officer"]!
            try await S.setPlace(app, placeId, risk: .red, registered: "2026-09-01")
            try await S.passAll(app, f, place: placeId, startedAt: S.at("2026-11-19"))
            func coverage() async throws -> CoverageDTO {
                try decode(CoverageDTO.self, try await api(app, .GET, "/api/v1/coverage?from=2026-11-20", as: officer))
            }
            func myTasks() async throws -> [PatrolTaskDTO] {
                try decode(MyTasksDTO.self, try await api(app, .GET, "/api/v1/my-tasks", as: worker)).items
            }
            let before = try await coverage().total
            #expect(before.due == 1 && before.onTime == 0 && before.pending == 1,
                    "before the visit the place is due and pending: \(before)")
            let taskBefore = try await myTasks().first { $0.placeId == placeId }
            #expect(taskBefore?.dueOn == S.day("2026-11-26") && taskBefore?.overdue == false)

            // MUT: start an inspection; the industrial checklist is copied in.
            let inspection = try await S.start(app, f, place: placeId)
            let id = inspection.id
            let items = S.items(inspection)
            #expect(inspection.kind == .grid && inspection.templateVersion == 1)
            #expect(items.count == DefaultChecklists.all.first { $0.category == .industrialEnterprise }!.items.count)
            let photoItem = items.first { $0.requiresPhoto }!
            let itemId = photoItem.id

            // A failure that needs a photo is refused without one.
            var response = try await apiJSON(app, .PUT, "/api/v1/inspections/\(id)/items/\(itemId)", as: worker,
                                             #"{"result":"fail","note":"防护罩缺失"}"#)
            #expect(response.status == .badRequest)
            #expect(fieldErrors(response) == ["items.0.photos=error.inspection.photo_required"])
            let photo = try decode(Attachment.self, try await upload(app, "/api/v1/attachments", as: worker, bytes: Bytes.png, kind: "before")).id
            response = try await apiJSON(app, .PUT, "/api/v1/inspections/\(id)/items/\(itemId)", as: worker,
                                         #"{"result":"fail","note":"砂轮机防护罩缺失","attachmentIds":[\#(photo)]}"#)
            #expect(response.status == .ok, "\(response.body.string)")

            // Finishing needs every item answered.
            response = try await apiJSON(app, .POST, "/api/v1/inspections/\(id)/finish", as: worker, "{}")
            #expect(response.status == .badRequest)
            #expect(fieldErrors(response) == ["items=error.inspection.unanswered"])
            let rest = items.filter { $0.id != itemId }.map { #"{"itemId":\#($0.id),"result":"pass"}"# }
            response = try await apiJSON(app, .POST, "/api/v1/inspections/\(id)/finish", as: worker,
                                         #"{"note":"已向负责人反馈","items":[\#(rest.joined(separator: ","))]}"#)
            #expect(response.status == .ok, "\(response.body.string)")
            let finished = try decode(InspectionDTO.self, response)
            #expect(finished.finished == true && finished.failedCount == 1)
            response = try await apiJSON(app, .PUT, "/api/v1/inspections/\(id)/items/\(itemId)", as: worker, #"{"result":"pass"}"#)
            #expect(response.status == .conflict && errorCode(response) == "inspection.finished")

            // The failed item becomes a hazard in one step, pre-filled and linked back; a photo
            // sent with it (not fixed on site) goes with the item's own.
            let extra = try decode(Attachment.self, try await upload(app, "/api/v1/attachments", as: worker, bytes: Bytes.jpeg, kind: "before")).id
            response = try await apiJSON(app, .POST, "/api/v1/inspections/\(id)/items/\(itemId)/hazard", as: worker,
                                         #"{"attachmentIds":[\#(extra)]}"#)
            #expect(response.status == .created, "\(response.body.string)")
            let hazard = try decode(HazardDTO.self, response)
            let hazardId = hazard.id
            let registered = try decode(ListResponse<HazardEventDTO>.self, try await api(app, .GET, "/api/v1/hazards/\(hazardId)/events", as: officer))
            #expect(registered.items.first?.attachmentIds == [photo, extra], "the item's photo and the one sent with it")
            #expect(hazard.title == "砂轮机防护罩缺失")
            #expect(hazard.source == .grid && hazard.placeId == placeId)
            #expect(hazard.category == photoItem.hazardCategory)
            #expect(hazard.state == .registered)
            response = try await apiJSON(app, .POST, "/api/v1/inspections/\(id)/items/\(itemId)/hazard", as: worker, "{}")
            #expect(response.status == .conflict && errorCode(response) == "inspection.hazard_exists")
            let passed = rest.isEmpty ? itemId : items.first { $0.id != itemId }!.id
            response = try await apiJSON(app, .POST, "/api/v1/inspections/\(id)/items/\(passed)/hazard", as: worker, "{}")
            #expect(response.status == .conflict && errorCode(response) == "inspection.item_not_failed")
            let reread = try decode(InspectionDTO.self, try await api(app, .GET, "/api/v1/inspections/\(id)", as: officer))
            let linked = S.items(reread).first { $0.id == itemId }
            #expect(linked?.hazardId == hazardId && linked?.attachmentIds == [photo])
            #expect(try await api(app, .GET, "/api/v1/attachments/\(photo)", as: officer).status == .ok, "the photo is the hazard's evidence too")

            // The hazard goes round the loop: assign, submit with evidence, re-inspect by someone else.
            try await HazardSteps.assign(app, f, hazardId)
            let evidence = try decode(Attachment.self, try await upload(app, "/api/v1/attachments", as: worker, bytes: Bytes.jpeg, kind: "after")).id
            var version = try await HazardStore.find(hazardId, on: app.db)!.version
            response = try await apiJSON(app, .POST, "/api/v1/hazards/\(hazardId)/actions", as: worker,
                                         #"{"action":"submit","version":\#(version),"note":"已加装防护罩","attachmentIds":[\#(evidence)]}"#)
            #expect(response.status == .ok, "\(response.body.string)")
            version = try await HazardStore.find(hazardId, on: app.db)!.version
            response = try await apiJSON(app, .POST, "/api/v1/hazards/\(hazardId)/actions", as: officer,
                                         #"{"action":"approve","version":\#(version),"note":"复查合格"}"#)
            let closed = try decode(HazardDTO.self, response)
            #expect(response.status == .ok && closed.state == .closed, "\(response.body.string)")

            // validate: the visit is counted and coverage moved from pending to on time.
            typealias Visits = ListResponse<InspectionDTO>
            let visits = try decode(Visits.self, try await api(app, .GET, "/api/v1/inspections?placeId=\(placeId)&from=2026-11-20", as: officer))
            #expect(visits.total == 1)
            #expect(try decode(Visits.self, try await api(app, .GET, "/api/v1/inspections?placeId=\(placeId)", as: officer)).total == 2)
            let after = try await coverage()
            let total = after.total
            #expect(total.due == 1 && total.onTime == 1 && total.pending == 0)
            #expect(total.onTimePerMille == 1000)
            let village = after.grids.first { $0.gridId == f.villageA.id }
            #expect(village?.onTime == 1 && village?.due == 1)
            let workerRow = after.workers.first { $0.userId == f.users["worker"]!.id }
            #expect(workerRow?.onTime == 1, "the worker's row counts the place in their grid")
            let workerB = after.workers.first { $0.userId == f.users["workerB"]!.id }
            #expect(workerB?.due == 0)
            let taskAfter = try await myTasks().first { $0.placeId == placeId }
            #expect(taskAfter?.dueOn == S.day("2026-12-03"), "next due five working days on")
        }
    }

    @Test("two people turning the same failed item into a hazard at once make one hazard, and spend one number")
    func concurrentConversion() async throws {
        try await withTestApp { app in
            // setup: a failed item (one that needs no photo) on a grid worker's inspection.
            let f = try await Fixture.make(app)
            let inspection = try await S.start(app, f, place: f.place.id!)
            let id = inspection.id
            let item = S.items(inspection).first { !$0.requiresPhoto }!.id
            let failed = try await apiJSON(app, .PUT, "/api/v1/inspections/\(id)/items/\(item)", as: f.tokens["worker"],
                                           #"{"result":"fail","note":"疏散指示灯不亮"}"#)
            #expect(failed.status == .ok, "\(failed.body.string)")

            // MUT: the inspector and the township officer convert it at the same moment.
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for user in ["worker", "officer"] {
                    group.addTask {
                        try await apiJSON(app, .POST, "/api/v1/inspections/\(id)/items/\(item)/hazard", as: f.tokens[user], "{}").status.code
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }.sorted()
            }

            // validate
            #expect(statuses == [201, 409], "exactly one conversion wins: \(statuses)")
            let made = try await HazardStore.select(where: "place_id = \(bind: f.place.id!)", on: app.db)
            #expect(made.count == 1, "one hazard for the item, not \(made.count)")
            let linked = try await InspectionItemRecord.find(item, on: app.db)?.hazardId
            #expect(linked != nil && linked == made.first?.id)
            let next = try await HazardSteps.register(app, f, title: "配电箱未接地")
            let number = try #require(try await HazardStore.find(next, on: app.db)?.number)
            #expect(number.hasSuffix("-000002"), "the loser spent no number: \(number)")
        }
    }

    @Test("self-inspections feed the enterprise ledger and do not count as visits; experts fix on site into the expert ledger")
    func ledgersAndFixOnSite() async throws {
        try await withTestApp { app in
            // setup
            let f = try await Fixture.make(app)
            let placeId = f.place.id!
            try await S.setPlace(app, placeId, risk: .yellow, registered: "2026-09-01")

            // MUT: the owner self-inspects and fails an item that needs no photo.
            let own = try await S.start(app, f, as: "owner", place: placeId)
            #expect(own.kind == .enterprise)
            let plain = S.items(own).first { !$0.requiresPhoto }!.id
            var response = try await apiJSON(app, .PUT, "/api/v1/inspections/\(own.id)/items/\(plain)", as: f.tokens["owner"],
                                             #"{"result":"fail","note":"应急预案未演练"}"#)
            #expect(response.status == .ok, "\(response.body.string)")
            response = try await apiJSON(app, .POST, "/api/v1/inspections/\(own.id)/items/\(plain)/hazard", as: f.tokens["owner"], "{}")
            #expect(response.status == .created, "\(response.body.string)")
            #expect(try decode(HazardDTO.self, response).source == .enterprise)

            // The expert finds a problem and has it fixed on the spot.
            let expert = try await S.start(app, f, as: "expert", place: placeId)
            #expect(expert.kind == .expert)
            let expertId = expert.id
            let item = S.items(expert).first { !$0.requiresPhoto }!.id
            _ = try await apiJSON(app, .PUT, "/api/v1/inspections/\(expertId)/items/\(item)", as: f.tokens["expert"], #"{"result":"fail","note":"培训记录缺失"}"#)
            response = try await apiJSON(app, .POST, "/api/v1/inspections/\(expertId)/items/\(item)/hazard", as: f.tokens["expert"],
                                         #"{"fixedOnSite":true}"#)
            #expect(response.status == .badRequest && fieldErrors(response) == ["attachmentIds=error.evidence.required"])
            #expect(try await HazardStore.count(where: "source = 'expert'", on: app.db) == 0, "a refused fix leaves no hazard behind")
            // Evidence that fails inside the write (someone else's photo) leaves neither a hazard nor a claimed item:
            // registering, fixing and marking the item are one transaction.
            let notMine = try decode(Attachment.self, try await upload(app, "/api/v1/attachments", as: f.tokens["worker"]!, bytes: Bytes.png)).id
            response = try await apiJSON(app, .POST, "/api/v1/inspections/\(expertId)/items/\(item)/hazard", as: f.tokens["expert"],
                                         #"{"fixedOnSite":true,"note":"现场补齐","attachmentIds":[\#(notMine)]}"#)
            #expect(response.status == .badRequest && fieldErrors(response) == ["attachmentIds=error.field.unknown_attachment"], "\(response.body.string)")
            #expect(try await HazardStore.count(where: "source = 'expert'", on: app.db) == 0, "no hazard left registered but unfixed")
            #expect(try await InspectionItemRecord.find(item, on: app.db)?.hazardId == nil, "the item is free to convert again")
            let fixPhoto = try decode(Attachment.self, try await upload(app, "/api/v1/attachments", as: f.tokens["expert"]!, bytes: Bytes.png)).id
            response = try await apiJSON(app, .POST, "/api/v1/inspections/\(expertId)/items/\(item)/hazard", as: f.tokens["expert"],
                                         #"{"fixedOnSite":true,"note":"现场补齐培训记录","attachmentIds":[\#(fixPhoto)]}"#)
            #expect(response.status == .created, "\(response.body.string)")
            let fixed = try decode(HazardDTO.self, response)
            #expect(fixed.source == .expert && fixed.state == .closed)
            let events = try await HazardStore.events(of: fixed.id, on: app.db)
            #expect(events.map(\.action) == [.register, .fixOnSite], "fixed on site through the hazard loop's own action")
            let item2 = S.items(try decode(InspectionDTO.self, try await api(app, .GET, "/api/v1/inspections/\(expertId)", as: f.tokens["expert"])))
                .first { $0.id == item }
            #expect(item2?.fixedOnSite == true)

            // validate: the owner's self-inspection, once finished, is not a patrol visit.
            let ownId = own.id
            let rest = S.items(own).filter { $0.id != plain }.map { #"{"itemId":\#($0.id),"result":"pass"}"# }
            response = try await apiJSON(app, .POST, "/api/v1/inspections/\(ownId)/finish", as: f.tokens["owner"],
                                         #"{"items":[\#(rest.joined(separator: ","))]}"#)
            #expect(response.status == .ok, "\(response.body.string)")
            let tasks = try decode(MyTasksDTO.self, try await api(app, .GET, "/api/v1/my-tasks?days=60", as: f.tokens["worker"])).items
            let task = tasks.first { $0.placeId == placeId }
            #expect(task != nil && task?.lastInspectedOn == nil, "a self-inspection does not replace a visit")
        }
    }

    @Test("scope and roles: outside the grid 400/404, leaders may not inspect, co-inspectors may record")
    func permissions() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let placeId = f.place.id!
            var response = try await apiJSON(app, .POST, "/api/v1/inspections", as: f.tokens["workerB"], #"{"placeId":\#(placeId)}"#)
            #expect(response.status == .badRequest && fieldErrors(response) == ["placeId=error.field.unknown_place"])
            response = try await apiJSON(app, .POST, "/api/v1/inspections", as: f.tokens["leader"], #"{"placeId":\#(placeId)}"#)
            #expect(response.status == .forbidden)
            response = try await apiJSON(app, .POST, "/api/v1/inspections", as: f.tokens["worker"], #"{"placeId":\#(placeId),"kind":"expert"}"#)
            #expect(response.status == .badRequest && fieldErrors(response) == ["kind=error.inspection.kind_not_allowed"])

            // A joint inspection with the fire department at night, tagged with a campaign.
            let fire = f.users["fire"]!.id!
            let campaign = try await CampaignTests.campaign(app, f)
            response = try await apiJSON(app, .POST, "/api/v1/inspections", as: f.tokens["officer"],
                                         #"{"placeId":\#(placeId),"inspectorIds":[\#(fire)],"partners":"区市场监管局","night":true,"campaignId":\#(campaign)}"#)
            #expect(response.status == .created, "\(response.body.string)")
            let joint = try decode(InspectionDTO.self, response)
            let id = joint.id
            #expect(joint.kind == .territorial && joint.night == true && joint.campaignId == campaign)
            #expect(joint.inspectors.map(\.id).sorted() == [f.users["officer"]!.id!, fire].sorted())
            let item = S.items(joint)[0].id
            response = try await apiJSON(app, .PUT, "/api/v1/inspections/\(id)/items/\(item)", as: f.tokens["fire"], #"{"result":"not_applicable"}"#)
            #expect(response.status == .ok, "a co-inspector records results")
            response = try await apiJSON(app, .PUT, "/api/v1/inspections/\(id)/items/\(item)", as: f.tokens["worker"], #"{"result":"pass"}"#)
            #expect(response.status == .forbidden, "a colleague who sees it does not write it")
            #expect(try await api(app, .GET, "/api/v1/inspections/\(id)", as: f.tokens["officer2"]).status == .notFound)
            let nightOnly = try decode(ListResponse<InspectionDTO>.self,
                                       try await api(app, .GET, "/api/v1/inspections?night=true&campaignId=\(campaign)", as: f.tokens["officer"]))
            #expect(nightOnly.total == 1)
        }
    }

    @Test("administrators edit a checklist as a new version; running inspections keep theirs")
    func templateVersions() async throws {
        try await withTestApp { app in
            let f = try await Fixture.make(app)
            let list = try decode(ListResponse<ChecklistTemplateDTO>.self,
                                  try await api(app, .GET, "/api/v1/checklist-templates?category=industrialEnterprise", as: f.tokens["worker"]))
            let templateId = try #require(list.items.first).id
            let started = try await S.start(app, f, place: f.place.id!)
            let body = #"{"name":"工贸企业检查表（2027版）","items":[{"topic":"消防","text":"灭火器完好","requiresPhoto":true,"hazardCategory":"fire"}]}"#
            #expect(try await apiJSON(app, .PUT, "/api/v1/checklist-templates/\(templateId)", as: f.tokens["officer"], body).status == .forbidden)
            var response = try await apiJSON(app, .PUT, "/api/v1/checklist-templates/\(templateId)", as: f.tokens["admin"], body)
            #expect(response.status == .ok, "\(response.body.string)")
            let next = try decode(ChecklistTemplateDTO.self, response)
            #expect(next.version == 2 && next.familyId == templateId && next.items.count == 1)
            response = try await apiJSON(app, .PUT, "/api/v1/checklist-templates/\(templateId)", as: f.tokens["admin"], body)
            #expect(response.status == .conflict, "the old version is no longer editable")
            response = try await apiJSON(app, .POST, "/api/v1/checklist-templates", as: f.tokens["admin"], #"{"category":"shop","name":"","items":[]}"#)
            #expect(fieldErrors(response) == ["name=error.field.required", "items=error.checklist.no_items"])

            // validate: the running inspection still has version 1's items; a new one gets version 2.
            let reread = try decode(InspectionDTO.self, try await api(app, .GET, "/api/v1/inspections/\(started.id)", as: f.tokens["worker"]))
            #expect(reread.templateVersion == 1 && S.items(reread).count == S.items(started).count)
            // Another inspector's start (the same one's would continue the running inspection).
            let fresh = try await S.start(app, f, as: "worker2", place: f.place.id!)
            #expect(fresh.templateVersion == 2 && S.items(fresh).count == 1)
        }
    }
}
