@testable import App
import Fluent
import Foundation
import SafeGridDomain
import Testing
import Vapor
import VaporTesting

/// A small district: one township with two villages, a second township, one user per role,
/// and a place in village A owned by the enterprise user. Tokens are ready for API calls.
struct Fixture {
    var district: GridRecord
    var township: GridRecord
    var villageA: GridRecord
    var villageB: GridRecord
    var otherTownship: GridRecord
    var otherVillage: GridRecord
    var place: PlaceRecord
    var otherPlace: PlaceRecord
    var users: [String: UserRecord] = [:]
    var tokens: [String: String] = [:]

    static let password = "password-123"

    /// Usernames: admin, officer, officer2 (other township), leader, worker (village A),
    /// worker2 (village A), workerB (village B), fire (department), owner (enterprise), expert.
    static func make(_ app: Application) async throws -> Fixture {
        let dir = DirectoryService(db: app.db, passwords: app.password.async)
        func grid(_ name: String, _ code: String, _ level: GridLevel, _ parent: GridRecord?) async throws -> GridRecord {
            try await dir.createGrid(GridCreateRequest(name: name, code: code, level: level.rawValue, kind: "territorial", parentId: parent?.id), by: nil)
        }
        let district = try await grid("上街区", "410106", .district, nil)
        let township = try await grid("峡窝镇", "410106100", .township, district)
        let villageA = try await grid("马固村", "410106100201", .village, township)
        let villageB = try await grid("峡窝村", "410106100202", .village, township)
        let otherTownship = try await grid("新安路街道", "410106003", .township, district)
        let otherVillage = try await grid("新安社区", "410106003001", .village, otherTownship)
        let place = try await dir.savePlace(PlaceRequest(name: "马固建材厂", category: "industrialEnterprise", gridId: villageA.id,
                                                         address: "马固村1号", contactName: "张三", contactPhone: "13800000001"), existing: nil, by: nil)
        let otherPlace = try await dir.savePlace(PlaceRequest(name: "新安路火锅店", category: "shop", gridId: otherVillage.id,
                                                              address: "新安路2号"), existing: nil, by: nil)
        var fixture = Fixture(district: district, township: township, villageA: villageA, villageB: villageB,
                              otherTownship: otherTownship, otherVillage: otherVillage, place: place, otherPlace: otherPlace)
        let specs: [(String, Role, [GridRecord], String?, [PlaceRecord])] = [
            ("admin", .admin, [], nil, []),
            ("officer", .officer, [township], nil, []),
            ("officer2", .officer, [otherTownship], nil, []),
            ("leader", .leader, [township], nil, []),
            ("worker", .gridWorker, [villageA], nil, []),
            ("worker2", .gridWorker, [villageA], nil, []),
            ("workerB", .gridWorker, [villageB], nil, []),
            ("fire", .department, [], "fire", []),
            ("owner", .enterprise, [], nil, [place]),
            ("expert", .expert, [township], nil, []),
        ]
        for (name, role, grids, department, places) in specs {
            let user = try await dir.createUser(UserCreateRequest(
                username: name, password: password, displayName: "用户\(name)", role: role.rawValue,
                gridIds: grids.compactMap(\.id), department: department, placeIds: places.compactMap(\.id)))
            fixture.users[name] = user
            fixture.tokens[name] = try await fixture.login(app, name)
        }
        return fixture
    }

    func login(_ app: Application, _ username: String) async throws -> String {
        struct Token: Decodable { let token: String }
        let response = try await app.testing().sendRequest(.POST, "/api/v1/auth/token") { req in
            try req.content.encode(["username": username, "password": Self.password])
        }
        guard response.status == .created || response.status == .ok else {
            throw TestFailure("login of \(username) failed: \(response.status) \(response.body.string)")
        }
        return try response.content.decode(Token.self).token
    }
}

/// Sends an API request as `user` (a fixture username) with an optional JSON body.
@discardableResult
func api(_ app: Application, _ method: HTTPMethod, _ path: String, as token: String?,
         json: (any Encodable & Sendable)? = nil) async throws -> TestingHTTPResponse {
    try await app.testing().sendRequest(method, path) { req in
        if let token { req.headers.bearerAuthorization = BearerAuthorization(token: token) }
        if let json {
            let data = try JSONEncoder().encode(json)
            req.headers.contentType = .json
            req.body = ByteBuffer(data: data)
        }
    }
}

/// A response's JSON as the API's own type (`HazardDTO`, `ListResponse<PlaceDTO>`, ...): a
/// member the type lacks, mistypes or misses makes the test fail here with the body, instead
/// of a cast that quietly yields nil. Dates are ISO 8601, as the API writes them.
func decode<T: Decodable>(_ type: T.Type, _ response: TestingHTTPResponse) throws -> T {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    do {
        return try decoder.decode(T.self, from: Data(response.body.readableBytesView))
    } catch {
        throw TestFailure("\(response.status.code) is not a \(T.self): \(error)\n\(response.body.string)")
    }
}

/// JSON of a response as a dictionary, for reading fields without declaring types.
func object(_ response: TestingHTTPResponse) throws -> [String: Any] {
    guard let value = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any] else {
        throw TestFailure("not a JSON object: \(response.body.string)")
    }
    return value
}

/// Uploads a file as multipart form data; returns the response.
func upload(_ app: Application, _ path: String, as token: String, bytes: [UInt8], filename: String = "photo.png",
            kind: String = "after") async throws -> TestingHTTPResponse {
    let boundary = "----safegrid\(UUID().uuidString)"
    var body = ByteBuffer()
    body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n\(kind)\r\n")
    body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\nContent-Type: application/octet-stream\r\n\r\n")
    body.writeBytes(bytes)
    body.writeString("\r\n--\(boundary)--\r\n")
    return try await app.testing().sendRequest(.POST, path) { req in
        req.headers.bearerAuthorization = BearerAuthorization(token: token)
        req.headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        req.body = body
    }
}

enum Bytes {
    static let png: [UInt8] = DemoData.pngPixel
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01] + [UInt8](repeating: 0, count: 64) + [0xFF, 0xD9]
}
