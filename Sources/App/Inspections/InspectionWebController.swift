import SafeGridDomain
import Vapor

/// `GET /inspections`, `GET/POST /inspections/new`, `GET/POST /inspections/:id` (the checklist),
/// `POST /inspections/:id/cancel` (called off with a reason), `POST /inspections/:id/items/:itemId/hazard`
/// (a failed item becomes a hazard).
struct InspectionWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.inspections.pathComponents, use: list)
        routes.get(SiteURL.newInspection.pathComponents, use: form)
        routes.post(SiteURL.newInspection.pathComponents, use: start)
        routes.get(SiteURL.inspection(.key).pathComponents, use: show)
        routes.on(.POST, SiteURL.inspection(.key).pathComponents, body: .collect(maxSize: WebUploads.maxBody), use: save)
        routes.post(SiteURL.inspectionCancel(.key).pathComponents, use: cancel)
        routes.on(.POST, SiteURL.inspectionItemHazard(.key, .key).pathComponents, body: .collect(maxSize: WebUploads.maxBody),
                  use: raiseHazard)
    }

    func list(req: Request) async throws -> Response {
        let (context, status) = try await InspectionsPage.build(req)
        return req.page(context, status: status)
    }

    func form(req: Request) async throws -> Response {
        req.page(try await NewInspectionPage.build(req))
    }

    func start(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let input = try req.content.decode(NewInspectionInput.self)
        do {
            let (inspection, continued) = try await InspectionService(req: req).startOrContinue(try input.request(), by: user)
            return req.redirect(to: SiteURL.inspection(.id(try inspection.requireID())).path,
                                confirming: continued ? "flash.inspection_continued" : "flash.inspection_started")
        } catch let error as SafeGridError where error.kind == .invalid {
            return req.page(try await NewInspectionPage.build(req, input: input, error: error), status: error.status)
        }
    }

    func show(req: Request) async throws -> Response {
        req.page(try await InspectionPage.build(req, id: try req.id("inspectionID")))
    }

    /// Cancels with the reason given; a missing reason comes back on the page with the form open.
    func cancel(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let id = try req.id("inspectionID")
        let input = try req.content.decode(InspectionCancelRequest.self)
        do {
            _ = try await InspectionService(req: req).cancel(id, input, by: user)
            return req.redirect(to: SiteURL.inspection(.id(id)).path, confirming: "flash.inspection_cancelled")
        } catch let error as SafeGridError where error.kind == .invalid {
            return req.page(try await InspectionPage.build(req, id: id, cancelError: error, reason: input.reason), status: error.status)
        } catch let error as SafeGridError where error.kind == .conflict {
            // Finished or cancelled meanwhile (on another phone): the page says so and shows the record.
            return req.page(try await InspectionPage.build(req, id: id, error: error), status: error.status)
        }
    }

    /// Saves the results (photos first, so a refused form keeps them), then finishes when asked.
    func save(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let id = try req.id("inspectionID")
        let form = try req.content.decode(InspectionResultsForm.self)
        var entered: [Int: InspectionResultsForm.ItemForm] = [:]
        var kept: [Int: [Int]] = [:]
        var answered: [ItemResultRequest] = []
        do {
            for (itemId, item) in form.ordered {
                entered[itemId] = item
                let files = (item.photos ?? []).filter { $0.data.readableBytes > 0 }
                let photos = WebFormat.ids(item.kept) + (try await WebUploads.save(files, kind: .before, by: user, on: req))
                kept[itemId] = photos
                let result = item.result.flatMap { $0.isEmpty ? nil : $0 }
                let note = item.note.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
                // An untouched item stays unanswered; finishing then names how many are left.
                if result == nil && note == nil && photos.isEmpty { continue }
                answered.append(ItemResultRequest(itemId: itemId, result: result, note: note, attachmentIds: photos))
            }
            let service = InspectionService(req: req)
            if form.finish == "1" {
                _ = try await service.finish(id, InspectionFinishRequest(note: form.note, items: answered), by: user)
                return req.redirect(to: SiteURL.inspection(.id(id)).path, confirming: "flash.inspection_finished")
            } else if !answered.isEmpty {
                _ = try await service.record(id, answered, by: user)
                // The catalogue's singular where English needs it (zh-Hans reads the same).
                return req.redirect(to: SiteURL.inspection(.id(id)).path,
                                    confirming: "flash.inspection_saved", count: answered.count)
            }
            return req.redirect(to: SiteURL.inspection(.id(id)).path)
        } catch let error as SafeGridError where error.kind == .invalid {
            let context = try await InspectionPage.build(req, id: id, entered: entered, kept: kept,
                                                         error: Self.remap(error, answered: answered.compactMap(\.itemId)))
            return req.page(context, status: error.status)
        }
    }

    /// The service numbers errors by position among the answered items; the page by item id.
    static func remap(_ error: SafeGridError, answered: [Int]) -> SafeGridError {
        var copy = error
        copy.fields = error.fields.map { field in
            let parts = field.field.split(separator: ".", maxSplits: 2).map(String.init)
            guard parts.count >= 2, parts[0] == "items", let n = Int(parts[1]), n < answered.count else { return field }
            return FieldError(field: (["items", "\(answered[n])"] + parts.dropFirst(2)).joined(separator: "."), key: field.key, args: field.args)
        }
        return copy
    }

    func raiseHazard(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let id = try req.id("inspectionID")
        let itemId = try req.id("itemID")
        struct Form: Content {
            var title: String?
            var category: String?
            var grade: String?
            var note: String?
            var fixedOnSite: String?
        }
        let (form, files) = try WebUploads.decode(Form.self, req)
        do {
            let evidence = try await WebUploads.save(files, kind: form.fixedOnSite == "1" ? .after : .before, by: user, on: req)
            let hazard = try await InspectionService(req: req).raiseHazard(
                inspectionId: id, itemId: itemId,
                InspectionHazardRequest(title: form.title, category: form.category, grade: form.grade, fixedOnSite: form.fixedOnSite == "1",
                                        note: form.note, attachmentIds: evidence), by: user)
            // Back to the inspection: the item now links its hazard, and the next failed one is at hand.
            return req.redirect(to: SiteURL.inspection(.id(id)).path + "#item-\(itemId)", confirming: "flash.item_hazard", hazard.number)
        } catch let error as SafeGridError where error.kind == .invalid || error.kind == .conflict {
            // The page shows one sentence: the first field's problem when there is one.
            let shown = error.fields.first.map { SafeGridError(error.kind, $0.key, args: $0.args) } ?? error
            let context = try await InspectionPage.build(req, id: id, error: shown)
            return req.page(context, status: error.status)
        }
    }
}
