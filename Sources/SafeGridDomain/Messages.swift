/// 消息: what a person is told when someone else moves a hazard of theirs. The message is
/// written with the event, in its transaction, so nobody hears of a change that did not happen.
public enum MessageKind: String, CaseIterable, Codable, Sendable {
    /// 已交办: the hazard has a responsible party and a deadline.
    case assigned
    /// 待复查: a rectification was submitted and the reader may re-inspect it.
    case toReinspect = "to_reinspect"
    /// 复查不通过: back to rectification.
    case rejected
    /// 已销号: re-inspected and closed.
    case closed
    /// 已延期: a new deadline.
    case extended
    /// 督办: escalated.
    case escalated
    /// 已移交: handed to a department.
    case transferred
    /// 执法措施: enforcement recorded.
    case enforced
    /// 已作废.
    case voided
    /// 新备注.
    case commented
    /// 专项行动任务: a campaign task is now the reader's.
    case campaignTask = "campaign_task"

    /// The message names the deadline the reader now works to.
    public var carriesDeadline: Bool {
        [.assigned, .extended, .rejected, .campaignTask].contains(self)
    }
}

/// Who is told of what. Pure: the App reads the hazard before and after the change and the
/// people who could re-inspect it, and writes one message per recipient.
public enum MessageRules {
    /// The message an action sends; nil for those nobody needs to hear of (recording a hazard
    /// and fixing it on the spot are done by the one who would be told).
    public static func kind(of action: HazardAction) -> MessageKind? {
        switch action {
        case .assign: .assigned
        case .submit: .toReinspect
        case .reject: .rejected
        case .approve: .closed
        case .extend: .extended
        case .escalate: .escalated
        case .transfer: .transferred
        case .enforce: .enforced
        case .void: .voided
        case .comment: .commented
        case .register, .fixOnSite, .campaign: nil
        }
    }

    /// Whether the action needs the people who may act on the hazard next read from the
    /// directory (`recipients`' `candidates`): those who may re-inspect a submission, and the
    /// department a hazard is handed to.
    public static func needsCandidates(_ action: HazardAction) -> Bool {
        action == .submit || action == .transfer
    }

    /// The users told of `action` by `actorId`; `after` is the hazard as the action left it,
    /// `before` as it was. Those it concerns are who found it, who answers for it and who
    /// submitted its rectification. A submission also goes to each candidate who may now
    /// re-inspect it from a township or below: district-wide accounts and administrators
    /// see every submission on 我的任务 and would drown in messages. A transfer also goes
    /// to the receiving department's accounts over the hazard's grid. Never to the actor.
    public static func recipients(of action: HazardAction, by actorId: Int, before: HazardFacts, after: HazardFacts,
                                  candidates: [Actor] = []) -> Set<Int> {
        guard kind(of: action) != nil else { return [] }
        var told = Set([after.discoveredById, after.responsibleUserId, before.responsibleUserId].compactMap { $0 })
        switch action {
        case .submit:
            told = Set([after.discoveredById].compactMap { $0 })
            for actor in candidates where !actor.seesEverything && localDepth(actor, after) >= 1
                && Permissions.allowedActions(actor, after).contains(.approve) {
                told.insert(actor.userId)
            }
        case .reject, .approve:
            if let submitter = before.lastSubmitterId ?? after.lastSubmitterId { told.insert(submitter) }
        case .transfer:
            for actor in candidates where actor.role == .department && actor.department == after.transferredTo
                && Permissions.canView(actor, after) {
                told.insert(actor.userId)
            }
        default:
            break
        }
        told.remove(actorId)
        return told
    }

    /// The depth of the deepest of the actor's grids that holds the hazard: 0 for a district.
    static func localDepth(_ actor: Actor, _ hazard: HazardFacts) -> Int {
        actor.scopePaths.filter { GridRules.isInSubtree(path: hazard.gridPath, of: $0) }.map { GridPath($0).depth }.max() ?? -1
    }

    /// How long a message is kept once read, and at most: the inbox is news, the hazard's
    /// timeline is the record (`MessageSweepJob`).
    public static let readRetention: Double = 180 * 86_400
    public static let retention: Double = 365 * 86_400

    /// A campaign task's owner hears of it when it becomes theirs, unless they made it so.
    public static func tellsTaskOwner(newOwner: Int?, previousOwner: Int?, by actorId: Int) -> Int? {
        guard let newOwner, newOwner != previousOwner, newOwner != actorId else { return nil }
        return newOwner
    }
}
