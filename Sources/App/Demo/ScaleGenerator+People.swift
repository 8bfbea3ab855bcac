import Fluent
import Foundation
import SafeGridDomain
import Vapor

extension ScaleGenerator {
    /// Who acts in the generated histories.
    struct Staff {
        var admin = 0
        var officerByTownship: [Int: Int] = [:]
        var workerByVillage: [Int: [Int]] = [:]
        var ownerByPlace: [Int: Int] = [:]
        var departments: [Department: Int] = [:]
        var experts: [Int] = []
    }

    /// Users for every role with one shared password hash (bcrypt once, not per user).
    mutating func writeUsers(_ writer: BulkWriter, grids: [GridInfo], places: Int) async throws -> Staff {
        let hash = try await app.password.async.hash(Self.password)
        var staff = Staff()
        var users: [[any Encodable & Sendable]] = []
        var userGrids: [[any Encodable & Sendable]] = []
        var userPlaces: [[any Encodable & Sendable]] = []
        func add(_ username: String, _ name: String, _ role: Role, level: Int? = nil, department: Department? = nil, grids: [Int] = []) -> Int {
            let id = users.count + 1
            users.append([id, username, hash, name, role.rawValue, level, department?.rawValue, nil as String?, true, 0, nil as Date?, now])
            for grid in grids { userGrids.append([userGrids.count + 1, id, grid]) }
            return id
        }
        staff.admin = add("admin", "系统管理员", .admin)
        for district in grids where district.level == .district {
            for department in Department.allCases {
                staff.departments[department] = add("dept-\(district.code)-\(department.rawValue)", "行业部门", .department, department: department, grids: [district.id])
            }
            for i in 1...3 { staff.experts.append(add("expert-\(district.code)-\(i)", "专家\(i)", .expert, grids: [district.id])) }
        }
        for township in grids where township.level == .township {
            staff.officerByTownship[township.id] = add("officer-\(township.code)", "应急办\(township.code)", .officer, grids: [township.id])
            _ = add("leader-\(township.code)", "领导\(township.code)", .leader, grids: [township.id])
        }
        for village in grids where village.level == .village {
            var workers: [Int] = []
            for n in 1...2 {
                workers.append(add("gw-\(village.code)-\(n)", "网格员\(village.code)-\(n)", .gridWorker, level: n, grids: [village.id]))
            }
            staff.workerByVillage[village.id] = workers
        }
        // One enterprise account per hundred places, owning that place.
        for place in stride(from: 1, through: places, by: 100) {
            let id = add("ent-\(place)", "企业\(place)", .enterprise)
            userPlaces.append([userPlaces.count + 1, id, place])
            staff.ownerByPlace[place] = id
        }
        try await writer.insert("users", ["id", "username", "password_hash", "display_name", "role", "level", "department", "phone",
                                          "active", "failed_logins", "locked_until", "created_at"], users)
        try await writer.insert("user_grids", ["id", "user_id", "grid_id"], userGrids)
        try await writer.insert("user_places", ["id", "user_id", "place_id"], userPlaces)
        log("users: \(users.count)")
        return staff
    }
}
