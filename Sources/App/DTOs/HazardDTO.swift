import Foundation
import SafeGridDomain
import Vapor

/// A hazard as the API returns it.
struct HazardDTO: Content {
    var id: Int
    var number: String
    var title: String
    var description: String
    var category: HazardCategory
    var grade: HazardGrade
    var source: HazardSource
    var state: HazardState
    var version: Int
    @NullEncodable var deadline: String?
    var overdue: Bool
    @NullEncodable var daysOverdue: Int?
    var reworkCount: Int
    @NullEncodable var noticeNumber: String?
    var escalation: Int
    var townshipId: Int
    var gridId: Int
    @NullEncodable var placeId: Int?
    @NullEncodable var transferredTo: Department?
    @NullEncodable var responsibleName: String?
    @NullEncodable var responsiblePhone: String?
    @NullEncodable var responsibleUserId: Int?
    @NullEncodable var responsibleDepartment: Department?
    @NullEncodable var requirement: String?
    @NullEncodable var plan: GovernancePlan?
    var discoveredAt: Date
    var discoveredById: Int
    @NullEncodable var latitude: Double?
    @NullEncodable var longitude: Double?
    @NullEncodable var locationText: String?
    @NullEncodable var closedAt: Date?
    @NullEncodable var createdAt: Date?
    @NullEncodable var updatedAt: Date?
    /// What the caller may do now, so clients show only possible actions.
    var allowedActions: [HazardAction]

    init(_ h: HazardRecord, for user: CurrentUser, today: CivilDate) {
        self.init(h.snapshot, for: user, today: today)
    }

    init(_ h: HazardSnapshot, for user: CurrentUser, today: CivilDate) {
        id = h.id
        number = h.number
        title = h.title
        description = h.description
        category = h.category
        grade = h.grade
        source = h.source
        state = h.state
        version = h.version
        deadline = h.deadline
        let days = Overdue.daysOverdue(state: h.state, deadline: h.deadline.flatMap(CivilDate.init(iso:)), today: today)
        daysOverdue = days
        overdue = days != nil
        reworkCount = h.reworkCount
        noticeNumber = h.noticeNumber
        escalation = h.escalation
        townshipId = h.townshipId
        gridId = h.gridId
        placeId = h.placeId
        transferredTo = h.transferredTo
        responsibleName = h.responsibleName
        responsiblePhone = h.responsiblePhone
        responsibleUserId = h.responsibleUserId
        responsibleDepartment = h.responsibleDepartment
        requirement = h.requirement
        plan = h.plan.flatMap { JSONCoding.decode(GovernancePlan.self, $0) }
        discoveredAt = h.discoveredAt
        discoveredById = h.discoveredById
        latitude = h.latitude
        longitude = h.longitude
        locationText = h.locationText
        closedAt = h.closedAt
        createdAt = h.createdAt
        updatedAt = h.updatedAt
        allowedActions = Permissions.allowedActions(user.actor, h.facts)
    }
}

struct HazardEventDTO: Content {
    var id: Int
    var hazardId: Int
    var action: HazardAction
    var actorId: Int
    var actorName: String?
    var actorRole: Role
    var occurredAt: Date
    var fromState: HazardState?
    var toState: HazardState
    var note: String?
    var latitude: Double?
    var longitude: Double?
    var details: EventDetails
    var attachmentIds: [Int]

    init(_ e: HazardEventSnapshot) {
        id = e.id
        hazardId = e.hazardId
        action = e.action
        actorId = e.actorId
        actorName = e.actorName
        actorRole = e.actorRole
        occurredAt = e.occurredAt
        fromState = e.fromState
        toState = e.toState
        note = e.note
        latitude = e.latitude
        longitude = e.longitude
        details = JSONCoding.decode(EventDetails.self, e.details) ?? EventDetails()
        attachmentIds = JSONCoding.decode([Int].self, e.attachmentIds) ?? []
    }
}

struct ListResponse<Item: Content>: Content {
    var items: [Item]
    var total: Int
    var limit: Int
    var offset: Int
}
