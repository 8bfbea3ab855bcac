import Fluent
import SafeGridDomain
import Vapor

/// The district's patrol frequencies (巡查频次) per risk colour: one write path for the API and
/// the coverage page, administrators only.
enum PatrolFrequencyService {
    static func save(_ schedule: PatrolSchedule, by actor: Actor, on req: Request) async throws {
        guard InspectionRules.mayChangePatrolFrequencies(actor) else { throw SafeGridError.forbidden }
        var errors = FieldErrors()
        for key in PatrolSchedule.keys {
            let interval = schedule.interval(key: key)!
            if !interval.isValid {
                errors.add("\(key).count", "error.patrol.interval", args: ["\(PatrolInterval.maximum(interval.unit))"])
            }
        }
        try errors.throwIfAny()
        try await req.writeTransaction { tx in
            for key in PatrolSchedule.keys {
                let interval = schedule.interval(key: key)!
                if let row = try await PatrolFrequencyRecord.query(on: tx).filter(\.$key == key).first() {
                    row.count = interval.count
                    row.unit = interval.unit
                    try await row.save(on: tx)
                } else {
                    try await PatrolFrequencyRecord(key: key, interval: interval).create(on: tx)
                }
            }
        }
    }
}
