@testable import App
import Foundation
import Testing
import Vapor
import VaporTesting

/// A browser stand-in for the web pages: signs in through the login form, keeps the session
/// cookie, and reads the CSRF token from each page it loads.
struct WebSession {
    let app: Application
    private(set) var cookie: String
    private(set) var csrf: String

    static let cookieName = "safegrid_session"

    /// GET /login for a cookie and a token, POST the form, then load a page for the token of
    /// the new session (signing in replaces the session).
    static func login(_ app: Application, _ username: String, password: String = Fixture.password) async throws -> WebSession {
        let form = try await app.testing().sendRequest(.GET, "/login")
        guard let cookie = form.headers.setCookie?[cookieName]?.string else {
            throw TestFailure("GET /login set no \(cookieName) cookie")
        }
        let token = try csrfToken(in: form.body.string)
        let response = try await app.testing().sendRequest(.POST, "/login") { req in
            req.headers.replaceOrAdd(name: .cookie, value: "\(cookieName)=\(cookie)")
            try req.content.encode(["_csrf": token, "username": username, "password": password], as: .urlEncodedForm)
        }
        guard response.status == .seeOther, let signedIn = response.headers.setCookie?[cookieName]?.string, !signedIn.isEmpty else {
            throw TestFailure("login of \(username) failed: \(response.status) \(response.body.string.prefix(300))")
        }
        var session = WebSession(app: app, cookie: signedIn, csrf: "")
        session.csrf = try csrfToken(in: try await session.get("/").body.string)
        return session
    }

    static func csrfToken(in html: String) throws -> String {
        guard let range = html.range(of: #"name="_csrf" value="([^"]+)""#, options: .regularExpression) else {
            throw TestFailure("no _csrf field in the page")
        }
        return String(html[range].split(separator: "\"")[3])
    }

    func get(_ path: String) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(.GET, path) { req in
            req.headers.replaceOrAdd(name: .cookie, value: "\(Self.cookieName)=\(cookie)")
        }
    }

    /// Posts a URL-encoded form; the CSRF token is added unless `csrf` is false.
    func post(_ path: String, _ fields: [(String, String)], csrf withToken: Bool = true) async throws -> TestingHTTPResponse {
        let all = (withToken ? [("_csrf", csrf)] : []) + fields
        let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await app.testing().sendRequest(.POST, path) { req in
            req.headers.replaceOrAdd(name: .cookie, value: "\(Self.cookieName)=\(cookie)")
            req.headers.contentType = .urlEncodedForm
            req.body = ByteBuffer(string: body)
        }
    }

    /// Posts multipart form data, as the forms with photos do.
    func postMultipart(_ path: String, _ fields: [(String, String)], files: [(name: String, filename: String, bytes: [UInt8])] = [],
                       csrf withToken: Bool = true) async throws -> TestingHTTPResponse {
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
        return try await app.testing().sendRequest(.POST, path) { req in
            req.headers.replaceOrAdd(name: .cookie, value: "\(Self.cookieName)=\(cookie)")
            req.headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
            req.body = body
        }
    }

    private static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? ""
    }
}
