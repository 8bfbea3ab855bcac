/// Kinds of safety activities a township or village records (宣传、培训、安全大讲堂、演练).
public enum ActivityKind: String, Codable, CaseIterable, Sendable {
    case publicity  // 宣传
    case training   // 培训
    case lecture    // 安全大讲堂
    case drill      // 演练
}

/// Accident types as the statistics commonly group them.
public enum AccidentType: String, Codable, CaseIterable, Sendable {
    case fire, traffic, construction, electrocution, fall, gasPoisoning, explosion, collapse, drowning, other
}

/// Whether an accident is a liability accident (责任事故): the one-vote veto turns on this.
public enum AccidentLiability: String, Codable, CaseIterable, Sendable {
    case liability     // 责任事故
    case nonLiability  // 非责任事故
    case undetermined  // 待认定
}

/// How a public report (群众举报) reached the township.
public enum ReportChannel: String, Codable, CaseIterable, Sendable {
    case hotline12345  // 12345 热线
    case phone         // 电话
    case visit         // 来访
    case online        // 网络
    case letter        // 来信
    case other
}

/// The numbers one kind of activity adds up to in a period.
public struct ActivityTally: Equatable, Sendable, Codable {
    public var count: Int
    public var people: Int

    public init(count: Int = 0, people: Int = 0) { self.count = count; self.people = people }

    public static func + (a: ActivityTally, b: ActivityTally) -> ActivityTally {
        ActivityTally(count: a.count + b.count, people: a.people + b.people)
    }
}

/// Rules of the activity, accident and public report registers.
public enum RegisterRules {
    /// People reached: none is allowed (a drill may record 0); a township-wide event rarely
    /// passes a few hundred thousand, so anything above one million is a typing error.
    public static let maxPeople = 1_000_000

    public static func validatePeople(_ n: Int?, field: String, into errors: inout FieldErrors) {
        guard let n else { return errors.add(field, "error.field.required") }
        if n < 0 || n > maxPeople { errors.add(field, "error.register.people_range", args: ["0", "\(maxPeople)"]) }
    }

    /// A register entry is about something that has happened: never dated after today.
    public static func validatePast(_ day: CivilDate?, today: CivilDate, field: String, into errors: inout FieldErrors) {
        guard let day else { return errors.add(field, "error.field.date") }
        if day > today { errors.add(field, "error.register.future_date") }
    }

    /// A report is handled after (or when) it was received.
    public static func validateHandled(received: CivilDate?, handled: CivilDate?, into errors: inout FieldErrors) {
        if let received, let handled, handled < received { errors.add("handledOn", "error.register.handled_before_received") }
    }
}

/// The three registers of issue 6 and who may use them.
public enum Register: String, Codable, CaseIterable, Sendable {
    case activities, accidents, publicReports
}

public enum RegisterPermissions {
    /// Reading registers, assessments and bulletins follows the grid scope; enterprise users
    /// see none of them (they are the township's own records).
    public static func mayView(_ actor: Actor) -> Bool {
        actor.role != .enterprise
    }

    /// Who records an entry in a grid. Grid workers record the activities they run in their
    /// grids; accidents and public reports are the township office's (应急办) registers.
    public static func mayRecord(_ register: Register, _ actor: Actor, gridPath: String) -> Bool {
        switch actor.role {
        case .admin: true
        case .officer: actor.covers(gridPath: gridPath)
        case .gridWorker: register == .activities && actor.covers(gridPath: gridPath)
        case .leader, .department, .enterprise, .expert: false
        }
    }

    /// Assessments and bulletins: the township office and leaders; officers and admins generate.
    public static func mayViewAssessment(_ actor: Actor) -> Bool {
        [.admin, .officer, .leader].contains(actor.role)
    }

    /// The indicator sets are the district's yardstick for every township: administrators only.
    public static func mayEditIndicatorSets(_ actor: Actor) -> Bool {
        actor.role == .admin
    }

    public static func mayGenerateBulletin(_ actor: Actor, gridPath: String) -> Bool {
        actor.role == .admin || (actor.role == .officer && actor.covers(gridPath: gridPath))
    }
}
