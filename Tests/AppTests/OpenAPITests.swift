@testable import App
import Foundation
import SafeGridDomain
import Testing
import Vapor
import VaporTesting

/// Keeps `Resources/openapi.json` true: it names exactly the routes the server registers
/// under /api/v1, every `$ref` resolves, and real responses have the shapes it declares.
@Suite("OpenAPI document")
struct OpenAPITests {
    @Test("the served document is OpenAPI 3 and names exactly the registered /api/v1 routes")
    func documentNamesEveryRoute() async throws {
        try await withTestApp { app in
            // setup
            let response = try await app.testing().sendRequest(.GET, "/api/v1/openapi.json")
            #expect(response.status == .ok)
            let document = try OpenAPIDocumentFile(response)
            let version = document.root["openapi"]?.string ?? ""
            #expect(version.hasPrefix("3."), "`openapi` should be 3.x, is \"\(version)\"")

            // MUT
            let documented = document.operations()
            let registered = Self.registeredOperations(app)

            // validate
            let undocumented = registered.keys.filter { documented[$0] == nil }.map { registered[$0]! }.sorted()
            let unserved = documented.keys.filter { registered[$0] == nil }.map { documented[$0]! }.sorted()
            #expect(undocumented.isEmpty, "routes registered but missing from Resources/openapi.json: \(undocumented.joined(separator: ", "))")
            #expect(unserved.isEmpty, "operations in Resources/openapi.json that no route serves: \(unserved.joined(separator: ", "))")
            #expect(!registered.isEmpty, "no /api/v1 routes were found at all")
        }
    }

    @Test("every $ref in the document points at something inside it")
    func everyReferenceResolves() async throws {
        try await withTestApp { app in
            let document = try OpenAPIDocumentFile(try await app.testing().sendRequest(.GET, "/api/v1/openapi.json"))
            let references = document.root.references()
            let broken = references.filter { document.resolve(pointer: $0.ref) == nil }
            #expect(!references.isEmpty)
            #expect(broken.isEmpty, "unresolved $ref: \(broken.map { "\($0.ref) (at \($0.at))" }.joined(separator: ", "))")
        }
    }

    @Test("responses of a full hazard loop match the schemas the document declares for them")
    func responsesMatchSchemas() async throws {
        try await withTestApp { app in
            // setup
            let document = try OpenAPIDocumentFile(try await app.testing().sendRequest(.GET, "/api/v1/openapi.json"))
            let f = try await Fixture.make(app)
            let officer = f.tokens["officer"]!, worker = f.tokens["worker"]!, admin = f.tokens["admin"]!
            func call(_ method: HTTPMethod, _ path: String, _ documented: String, token: String?, json: String? = nil,
                      expect status: HTTPResponseStatus, sourceLocation: SourceLocation = #_sourceLocation) async throws -> OpenAPIValue {
                let response = try await app.testing().sendRequest(method, path) { req in
                    if let token { req.headers.bearerAuthorization = BearerAuthorization(token: token) }
                    if let json { req.headers.contentType = .json; req.body = ByteBuffer(string: json) }
                }
                return document.check(response, method, documented, expect: status, sourceLocation: sourceLocation)
            }
            func uploadChecked(_ path: String, _ documented: String, expect status: HTTPResponseStatus,
                               sourceLocation: SourceLocation = #_sourceLocation) async throws -> OpenAPIValue {
                document.check(try await upload(app, path, as: worker, bytes: Bytes.png), .POST, documented, expect: status, sourceLocation: sourceLocation)
            }

            // MUT and validate: each call checks the expected status, and status and body against the document.
            _ = try await call(.POST, "/api/v1/auth/token", "/auth/token", token: nil, json: #"{"username":"officer","password":"\#(Fixture.password)"}"#,
                               expect: .ok)
            _ = try await call(.GET, "/api/v1/me", "/me", token: officer, expect: .ok)
            _ = try await call(.GET, "/api/v1/grids", "/grids", token: officer, expect: .ok)
            _ = try await call(.GET, "/api/v1/grids/\(f.district.id!)", "/grids/{gridID}", token: admin, expect: .ok)
            _ = try await call(.POST, "/api/v1/grids", "/grids", token: officer,
                               json: #"{"name":"马固村三组","code":"\#(f.villageA.code)003","level":"group","parentId":\#(f.villageA.id!)}"#, expect: .created)
            _ = try await call(.GET, "/api/v1/places?category=industrialEnterprise", "/places", token: officer, expect: .ok)
            let place = try await call(.POST, "/api/v1/places", "/places", token: officer,
                                       json: #"{"name":"峡窝村五金店","category":"shop","gridId":\#(f.villageB.id!),"address":"峡窝村3号"}"#, expect: .created)
            let placeId = place["id"]?.int ?? 0
            _ = try await call(.GET, "/api/v1/places/\(placeId)", "/places/{placeID}", token: officer, expect: .ok)
            _ = try await call(.PATCH, "/api/v1/places/\(placeId)", "/places/{placeID}", token: officer, json: #"{"tags":["重点"],"latitude":34.8,"longitude":113.28}"#,
                               expect: .ok)
            _ = try await call(.GET, "/api/v1/users?role=gridWorker", "/users", token: admin, expect: .ok)
            _ = try await call(.POST, "/api/v1/users", "/users", token: admin,
                               json: #"{"username":"worker3","password":"long-password","role":"gridWorker","gridIds":[\#(f.villageB.id!)],"level":2}"#,
                               expect: .created)

            let photo = try await uploadChecked("/api/v1/attachments", "/attachments", expect: .created)
            let created = try await call(.POST, "/api/v1/hazards", "/hazards", token: worker, json: """
                {"title":"配电箱门锁损坏","category":"electrical","source":"grid","placeId":\(f.place.id!),"attachmentIds":[\(photo["id"]?.int ?? 0)]}
                """, expect: .created)
            let id = created["id"]?.int ?? 0
            _ = try await call(.POST, "/api/v1/hazards/\(id)/actions", "/hazards/{hazardID}/actions", token: officer, json: """
                {"action":"assign","version":1,"responsibleUserId":\(f.users["owner"]!.id!),"requirement":"更换门锁","deadline":"2026-12-03"}
                """, expect: .ok)
            // Uploading onto the hazard records a comment event, so the version moves on by one.
            let evidence = try await uploadChecked("/api/v1/hazards/\(id)/attachments", "/hazards/{hazardID}/attachments", expect: .created)
            _ = try await call(.POST, "/api/v1/hazards/\(id)/actions", "/hazards/{hazardID}/actions", token: worker, json: """
                {"action":"submit","version":3,"note":"已更换","attachmentIds":[\(evidence["id"]?.int ?? 0)],"latitude":34.8,"longitude":113.28}
                """, expect: .ok)
            let selfReview = try await call(.POST, "/api/v1/hazards/\(id)/actions", "/hazards/{hazardID}/actions", token: worker,
                                            json: #"{"action":"approve","version":4,"note":"自己复查"}"#, expect: .forbidden)  // who submitted may not review
            #expect(selfReview["error"]?["code"]?.string == "self_review")
            let stale = try await call(.POST, "/api/v1/hazards/\(id)/actions", "/hazards/{hazardID}/actions", token: officer,
                                       json: #"{"action":"approve","version":3,"note":"复查合格"}"#, expect: .conflict)  // version 3 is stale
            #expect(stale["error"]?["code"]?.string == "stale_version")
            _ = try await call(.POST, "/api/v1/hazards/\(id)/actions", "/hazards/{hazardID}/actions", token: officer,
                               json: #"{"action":"approve","version":4}"#, expect: .badRequest)  // approval needs a note
            let closed = try await call(.POST, "/api/v1/hazards/\(id)/actions", "/hazards/{hazardID}/actions", token: officer,
                                        json: #"{"action":"approve","version":4,"note":"复查合格"}"#, expect: .ok)
            #expect(closed["state"]?.string == "closed", "the loop should end closed, is \(closed["state"]?.string ?? "nil")")
            _ = try await call(.GET, "/api/v1/hazards/\(id)", "/hazards/{hazardID}", token: worker, expect: .ok)
            _ = try await call(.GET, "/api/v1/hazards/\(id)/events", "/hazards/{hazardID}/events", token: officer, expect: .ok)
            _ = try await call(.GET, "/api/v1/hazards?state=closed,rectifying&sort=-number", "/hazards", token: officer, expect: .ok)
            _ = try await call(.GET, "/api/v1/hazards/\(id)", "/hazards/{hazardID}", token: f.tokens["officer2"]!, expect: .notFound)  // other township
            _ = try await call(.GET, "/api/v1/me", "/me", token: nil, expect: .unauthorized)  // no token
            _ = try await call(.POST, "/api/v1/users", "/users", token: officer, json: "{}", expect: .forbidden)  // only admins create users
            let wrong = #"{"username":"leader","password":"wrong-password"}"#
            for _ in 1...SignInThrottle.Scope.accountAtAddress.freeTries {
                _ = try await call(.POST, "/api/v1/auth/token", "/auth/token", token: nil, json: wrong, expect: .unauthorized)  // wrong password
            }
            _ = try await call(.POST, "/api/v1/auth/token", "/auth/token", token: nil, json: wrong, expect: .tooManyRequests)  // free tries used up
        }
    }

    /// `METHOD /api/v1/a/{}` → `METHOD /api/v1/a/:name`, for the routes under /api/v1.
    static func registeredOperations(_ app: Application) -> [String: String] {
        var result: [String: String] = [:]
        for route in app.routes.all {
            guard route.path.count >= 2, route.path[0].description == "api", route.path[1].description == "v1" else { continue }
            let normalised = route.path.map { component -> String in
                switch component {
                case .constant(let text): text
                case .parameter: "{}"
                case .anything: "*"
                case .catchall: "**"
                }
            }
            let key = "\(route.method.rawValue.uppercased()) /\(normalised.joined(separator: "/"))"
            result[key] = "\(route.method.rawValue.uppercased()) /\(route.path.map(\.description).joined(separator: "/"))"
        }
        return result
    }
}

/// The OpenAPI document as parsed JSON, with the lookups the tests need.
struct OpenAPIDocumentFile {
    let root: OpenAPIValue

    static let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    init(_ response: TestingHTTPResponse) throws {
        do {
            root = try JSONDecoder().decode(OpenAPIValue.self, from: Data(response.body.readableBytesView))
        } catch {
            throw TestFailure("/api/v1/openapi.json is not JSON: \(error)")
        }
        guard root.object != nil else { throw TestFailure("/api/v1/openapi.json is not a JSON object") }
    }

    /// Server path of the first server entry, e.g. `/api/v1`.
    var basePath: String {
        var url = root["servers"]?.array?.first?["url"]?.string ?? ""
        if let scheme = url.range(of: "://") {
            url = String(url[scheme.upperBound...].drop { $0 != "/" })
        }
        return url.hasSuffix("/") ? String(url.dropLast()) : url
    }

    /// `METHOD /api/v1/a/{}` → `METHOD /api/v1/a/{name}` for every operation.
    func operations() -> [String: String] {
        var result: [String: String] = [:]
        for (path, item) in root["paths"]?.object ?? [:] {
            let full = basePath + path
            let normalised = full.replacingOccurrences(of: #"\{[^/}]*\}"#, with: "{}", options: .regularExpression)
            for method in (item.object ?? [:]).keys where Self.methods.contains(method) {
                result["\(method.uppercased()) \(normalised)"] = "\(method.uppercased()) \(full)"
            }
        }
        return result
    }

    /// Resolves a local reference such as `#/components/schemas/Hazard`.
    func resolve(pointer: String) -> OpenAPIValue? {
        guard pointer.hasPrefix("#") else { return nil }
        var node = root
        for raw in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: true) {
            let token = raw.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            if let next = node[token] { node = next }
            else if let index = Int(token), let array = node.array, array.indices.contains(index) { node = array[index] }
            else { return nil }
        }
        return node
    }

    /// Follows `$ref` until a node without one.
    func dereference(_ node: OpenAPIValue) -> OpenAPIValue {
        var current = node, hops = 0
        while let ref = current["$ref"]?.string, let target = resolve(pointer: ref), hops < 20 { current = target; hops += 1 }
        return current
    }

    /// Checks that the response has the status the test `expect`s, that `method documentedPath`
    /// lists that status and that its JSON body fits the declared schema; records an issue per
    /// problem and returns the body.
    @discardableResult
    func check(_ response: TestingHTTPResponse, _ method: HTTPMethod, _ documentedPath: String, expect expected: HTTPResponseStatus,
               sourceLocation: SourceLocation = #_sourceLocation) -> OpenAPIValue {
        let operation = "\(method.rawValue) \(documentedPath)"
        let body = (try? JSONDecoder().decode(OpenAPIValue.self, from: Data(response.body.readableBytesView))) ?? .null
        if response.status.code != expected.code {
            Issue.record(Comment(rawValue: "\(operation) answered \(response.status.code), expected \(expected.code): \(response.body.string)"),
                         sourceLocation: sourceLocation)
        }
        guard let op = root["paths"]?[documentedPath]?[method.rawValue.lowercased()] else {
            Issue.record(Comment(rawValue: "\(operation) is not in the document"), sourceLocation: sourceLocation)
            return body
        }
        let status = String(response.status.code)
        guard let declared = op["responses"]?[status].map(dereference) else {
            Issue.record(Comment(rawValue: "\(operation) answered \(status), which the document does not list: \(response.body.string)"),
                         sourceLocation: sourceLocation)
            return body
        }
        guard let schema = declared["content"]?["application/json"]?["schema"] else { return body }
        for problem in problems(body, schema, at: "body") {
            Issue.record(Comment(rawValue: "\(operation) \(status): \(problem)"), sourceLocation: sourceLocation)
        }
        return body
    }

    /// The ways `value` does not fit `schema` (the subset of OpenAPI 3.0 schemas the document uses).
    func problems(_ value: OpenAPIValue, _ schemaNode: OpenAPIValue, at path: String) -> [String] {
        let schema = dereference(schemaNode)
        if case .null = value {
            return schema["nullable"]?.bool == true ? [] : ["\(path) is null but not nullable"]
        }
        var found: [String] = []
        for part in schema["allOf"]?.array ?? [] { found += problems(value, part, at: path) }
        if let allowed = schema["enum"]?.array, !allowed.contains(value) {
            found.append("\(path) = \(value) is not one of \(allowed)")
        }
        switch (schema["type"]?.string, value) {
        case (nil, _), ("number", .int), ("number", .double), ("integer", .int), ("boolean", .bool):
            break
        case ("string", .string(let text)):
            if schema["format"]?.string == "date", text.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) == nil {
                found.append("\(path) = \"\(text)\" is not a yyyy-MM-dd date")
            }
            if schema["format"]?.string == "date-time", ISO8601DateFormatter().date(from: text) == nil {
                found.append("\(path) = \"\(text)\" is not an ISO 8601 date-time")
            }
        case ("array", .array(let items)):
            for (i, item) in items.enumerated() { found += problems(item, schema["items"] ?? .object([:]), at: "\(path)[\(i)]") }
        case ("object", .object(let members)):
            let properties = schema["properties"]?.object ?? [:]
            for name in schema["required"]?.array?.compactMap(\.string) ?? [] where members[name] == nil {
                found.append("\(path).\(name) is required but missing")
            }
            for (name, member) in members {
                if let property = properties[name] {
                    found += problems(member, property, at: "\(path).\(name)")
                } else if schema["additionalProperties"]?.bool == false {
                    found.append("\(path).\(name) is not declared in the schema")
                }
            }
        case (let type?, _):
            found.append("\(path) should be \(type), is \(value)")
        }
        return found
    }
}

/// Any JSON value, decoded without losing the difference between booleans and numbers.
enum OpenAPIValue: Decodable, Equatable, CustomStringConvertible, Sendable {
    case null, bool(Bool), int(Int), double(Double), string(String)
    case array([OpenAPIValue]), object([String: OpenAPIValue])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let v = try? c.decode(Bool.self) { self = .bool(v) }
        else if let v = try? c.decode(Int.self) { self = .int(v) }
        else if let v = try? c.decode(Double.self) { self = .double(v) }
        else if let v = try? c.decode(String.self) { self = .string(v) }
        else if let v = try? c.decode([OpenAPIValue].self) { self = .array(v) }
        else { self = .object(try c.decode([String: OpenAPIValue].self)) }
    }

    subscript(key: String) -> OpenAPIValue? { object?[key] }
    var object: [String: OpenAPIValue]? { if case .object(let v) = self { v } else { nil } }
    var array: [OpenAPIValue]? { if case .array(let v) = self { v } else { nil } }
    var string: String? { if case .string(let v) = self { v } else { nil } }
    var int: Int? { if case .int(let v) = self { v } else { nil } }
    var bool: Bool? { if case .bool(let v) = self { v } else { nil } }

    /// Every `$ref` in the tree with the JSON path where it sits.
    func references(at path: String = "#") -> [(ref: String, at: String)] {
        switch self {
        case .object(let members):
            let own = members["$ref"]?.string.map { [(ref: $0, at: path)] } ?? []
            return own + members.sorted { $0.key < $1.key }.flatMap { $0.value.references(at: "\(path)/\($0.key)") }
        case .array(let items):
            return items.enumerated().flatMap { $0.element.references(at: "\(path)/\($0.offset)") }
        default:
            return []
        }
    }

    var description: String {
        switch self {
        case .null: "null"
        case .bool(let v): "\(v)"
        case .int(let v): "\(v)"
        case .double(let v): "\(v)"
        case .string(let v): "\"\(v)\""
        case .array(let v): "[\(v.map(\.description).joined(separator: ", "))]"
        case .object(let v): "{\(v.keys.sorted().joined(separator: ", "))}"
        }
    }
}
