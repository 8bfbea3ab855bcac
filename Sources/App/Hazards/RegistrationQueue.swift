import Fluent
import Foundation
import SafeGridDomain
import SQLKit
import Vapor

/// Where a new hazard lies: its grid, township and place, read in two plain statements
/// before the write begins (three Fluent model loads were a third of a registration's CPU).
struct HazardLocation: Sendable {
    var gridId: Int
    var gridPath: String
    var townshipId: Int
    var townshipCode: String
    var placeId: Int?
    var placeLatitude: Double?
    var placeLongitude: Double?

    /// The place's grid wins when a place is given. A place the user may not reach and a
    /// district (not a place where hazards are found) are field errors.
    static func resolve(_ draft: HazardDraft, user: CurrentUser, on db: any Database) async throws -> HazardLocation {
        let sql = db as! any SQLDatabase
        struct GridRow: Decodable {
            let id: Int, path: String, level: String
            let place_id: Int?, place_path: String?, latitude: Double?, longitude: Double?
        }
        let grid: GridRow?
        if let placeId = draft.placeId {
            grid = try await sql.raw("""
                SELECT g.id AS id, g.path AS path, g.level AS level, p.id AS place_id, p.grid_path AS place_path,
                       p.latitude AS latitude, p.longitude AS longitude
                FROM places p JOIN grids g ON g.id = p.grid_id WHERE p.id = \(bind: placeId)
                """).first(decoding: GridRow.self)
            guard let grid, let path = grid.place_path, user.actor.covers(gridPath: path) || user.actor.placeIds.contains(placeId) else {
                throw SafeGridError.invalid(field: "placeId", "error.field.unknown_place")
            }
        } else {
            grid = try await sql.raw("""
                SELECT id, path, level, NULL AS place_id, NULL AS place_path, NULL AS latitude, NULL AS longitude
                FROM grids WHERE id = \(bind: draft.gridId ?? 0)
                """).first(decoding: GridRow.self)
        }
        let path = GridPath(grid?.path ?? "")
        guard let grid, grid.level != GridLevel.district.rawValue, let townshipId = path.strictTownshipId else {
            throw SafeGridError.invalid(field: "gridId", "error.field.unknown_grid")
        }
        struct Township: Decodable { let code: String }
        guard let township = try await sql.raw("SELECT code FROM grids WHERE id = \(bind: townshipId)").first(decoding: Township.self) else {
            throw SafeGridError.invalid(field: "gridId", "error.field.unknown_grid")
        }
        return HazardLocation(gridId: grid.id, gridPath: grid.path, townshipId: townshipId, townshipCode: township.code,
                              placeId: grid.place_id, placeLatitude: grid.latitude, placeLongitude: grid.longitude)
    }
}

/// A new hazard and its `register` event, built and checked before anything is written.
struct Registration: Sendable {
    var hazard: HazardRow
    var event: HazardEventRow
    let townshipCode: String
    let year: Int
    /// The counter that numbers this township's hazards this year.
    var counterName: String

    init(_ draft: HazardDraft, by user: CurrentUser, at location: HazardLocation, now: Date) throws {
        year = CivilDate(now).year
        townshipCode = location.townshipCode
        counterName = "hazard:\(location.townshipId):\(year)"

        hazard = HazardRow(
            townshipId: location.townshipId, gridId: location.gridId, gridPath: location.gridPath, placeId: location.placeId,
            title: draft.title, description: draft.description, category: draft.category, grade: draft.grade, source: draft.source,
            state: .registered, version: 1, reworkCount: 0, escalation: EscalationLevel.none.rawValue,
            discoveredAt: draft.discoveredAt ?? now, discoveredById: user.id,
            latitude: draft.latitude ?? location.placeLatitude, longitude: draft.longitude ?? location.placeLongitude,
            locationText: draft.locationText, createdAt: now, updatedAt: now)

        event = HazardEventRow(
            hazardId: 0, action: .register, actorId: user.id, actorRole: user.role, occurredAt: now, fromState: nil,
            toState: .registered, note: draft.description.isEmpty ? nil : draft.description, latitude: draft.latitude,
            longitude: draft.longitude, details: "{}", attachmentIds: try JSONCoding.string(draft.attachmentIds))
    }

    /// Inserts one registration inside the caller's transaction, for registrations that also
    /// claim evidence or an inspection item in that transaction.
    func insertAlone(in tx: WriteTransaction) async throws -> HazardRow {
        try await Self.insert([self], in: tx)[0]
    }

    /// Numbers, hazards, tallies and events of a group in five statements whatever its size:
    /// one counter update per township, one multi-row insert each for hazards and events,
    /// one upsert for the tallies. Returns the hazards as stored, in the group's order.
    static func insert(_ group: [Registration], in tx: WriteTransaction) async throws -> [HazardRow] {
        var group = group
        var byCounter: [String: [Int]] = [:]
        for (i, registration) in group.enumerated() { byCounter[registration.counterName, default: []].append(i) }
        // Counters in name order: two instances writing to PostgreSQL lock them in the same order.
        for (name, members) in byCounter.sorted(by: { $0.key < $1.key }) {
            let numbers = try await Counter.reserve(name, count: members.count, on: tx)
            for (offset, i) in members.enumerated() {
                group[i].hazard.number = CaseNumber.hazard(townshipCode: group[i].townshipCode, year: group[i].year,
                                                           sequence: numbers.lowerBound + offset)
            }
        }
        let hazards = try await HazardStore.insert(group.map(\.hazard), in: tx)
        var events: [HazardEventRow] = []
        for (r, hazard) in zip(group, hazards) {
            var event = r.event
            event.hazardId = hazard.id
            events.append(event)
        }

        var tallies: [HazardTallies.Key: Int] = [:]
        for hazard in hazards { tallies[HazardTallies.key(of: hazard), default: 0] += 1 }
        try await HazardTallies.add(tallies, on: tx)

        try await HazardStore.append(events, in: tx)
        return hazards
    }
}

/// Group commit for registrations. While one group's transaction runs, new registrations
/// wait here; the next transaction takes all of them (up to `maxGroup`). Each request is
/// answered only after the transaction holding its hazard has committed, so durability is
/// that of a single commit (SQLite `synchronous=FULL`, PostgreSQL's WAL flush), while the
/// statements and the disk flush are shared: on SQLite, where writers queue for one lock,
/// registrations per second then grow with the number waiting instead of staying at one
/// transaction each (bench/results). If a group fails, its members are retried one by one,
/// so only the registration at fault gets the error.
actor RegistrationQueue {
    static let maxGroup = 200

    private struct Waiting {
        let registration: Registration
        let continuation: CheckedContinuation<HazardRow, any Error>
    }

    private var waiting: [Waiting] = []
    private var draining = false

    func register(_ registration: Registration, on db: any Database, gate: WriteGate, sqlite: Bool) async throws -> HazardRow {
        try await withCheckedThrowingContinuation { continuation in
            waiting.append(Waiting(registration: registration, continuation: continuation))
            if !draining {
                draining = true
                Task { await drain(on: db, gate: gate, sqlite: sqlite) }
            }
        }
    }

    private func drain(on db: any Database, gate: WriteGate, sqlite: Bool) async {
        while !waiting.isEmpty {
            let group = Array(waiting.prefix(Self.maxGroup))
            waiting.removeFirst(group.count)
            let results = await Self.commit(group.map(\.registration), on: db, gate: gate, sqlite: sqlite)
            for (member, result) in zip(group, results) { member.continuation.resume(with: result) }
        }
        draining = false
    }

    /// One transaction for the group; on failure, one transaction per member.
    static func commit(_ group: [Registration], on db: any Database, gate: WriteGate, sqlite: Bool) async -> [Result<HazardRow, any Error>] {
        do {
            let hazards = try await db.writeTransaction(gate: gate, sqlite: sqlite) { tx in try await Registration.insert(group, in: tx) }
            return hazards.map { .success($0) }
        } catch {
            guard group.count > 1 else { return [.failure(error)] }
            var results: [Result<HazardRow, any Error>] = []
            for member in group { results += await commit([member], on: db, gate: gate, sqlite: sqlite) }
            return results
        }
    }
}

extension Application {
    private struct RegistrationQueueKey: StorageKey { typealias Value = RegistrationQueue }

    var registrationQueue: RegistrationQueue {
        if let queue = storage[RegistrationQueueKey.self] { return queue }
        let queue = RegistrationQueue()
        storage[RegistrationQueueKey.self] = queue
        return queue
    }
}
