import Fluent
import Foundation
import SafeGridDomain
import Vapor

/// Generates each township's weekly bulletin (周通报) for the previous week. It runs every
/// period of the job runner but only writes bulletins that are missing, so the first run on
/// a Monday publishes them, and a server that was down on Monday catches up on Tuesday;
/// one made by hand earlier in the week is left as it was.
struct WeeklyBulletinJob: BackgroundJob {
    let name = "weekly-bulletins"

    func run(app: Application, now: Date) async throws -> String {
        let week = ReportPeriod.containing(CivilDate(now), kind: .week).previous
        let townships = try await GridRecord.query(on: app.db).filter(\.$level == .township).sort(\.$id).all()
        let done = Set(try await BulletinRecord.query(on: app.db).filter(\.$period == week.code).all().map(\.$grid.id))
        var made = 0
        for township in townships where !done.contains(try township.requireID()) {
            _ = try await BulletinService(db: app.db, now: now, writes: app.writePath).generate(grid: township, period: week, by: nil)
            made += 1
        }
        return "week=\(week.code) generated=\(made)"
    }
}
