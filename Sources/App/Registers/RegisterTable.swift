import Fluent
import SafeGridDomain
import Vapor

/// A register's rows in reach as typed cells, for the page and for CSV/xlsx exports alike.
struct RegisterTable {
    struct Row {
        let id: Int
        let gridPath: String
        let handled: Bool
        var voided = false
        let typed: [Cell]
        var cells: [String] { typed.map(\.plain) }
    }

    let headers: [String]
    let rows: [Row]
    let total: Int

    static func load(_ req: Request, _ register: Register, limit: Int, offset: Int) async throws -> RegisterTable {
        let actor = try req.currentUser().actor
        let t = Texts(req)
        let range = offset..<(offset + limit)
        switch register {
        case .activities:
            let query = try await RegisterQuery.filtered(try RegisterQuery.scoped(ActivityRecord.query(on: req.db), path: \.$gridPath, actor: actor),
                                                         req.query, path: \.$gridPath, day: \.$heldOn, on: req.db)
            let total = try await query.copy().count()
            let rows = try await query.with(\.$grid).sort(\.$heldOn, .descending).sort(\.$id, .descending).range(range).all().map { r in
                Row(id: r.id ?? 0, gridPath: r.gridPath, handled: true, voided: r.voidedAt != nil, typed: [
                    .date(CivilDate(iso: r.heldOn)), .text(t.label("activity", r.kind)), .text(r.title), .text(r.grid.name), .text(r.venue),
                    .integer(r.people), .text(r.note), .text(r.voidedAt.map { _ in r.voidReason ?? "" }),
                ])
            }
            return RegisterTable(headers: ["registers.date", "registers.kind", "registers.title_field", "hazard.grid", "registers.venue",
                                           "registers.people", "registers.note", "registers.void_column"].map { t($0) }, rows: rows, total: total)
        case .accidents:
            let query = try await RegisterQuery.filtered(try RegisterQuery.scoped(AccidentRecord.query(on: req.db), path: \.$gridPath, actor: actor),
                                                         req.query, path: \.$gridPath, day: \.$occurredOn, on: req.db)
            let total = try await query.copy().count()
            let rows = try await query.with(\.$grid).sort(\.$occurredOn, .descending).sort(\.$id, .descending).range(range).all().map { r in
                Row(id: r.id ?? 0, gridPath: r.gridPath, handled: true, voided: r.voidedAt != nil, typed: [
                    .date(CivilDate(iso: r.occurredOn)), .text(t.label("accident", r.type)), .text(r.grid.name), .text(r.venue),
                    .integer(r.deaths), .integer(r.injuries), .text(t.label("liability", r.liability)), .text(r.description),
                    .text(r.voidedAt.map { _ in r.voidReason ?? "" }),
                ])
            }
            return RegisterTable(headers: ["registers.date", "registers.type", "hazard.grid", "registers.venue", "registers.deaths",
                                           "registers.injuries", "registers.liability", "registers.description", "registers.void_column"].map { t($0) },
                                 rows: rows, total: total)
        case .publicReports:
            let query = try await RegisterQuery.filtered(try RegisterQuery.scoped(PublicReportRecord.query(on: req.db), path: \.$gridPath, actor: actor),
                                                         req.query, path: \.$gridPath, day: \.$receivedOn, on: req.db)
            let total = try await query.copy().count()
            let rows = try await query.with(\.$grid).sort(\.$receivedOn, .descending).sort(\.$id, .descending).range(range).all().map { r in
                Row(id: r.id ?? 0, gridPath: r.gridPath, handled: r.handledOn != nil, typed: [
                    .date(CivilDate(iso: r.receivedOn)), .text(t.label("channel", r.channel)), .text(r.grid.name), .text(r.content),
                    .text(r.reporter), .integer(r.hazardId), .date(r.handledOn.flatMap(CivilDate.init(iso:))), .text(r.reply),
                ])
            }
            return RegisterTable(headers: ["registers.received_on", "registers.channel", "hazard.grid", "registers.content", "registers.reporter",
                                           "registers.hazard_id", "registers.handled_on", "registers.reply"].map { t($0) }, rows: rows, total: total)
        }
    }

    func workbook(_ title: String) -> Workbook {
        Workbook(sheets: [Sheet(name: title, header: headers, rows: rows.map(\.typed))])
    }
}
