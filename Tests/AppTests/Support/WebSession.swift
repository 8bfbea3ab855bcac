@testable import App
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix
import Testing
import Vapor
import VaporTesting

/// A browser stand-in for the web pages: signs in through the login form, keeps the session
/// cookie, and reads the CSRF token from each page it loads.
struct WebSession {
    let app: Application
    private(set) var cookie: String
    private(set) var csrf: String
    /// When set, every request goes over a real socket to the server listening on this
    /// loopback port (see `withLiveServer`): bodies then arrive streamed, as from a browser.
    var port: Int?
    /// Where signing in sent the browser (the login form's redirect).
    private(set) var landing = ""

    static let cookieName = "safegrid_session"

    /// GET /login for the anonymous token cookie and the form's token, POST the form, then
    /// load a page for the token of the new session.
    static func login(_ app: Application, _ username: String, password: String = Fixture.password, port: Int? = nil) async throws -> WebSession {
        let anonymous = WebSession(app: app, cookie: "", csrf: "", port: port)
        let form = try await anonymous.send(.GET, "/login")
        guard let cookie = form.headers.setCookie?[CSRFMiddleware.anonymousCookie]?.string else {
            throw TestFailure("GET /login set no \(CSRFMiddleware.anonymousCookie) cookie")
        }
        let token = try csrfToken(in: form.body.string)
        let body = "_csrf=\(encode(token))&username=\(encode(username))&password=\(encode(password))"
        let response = try await anonymous.send(.POST, "/login", cookie: "\(CSRFMiddleware.anonymousCookie)=\(cookie)",
                                                contentType: "application/x-www-form-urlencoded", body: ByteBuffer(string: body))
        guard response.status == .seeOther, let signedIn = response.headers.setCookie?[cookieName]?.string, !signedIn.isEmpty else {
            throw TestFailure("login of \(username) failed: \(response.status) \(response.body.string.prefix(300))")
        }
        var session = WebSession(app: app, cookie: signedIn, csrf: "", port: port)
        session.landing = response.headers.first(name: .location) ?? ""
        session.csrf = try csrfToken(in: try await session.get("/").body.string)
        return session
    }

    /// One request, in memory or over the socket; redirects are returned, not followed.
    func send(_ method: HTTPMethod, _ path: String, cookie: String? = nil, contentType: String? = nil,
              body: ByteBuffer? = nil) async throws -> WebResponse {
        var headers = HTTPHeaders()
        if let cookie = cookie ?? (self.cookie.isEmpty ? nil : "\(Self.cookieName)=\(self.cookie)") { headers.replaceOrAdd(name: .cookie, value: cookie) }
        if let contentType { headers.replaceOrAdd(name: .contentType, value: contentType) }
        guard let port else {
            let response = try await app.testing().sendRequest(method, path, headers: headers, body: body)
            return WebResponse(status: response.status, headers: response.headers, body: response.body)
        }
        let client = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
                                configuration: .init(redirectConfiguration: .disallow))
        do {
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
            request.method = method
            request.headers = headers
            if let body { request.body = .bytes(body) }
            let response = try await client.execute(request, timeout: .seconds(60))
            let collected = try await response.body.collect(upTo: 16 << 20)
            try await client.shutdown()
            return WebResponse(status: response.status, headers: response.headers, body: collected)
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    static func csrfToken(in html: String) throws -> String {
        guard let range = html.range(of: #"name="_csrf" value="([^"]+)""#, options: .regularExpression) else {
            throw TestFailure("no _csrf field in the page")
        }
        return String(html[range].split(separator: "\"")[3])
    }

    func get(_ path: String) async throws -> WebResponse {
        try await send(.GET, path)
    }

    /// Posts a URL-encoded form; the CSRF token is added unless `csrf` is false.
    func post(_ path: String, _ fields: [(String, String)], csrf withToken: Bool = true) async throws -> WebResponse {
        let all = (withToken ? [("_csrf", csrf)] : []) + fields
        let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send(.POST, path, contentType: "application/x-www-form-urlencoded", body: ByteBuffer(string: body))
    }

    /// Posts multipart form data, as the forms with photos do.
    func postMultipart(_ path: String, _ fields: [(String, String)], files: [(name: String, filename: String, bytes: [UInt8])] = [],
                       csrf withToken: Bool = true) async throws -> WebResponse {
        let boundary = "----safegrid-web-\(UUID().uuidString)"
        var body = ByteBuffer()
        for (name, value) in (withToken ? [("_csrf", csrf)] : []) + fields {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        for file in files {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.filename)\"\r\n")
            body.writeString("Content-Type: application/octet-stream\r\n\r\n")
            body.writeBytes(file.bytes)
            body.writeString("\r\n")
        }
        body.writeString("--\(boundary)--\r\n")
        return try await send(.POST, path, contentType: "multipart/form-data; boundary=\(boundary)", body: body)
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? ""
    }
}

/// Runs `body` with the application listening on a free loopback port: requests sent to it
/// cross a real socket, so bodies arrive in pieces as from a browser on a phone.
func withLiveServer(_ app: Application, _ body: (Int) async throws -> Void) async throws {
    try await app.server.start(address: .hostname("127.0.0.1", port: 0))
    do {
        guard let port = app.http.server.shared.localAddress?.port else { throw TestFailure("the server has no port") }
        try await body(port)
        await app.server.shutdown()
    } catch {
        await app.server.shutdown()
        throw error
    }
}

/// What a page request answered, whichever way it was sent.
struct WebResponse {
    let status: HTTPStatus
    let headers: HTTPHeaders
    let body: ByteBuffer
}
