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
    /// Working days past the deadline: the count supervision escalates by.
    @NullEncodable var workdaysOverdue: Int?
    /// The deadline falls on a weekend or holiday of the working-day calendar.
    var deadlineOnRestDay: Bool
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

    init(_ h: HazardRow, for user: CurrentUser, today: CivilDate, calendar: WorkCalendar) {
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
        let deadlineDay = h.deadline.flatMap(CivilDate.init(iso:))
        let days = Overdue.daysOverdue(state: h.state, deadline: deadlineDay, today: today)
        daysOverdue = days
        overdue = days != nil
        workdaysOverdue = Overdue.workdaysOverdue(state: h.state, deadline: deadlineDay, today: today, calendar: calendar)
        deadlineOnRestDay = Overdue.isOnRestDay(deadlineDay, calendar: calendar)
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

    init(_ e: HazardEventListItem) {
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

    /// Lists of items that write themselves skip `JSONEncoder` (see `JSONWriter`); the rest go
    /// through the configured content encoder as usual.
    func encodeResponse(for request: Request) async throws -> Response {
        if let writable = self as? any JSONWritable {
            var json = JSONWriter(capacity: 1024 + items.count * 1024)
            writable.write(to: &json)
            return Response(json: json)
        }
        let response = Response()
        try response.content.encode(self)
        return response
    }
}

extension HazardDTO {
    /// Written by `JSONWriter`, like the lists (a registration's answer went through JSONEncoder).
    func encodeResponse(for request: Request) async throws -> Response {
        var json = JSONWriter(capacity: 2048)
        write(to: &json)
        return Response(json: json)
    }
}

extension HazardDTO: JSONWritable {
    /// The same members, in the same order, as the Codable conformance writes.
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("id", id)
            json.field("number", number)
            json.field("title", title)
            json.field("description", description)
            json.field("category", category)
            json.field("grade", grade)
            json.field("source", source)
            json.field("state", state)
            json.field("version", version)
            json.field("deadline", deadline)
            json.field("overdue", overdue)
            json.field("daysOverdue", daysOverdue)
            json.field("workdaysOverdue", workdaysOverdue)
            json.field("deadlineOnRestDay", deadlineOnRestDay)
            json.field("reworkCount", reworkCount)
            json.field("noticeNumber", noticeNumber)
            json.field("escalation", escalation)
            json.field("townshipId", townshipId)
            json.field("gridId", gridId)
            json.field("placeId", placeId)
            json.field("transferredTo", transferredTo)
            json.field("responsibleName", responsibleName)
            json.field("responsiblePhone", responsiblePhone)
            json.field("responsibleUserId", responsibleUserId)
            json.field("responsibleDepartment", responsibleDepartment)
            json.field("requirement", requirement)
            json.field("plan", plan)
            json.field("discoveredAt", discoveredAt)
            json.field("discoveredById", discoveredById)
            json.field("latitude", latitude)
            json.field("longitude", longitude)
            json.field("locationText", locationText)
            json.field("closedAt", closedAt)
            json.field("createdAt", createdAt)
            json.field("updatedAt", updatedAt)
            json.field("allowedActions", allowedActions)
        }
    }
}

extension ListResponse: JSONWritable where Item: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("items", items)
            json.field("total", total)
            json.field("limit", limit)
            json.field("offset", offset)
        }
    }
}
