import Fluent
import SafeGridDomain
import Vapor

/// `GET /my-tasks`: a grid worker's places due or overdue for a visit, made for a phone.
struct MyTasksPage {
    let page: PageContext
    let summary: String
    let tasks: [Task]
    let mayInspect: Bool
    /// Inspections the user began and has not finished or cancelled: 「继续检查」.
    let open: [OpenItem]
    /// Hazards waiting on the user: to rectify, to re-inspect (`HazardDuty`).
    let duties: [DutyItem]
    /// Finished inspections whose failed items are not hazards yet.
    let awaiting: [AwaitingItem]

    struct DutyItem: Encodable {
        let duty: String
        let title: String
        let number: String
        let place: String
        let deadline: String
        let overdue: Bool
        let href: String
    }

    struct OpenItem: Encodable {
        let place: String
        let started: String
        let href: String
    }

    struct AwaitingItem: Encodable {
        let place: String
        /// 「2 项待转隐患」.
        let count: String
        let finished: String
        let href: String
    }

    struct Task: Encodable {
        let name: String
        let category: String
        let risk: String
        let riskClass: String
        let status: String
        let overdue: Bool
        let due: String
        let last: String
        /// An inspection of this place is under way: the button continues it.
        let continues: Bool
        let startHref: String
        let historyHref: String
        /// 登记隐患 with the place chosen.
        let reportHref: String
    }

    static func build(_ req: Request) async throws -> MyTasksPage {
        let user = try req.currentUser()
        let t = Texts(req)
        let dto = try await PatrolReports.myTasks(req, user: user)
        let open = try await InspectionQuery.open(of: user.id, on: req.db)
        let openAt = Dictionary(open.map { ($0.placeId, $0.id) }, uniquingKeysWith: { newest, _ in newest })
        let tasks = dto.items.map { item in
            let status: String = switch (item.daysLate, item.workdaysLate) {
            case (1..., .some(let workdays)) where workdays > 0: t.count("tasks.overdue_workdays", workdays)
            case (1..., _): t.count("tasks.overdue_rest_days", item.daysLate)
            case (0, _): t("tasks.due_today")
            default: t.count("tasks.due_in", -item.daysLate)
            }
            return Task(name: item.placeName, category: t.label("place", item.placeCategory),
                        risk: item.riskLevel.map { t.label("patrol_risk", $0) } ?? t("patrol_risk.unassessed"),
                        riskClass: item.riskLevel?.rawValue ?? "none", status: status, overdue: item.overdue,
                        due: item.dueOn.description, last: item.lastInspectedOn?.description ?? t("tasks.never"),
                        continues: openAt[item.placeId] != nil,
                        startHref: openAt[item.placeId].map { SiteURL.inspection(.id($0)).path }
                            ?? SiteURL.newInspection.with(query: "placeId=\(item.placeId)"),
                        historyHref: SiteURL.inspections.with(query: "placeId=\(item.placeId)"),
                        reportHref: SiteURL.newHazard.with(query: "placeId=\(item.placeId)"))
        }
        let awaiting = try await InspectionQuery.awaitingHazards(of: user.id, on: req.db).map {
            AwaitingItem(place: $0.placeName, count: t.count("tasks.awaiting_count", $0.items), finished: WebFormat.dateTime($0.endedAt),
                         href: SiteURL.inspection(.id($0.id)).path)
        }
        let today = CivilDate(req.now)
        let duties = try await HazardReads.duties(for: user.actor, on: req.db).map { row, duty in
            let h = row.hazard
            let late = Overdue.daysOverdue(state: h.state, deadline: h.deadline.flatMap(CivilDate.init(iso:)), today: today)
            return DutyItem(duty: t("tasks.duty." + duty.rawValue), title: h.title, number: h.number,
                            place: row.placeName ?? row.gridName ?? "",
                            deadline: h.deadline.map { t("tasks.deadline", $0) } ?? "", overdue: (late ?? 0) > 0,
                            href: SiteURL.hazard(.id(h.id)).path)
        }
        return MyTasksPage(page: PageContext(req, title: t("tasks.title")),
                           summary: t("tasks.summary", "\(dto.items.count)", "\(dto.overdueCount)", "\(dto.horizonDays)"),
                           tasks: tasks, mayInspect: !InspectionRules.kinds(for: user.role).isEmpty,
                           open: open.map {
                               OpenItem(place: $0.placeName, started: WebFormat.dateTime($0.startedAt), href: SiteURL.inspection(.id($0.id)).path)
                           }, duties: duties, awaiting: awaiting)
    }
}

/// `GET /coverage`: places inspected on time / places due, per grid and per grid worker.
struct CoveragePage {
    let page: PageContext
    let filters: [FormField]
    let period: String
    let total: Row
    let grids: [Row]
    let workers: [Row]
    let schedule: [String]
    /// Administrators change the frequencies here: a count and a unit per risk colour.
    let frequencyForm: [FormField]
    let frequencyErrors: [String]
    let error: String?

    struct Row: Encodable {
        let name: String
        let due: Int
        let onTime: Int
        let late: Int
        let missed: Int
        let pending: Int
        let rate: String

        init(_ r: CoverageRowDTO) {
            name = r.name; due = r.due; onTime = r.onTime; late = r.late; missed = r.missed; pending = r.pending
            var f = CoverageFigures()
            f.due = r.due; f.onTime = r.onTime
            rate = f.rateText
        }
    }

    static func build(_ req: Request, frequencies posted: [String: String]? = nil,
                      error saveError: SafeGridError? = nil) async throws -> (CoveragePage, HTTPResponseStatus) {
        let user = try req.currentUser()
        let t = Texts(req)
        var dto: CoverageDTO?
        var failure: SafeGridError?
        do { dto = try await PatrolReports.coverage(req, user: user) } catch let e as SafeGridError where e.kind == .invalid { failure = e }
        func value(_ key: String) -> String { (try? req.query.get(String.self, at: key)) ?? "" }
        var filters = [
            FormField("from", label: t("coverage.from"), kind: .date, value: value("from").isEmpty ? dto?.from.description ?? "" : value("from"), idPrefix: "cov"),
            FormField("to", label: t("coverage.to"), kind: .date, value: value("to").isEmpty ? dto?.through.description ?? "" : value("to"), idPrefix: "cov"),
            .select("gridId", label: t("hazard.grid"), options: try await GridOptions.covered(by: user, on: req),
                    selected: value("gridId"), blank: t("ledger.all"), idPrefix: "cov"),
        ]
        let problems = filters.attach(failure?.fields ?? [], t)
        let schedule = try await PatrolFrequencyRecord.schedule(on: req.db)
        let lines = (RiskLevel.allCases.reversed().map { Optional($0) } + [nil]).map { level in
            let interval = schedule.interval(for: level)
            let name = level.map { t.label("patrol_risk", $0) } ?? t("patrol_risk.unassessed")
            return t("coverage.every", name, "\(interval.count)", t.label("patrol_unit", interval.unit))
        }
        var frequencyForm: [FormField] = []
        if InspectionRules.mayChangePatrolFrequencies(user.actor) {
            for key in PatrolSchedule.keys {
                let interval = schedule.interval(key: key)!
                let name = key == "unassessed" ? t("patrol_risk.unassessed") : t("patrol_risk.\(key)")
                frequencyForm.append(FormField("\(key).count", label: t("coverage.every_count", name), kind: .number,
                                               value: posted?["\(key).count"] ?? "\(interval.count)", required: true, idPrefix: "freq"))
                frequencyForm.append(.select("\(key).unit", label: t("coverage.every_unit", name),
                                             options: FormField.options(PatrolUnit.self, "patrol_unit", t),
                                             selected: posted?["\(key).unit"] ?? interval.unit.rawValue, required: true, idPrefix: "freq"))
            }
        }
        let frequencyErrors = frequencyForm.attach(saveError?.fields ?? [], t)
        let empty = CoverageRowDTO(name: t("coverage.total"), CoverageFigures())
        let context = CoveragePage(
            page: PageContext(req, title: t("coverage.title")), filters: filters,
            period: dto.map { t("coverage.period", $0.from.description, $0.through.description) } ?? "",
            total: Row(dto?.total ?? empty), grids: (dto?.grids ?? []).map(Row.init), workers: (dto?.workers ?? []).map(Row.init),
            schedule: lines, frequencyForm: frequencyForm, frequencyErrors: frequencyErrors,
            error: failure.map { ([t.message($0)] + problems).joined(separator: " ") })
        return (context, failure == nil ? .ok : .badRequest)
    }
}
