import Fluent
import SafeGridDomain
import Vapor

/// Pages of issue 6: the registers, the assessment ranking and history, bulletins.
struct ReportWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.register(.key).pathComponents, use: register)
        routes.post(SiteURL.register(.key).pathComponents, use: record)
        routes.get(SiteURL.registerExport(.key).pathComponents, use: exportRegister)
        // Under ":register", not a constant segment: the router does not backtrack from a constant.
        routes.post(SiteURL.registerEntryHandle(.key, .key).pathComponents, use: handle)
        routes.get(SiteURL.registerEntry(.key, .key).pathComponents, use: entry)
        routes.post(SiteURL.registerEntry(.key, .key).pathComponents, use: correct)
        routes.post(SiteURL.registerEntryVoid(.key, .key).pathComponents, use: void)
        routes.get(SiteURL.assessments.pathComponents, use: assessment)
        routes.get(SiteURL.assessmentHistory.pathComponents, use: history)
        routes.get(SiteURL.indicatorSets.pathComponents, use: indicatorSets)
        routes.post(SiteURL.indicatorSets.pathComponents, use: saveIndicatorSet)
        routes.get(SiteURL.bulletins.pathComponents, use: bulletins)
        routes.post(SiteURL.bulletins.pathComponents, use: generate)
        routes.get(SiteURL.bulletin(.key).pathComponents, use: bulletin)
        routes.get(SiteURL.bulletinExport(.key).pathComponents, use: exportBulletin)
    }

    private func which(_ req: Request) throws -> Register {
        guard let raw = req.parameters.get("register"), let register = Register(rawValue: raw) else { throw SafeGridError.notFound }
        return register
    }

    func register(req: Request) async throws -> Response {
        req.page(try await RegisterPage.build(req, try which(req)))
    }

    func record(req: Request) async throws -> Response {
        let register = try which(req)
        let user = try req.currentUser()
        let input = try req.content.decode(RegisterFormInput.self)
        let today = CivilDate(req.now)
        do {
            // Text that is not a number is reported together with the service's own checks; the
            // save those checks pass is rolled back while any problem remains.
            try await req.writeTransaction { db in
                let service = RegisterService(db: db, today: today, now: req.now)
                var parse: [FieldError] = []
                do {
                    switch register {
                    case .activities: let (body, p) = input.activity(); parse = p; _ = try await service.saveActivity(body, existing: nil, by: user.actor)
                    case .accidents: let (body, p) = input.accident(); parse = p; _ = try await service.saveAccident(body, by: user.actor)
                    case .publicReports: let (body, p) = input.report(); parse = p; _ = try await service.saveReport(body, existing: nil, by: user.actor)
                    }
                } catch let error as SafeGridError where error.kind == .invalid {
                    throw SafeGridError.invalid(parse + error.fields.filter { f in !parse.contains { $0.field == f.field } })
                }
                if !parse.isEmpty { throw SafeGridError.invalid(parse) }
            }
            return req.redirect(to: SiteURL.register(.value(register.rawValue)).path, confirming: "flash.saved")
        } catch let error as SafeGridError where error.kind == .invalid {
            return req.page(try await RegisterPage.build(req, register, input: input, error: error), status: .badRequest)
        }
    }

    func handle(req: Request) async throws -> Response {
        let user = try req.currentUser()
        guard try which(req) == .publicReports, let id = req.parameters.get("entryID", as: Int.self),
              let report = try await RegisterQuery.scoped(PublicReportRecord.query(on: req.db), path: \.$gridPath, actor: user.actor)
                .filter(\.$id == id).first() else { throw SafeGridError.notFound }
        guard RegisterPermissions.mayRecord(.publicReports, user.actor, gridPath: report.gridPath) else { throw SafeGridError.forbidden }
        let input = try req.content.decode(RegisterFormInput.self)
        do {
            _ = try await RegisterService(db: req.db, today: CivilDate(req.now), now: req.now, writes: req.application.writePath).saveReport(
                PublicReportRequest(handledOn: input.handledOn ?? "", reply: input.reply), existing: report, by: user.actor)
            return req.redirect(to: SiteURL.register(.value(Register.publicReports.rawValue)).path, confirming: "flash.saved")
        } catch let error as SafeGridError where error.kind == .invalid {
            return req.page(try await RegisterPage.build(req, .publicReports, error: error), status: .badRequest)
        }
    }

    func entry(req: Request) async throws -> Response {
        req.page(try await RegisterEntryPage.build(req, try which(req), id: try req.id("entryID")))
    }

    /// Corrects an activity or accident from its page; the trail keeps the entry as it was.
    func correct(req: Request) async throws -> Response {
        let register = try which(req)
        let id = try req.id("entryID")
        let user = try req.currentUser()
        let input = try req.content.decode(RegisterFormInput.self)
        let service = RegisterService(db: req.db, today: CivilDate(req.now), now: req.now, writes: req.application.writePath)
        do {
            var parse: [FieldError] = []
            switch register {
            case .activities:
                let (body, p) = input.activity(); parse = p
                if parse.isEmpty {
                    let entry = try await RegisterQuery.entry(ActivityRecord.self, id, for: user.actor, on: req.db)
                    _ = try await service.saveActivity(body, existing: entry, by: user.actor)
                }
            case .accidents:
                let (body, p) = input.accident(); parse = p
                if parse.isEmpty {
                    let entry = try await RegisterQuery.entry(AccidentRecord.self, id, for: user.actor, on: req.db)
                    _ = try await service.saveAccident(body, existing: entry, by: user.actor)
                }
            case .publicReports: throw SafeGridError.notFound
            }
            if !parse.isEmpty { throw SafeGridError.invalid(parse) }
            return req.redirect(to: SiteURL.registerEntry(.value(register.rawValue), .id(id)).path, confirming: "flash.saved")
        } catch let error as SafeGridError where error.kind == .invalid || error.kind == .conflict {
            return req.page(try await RegisterEntryPage.build(req, register, id: id, input: input, error: error), status: error.status)
        }
    }

    func void(req: Request) async throws -> Response {
        let register = try which(req)
        let id = try req.id("entryID")
        let user = try req.currentUser()
        let reason = try req.content.decode(VoidRequest.self).reason
        let service = RegisterService(db: req.db, today: CivilDate(req.now), now: req.now, writes: req.application.writePath)
        do {
            switch register {
            case .activities:
                try await service.void(try await RegisterQuery.entry(ActivityRecord.self, id, for: user.actor, on: req.db), reason: reason, by: user.actor)
            case .accidents:
                try await service.void(try await RegisterQuery.entry(AccidentRecord.self, id, for: user.actor, on: req.db), reason: reason, by: user.actor)
            case .publicReports: throw SafeGridError.notFound
            }
            return req.redirect(to: SiteURL.registerEntry(.value(register.rawValue), .id(id)).path, confirming: "flash.saved")
        } catch let error as SafeGridError where error.kind == .invalid || error.kind == .conflict {
            return req.page(try await RegisterEntryPage.build(req, register, id: id, reason: reason, error: error), status: error.status)
        }
    }

    func exportRegister(req: Request) async throws -> Response {
        let register = try which(req)
        let t = Texts(req)
        let table = try await RegisterTable.load(req, register, limit: 20_000, offset: 0)
        let name = t("registers.\(register.rawValue)")
        return try Download.workbook(table.workbook(name), try format(req), asciiName: "\(register.rawValue)-\(CivilDate(req.now))",
                                     localName: "\(name)-\(CivilDate(req.now))")
    }

    func assessment(req: Request) async throws -> Response {
        let (page, book) = try await AssessmentPage.build(req)
        if req.query[String.self, at: "format"] != nil, let book {
            return try Download.workbook(book, try format(req), asciiName: "assessment-\(CivilDate(req.now))",
                                         localName: "\(Texts(req)("assessment.title"))-\(CivilDate(req.now))")
        }
        return req.page(page, status: page.alert == nil ? .ok : .badRequest)
    }

    func indicatorSets(req: Request) async throws -> Response {
        req.page(try await IndicatorSetsPage.build(req))
    }

    /// A new version of one set; the page comes back with the form open when it is refused.
    func saveIndicatorSet(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let input = try req.content.decode(IndicatorSetFormInput.self)
        do {
            let (body, parse) = input.request()
            if !parse.isEmpty { throw SafeGridError.invalid(parse) }
            let set = try await AssessmentService(db: req.db, now: req.now).saveIndicatorSet(body, by: user, writes: req.application.writePath)
            return req.redirect(to: SiteURL.indicatorSets.path + "#\(set.target.rawValue)-\(set.periodKind.rawValue)", confirming: "flash.saved")
        } catch let error as SafeGridError where error.kind == .invalid || error.kind == .conflict {
            return req.page(try await IndicatorSetsPage.build(req, input: input, error: error), status: error.status)
        }
    }

    func history(req: Request) async throws -> Response {
        req.page(try await AssessmentPage.history(req))
    }

    func bulletins(req: Request) async throws -> Response {
        req.page(try await BulletinsPage.build(req))
    }

    func generate(req: Request) async throws -> Response {
        let user = try req.currentUser()
        struct Form: Content { var gridId: String?; var period: String? }
        let form = try req.content.decode(Form.self)
        let input = BulletinRequest(gridId: form.gridId.flatMap { Int($0) }, period: form.period)
        do {
            let period = try ReportScope.period(input.period, allowCustom: true)
            guard let gridId = input.gridId else { throw SafeGridError.invalid(field: "gridId", "error.field.required") }
            let grid = try await ReportScope.grid(gridId, for: user, on: req.db)
            guard RegisterPermissions.mayGenerateBulletin(user.actor, gridPath: grid.path) else { throw SafeGridError.forbidden }
            let service = BulletinService(db: req.db, now: req.now, writes: req.application.writePath)
            let record = try await service.generate(grid: grid, period: period, by: user.id)
            return req.redirect(to: SiteURL.bulletin(.id(record.id ?? 0)).path, confirming: "flash.saved")
        } catch let error as SafeGridError where error.kind == .invalid {
            return req.page(try await BulletinsPage.build(req, input: input, error: error), status: .badRequest)
        }
    }

    func bulletin(req: Request) async throws -> Response {
        let record = try await ReportScope.bulletin(try req.id("bulletinID"), for: try req.currentUser(), on: req.db)
        return req.page(BulletinPage.build(req, record).0)
    }

    func exportBulletin(req: Request) async throws -> Response {
        let record = try await ReportScope.bulletin(try req.id("bulletinID"), for: try req.currentUser(), on: req.db)
        let (page, book) = BulletinPage.build(req, record)
        return try Download.workbook(book, try format(req), asciiName: "bulletin-\(record.period)", localName: "\(page.heading)-\(record.period)")
    }

    private func format(_ req: Request) throws -> Download.Format {
        guard let format = Download.Format(rawValue: req.query[String.self, at: "format"] ?? "xlsx") else {
            throw SafeGridError.invalid(field: "format", "error.field.invalid")
        }
        return format
    }
}
