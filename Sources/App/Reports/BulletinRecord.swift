import Fluent
import Foundation
import SafeGridDomain

/// A version of an indicator set; the newest version of a (target, period kind) applies.
final class IndicatorSetRecord: Model, @unchecked Sendable {
    static let schema = "indicator_sets"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "target") var target: AssessmentTarget
    @Field(key: "period_kind") var periodKind: PeriodKind
    @Field(key: "version") var version: Int
    @Field(key: "weights") var weights: String
    @Field(key: "activity_target") var activityTarget: Int
    @Field(key: "excellent_from") var excellentFrom: Int
    @Field(key: "good_from") var goodFrom: Int
    @Field(key: "pass_from") var passFrom: Int
    @OptionalField(key: "created_by_id") var createdById: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    var set: IndicatorSet {
        let raw = (try? JSONDecoder().decode([String: Int].self, from: Data(weights.utf8))) ?? [:]
        var parsed: [Indicator: Int] = [:]
        for (key, w) in raw { if let i = Indicator(rawValue: key) { parsed[i] = w } }
        return IndicatorSet(version: version, target: target, periodKind: periodKind, weights: parsed,
                            activityTarget: activityTarget, excellentFrom: excellentFrom, goodFrom: goodFrom, passFrom: passFrom)
    }
}

/// A generated bulletin, stored so that what was published stays as it was.
final class BulletinRecord: Model, @unchecked Sendable {
    static let schema = "bulletins"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "grid_id") var grid: GridRecord
    @Field(key: "grid_path") var gridPath: String
    @Field(key: "period") var period: String
    @Field(key: "period_kind") var periodKind: PeriodKind
    @Field(key: "start_on") var startOn: String
    @Field(key: "end_on") var endOn: String
    @Field(key: "facts") var facts: String
    @Field(key: "overdue") var overdue: String
    @Field(key: "text_zh") var textZh: String
    @Field(key: "text_en") var textEn: String
    @Field(key: "generated_at") var generatedAt: Date
    @OptionalField(key: "generated_by_id") var generatedById: Int?
    /// The heads of the event chains when the bulletin was made (migration 012), printed on it
    /// so that a paper copy anchors the trail.
    @OptionalField(key: "trail_anchor") var trailAnchor: String?

    init() {}
}
