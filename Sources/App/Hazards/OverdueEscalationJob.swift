import Fluent
import Foundation
import SafeGridDomain
import Vapor

/// Finds rectifications past their deadline and raises supervision one level per
/// `threshold` overdue working days (督办, then 挂牌督办), as events by the system account.
struct OverdueEscalationJob: BackgroundJob {
    let name = "overdue-escalation"
    let threshold: Int

    func run(app: Application, now: Date) async throws -> String {
        let today = CivilDate(now)
        let calendar = try await app.calendarStore.calendar(on: app.db, now: now)
        let overdue = try await HazardStore.select(where: "hazards.state = 'rectifying' AND hazards.deadline < \(bind: today.description)",
                                                   on: app.db)
        guard threshold > 0 else { return "overdue=\(overdue.count) escalated=0" }
        let system = try await SystemAccount.user(on: app)
        var escalated = 0
        for hazard in overdue {
            guard let deadline = hazard.deadline.flatMap(CivilDate.init(iso:)) else { continue }
            let workdays = calendar.workdays(after: deadline, through: today)
            let target = AutoEscalation.target(workdaysOverdue: workdays, threshold: threshold)
            guard target > (EscalationLevel(rawValue: hazard.escalation) ?? .none) else { continue }
            let note = Catalogue.text("job.auto_escalation_note", .zhHans, ["\(workdays)"])
            do {
                _ = try await HazardService(app: app, now: now).act(
                    on: hazard.id, .escalate, version: hazard.version, input: ActionInput(note: note), at: nil, by: system)
                escalated += 1
            } catch let error as SafeGridError where error.kind == .conflict {
                // Someone acted on it meanwhile; the next period looks again.
                continue
            }
        }
        return "overdue=\(overdue.count) escalated=\(escalated)"
    }
}

/// The account automatic events are recorded under: an administrator that cannot sign in.
enum SystemAccount {
    static let username = "system"

    static func user(on app: Application) async throws -> CurrentUser {
        if let existing = try await UserRecord.query(on: app.db).filter(\.$username == username).first() {
            return try await CurrentUser.load(existing, on: app.db)
        }
        let user = UserRecord()
        user.username = username
        user.passwordHash = "!" // no password matches: bcrypt hashes never equal "!"
        user.displayName = Catalogue.text("job.system_account", .zhHans)
        user.role = .admin
        user.active = false
        user.failedLogins = 0
        do {
            try await app.writePath.transaction(on: app.db) { tx in try await user.create(on: tx) }
        } catch {
            // Another instance created it first.
            guard let existing = try await UserRecord.query(on: app.db).filter(\.$username == username).first() else { throw error }
            return try await CurrentUser.load(existing, on: app.db)
        }
        return try await CurrentUser.load(user, on: app.db)
    }
}

extension UserRecord {
    /// The accounts people manage: every one but the system account, which records automatic
    /// events and is nobody's to edit.
    static func listed(on db: any Database) -> QueryBuilder<UserRecord> {
        query(on: db).filter(\.$username != SystemAccount.username)
    }
}
