@testable import App
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import SafeGridDomain
import SwiftASN1
import Testing
import Vapor
import X509

/// HTTPS on the intranet in one command: `safegrid tls init` makes a CA and a certificate a
/// phone accepts once the CA is installed, `serve --tls-cert --tls-key` speaks HTTP/1.1 and
/// HTTP/2 with it, and the plain-HTTP port only redirects (issue 14).
@Suite("HTTPS for the intranet")
struct TLSTests {
    @Test("host names and addresses: IPv4, IPv6 and names become subject names; anything else is refused")
    func hosts() throws {
        let names = try IntranetCA.subjectNames(["192.168.1.20", "safegrid.xiawo.local", "fd00::20"])
        #expect(names[0] == .ipAddress(ASN1OctetString(contentBytes: [192, 168, 1, 20])))
        #expect(names[1] == .dnsName("safegrid.xiawo.local"))
        #expect(names[2] == .ipAddress(ASN1OctetString(contentBytes: ArraySlice([0xfd, 0] + [UInt8](repeating: 0, count: 13) + [0x20]))))
        for bad in ["http://safegrid", "*.xiawo.local", "10.0.0.256", "a b", "平安网格", "-x.local", ""] {
            #expect(throws: SafeGridError.invalid(field: "host", "error.tls.bad_host", args: [bad]), "\(bad)") { try IntranetCA.subjectNames([bad]) }
        }
        #expect(throws: SafeGridError.invalid(field: "host", "error.tls.no_hosts")) { try IntranetCA.subjectNames([]) }
    }

    @Test("tls init writes a CA and a server certificate it signed, for the hosts named, 825 days; keys private; no overwrite")
    func initFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("safegrid-tls-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let now = Date.t0
        let paths = try SafeGridApp.initTLS(hosts: ["192.168.1.20", "safegrid.local"], folder: folder, force: false, now: now)
        #expect(paths.map { ($0 as NSString).lastPathComponent } == ["ca.pem", "ca-key.pem", "server.pem", "server-key.pem"])
        let ca = try Certificate(pemEncoded: try String(contentsOfFile: folder + "/ca.pem", encoding: .utf8))
        let chain = try PEMDocument.parseMultiple(pemString: try String(contentsOfFile: folder + "/server.pem", encoding: .utf8))
        #expect(chain.count == 2, "the server's certificate, then the CA")
        let server = try Certificate(pemDocument: chain[0])
        #expect(server.issuer == ca.subject)
        #expect(ca.publicKey.isValidSignature(server.signature, for: server), "the CA signed it")
        let sans = try #require(try server.extensions.subjectAlternativeNames)
        #expect(Array(sans) == [.ipAddress(ASN1OctetString(contentBytes: [192, 168, 1, 20])), .dnsName("safegrid.local")])
        #expect(try server.extensions.basicConstraints == .notCertificateAuthority)
        #expect(try ca.extensions.basicConstraints == .isCertificateAuthority(maxPathLength: 0))
        #expect(server.notValidAfter.timeIntervalSince(now) == 825 * 86_400)
        let keyMode = try FileManager.default.attributesOfItem(atPath: folder + "/ca-key.pem")[.posixPermissions] as? Int
        #expect(keyMode == 0o600)
        #expect(throws: SafeGridError(.invalid, "error.tls.exists", args: [folder + "/ca.pem"])) {
            try SafeGridApp.initTLS(hosts: ["x.local"], folder: folder, force: false)
        }
        _ = try SafeGridApp.initTLS(hosts: ["x.local"], folder: folder, force: true)
        #expect(try Certificate(pemEncoded: try String(contentsOfFile: folder + "/ca.pem", encoding: .utf8)) != ca, "--force makes a new CA")
    }

    @Test("the server answers HTTPS over HTTP/2 with the certificate, and the HTTP port redirects there keeping path and method")
    func serving() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("safegrid-tls-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try SafeGridApp.initTLS(hosts: ["127.0.0.1", "localhost"], folder: folder, force: false)
        try await withTestApp { app in
            try HTTPSOptions(certificateFile: folder + "/server.pem", keyFile: folder + "/server-key.pem", redirectPort: nil).apply(to: app)
            try await withLiveServer(app) { port in
                var tls = TLSConfiguration.makeClientConfiguration()
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(folder + "/ca.pem"))
                let client = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
                                        configuration: .init(tlsConfiguration: tls, redirectConfiguration: .disallow))
                let redirect = try await SafeGridApp.redirectServer(for: app, hostname: "127.0.0.1", port: 0, httpsPort: port)
                do {
                    let secure = try await client.execute(HTTPClientRequest(url: "https://127.0.0.1:\(port)/healthz"), timeout: .seconds(30))
                    #expect(secure.status == .ok)
                    #expect(secure.version == .http2, "HTTP/2 is offered by ALPN and taken")

                    let plainPort = try #require(redirect.http.server.shared.localAddress?.port)
                    let get = try await client.execute(HTTPClientRequest(url: "http://127.0.0.1:\(plainPort)/hazards?state=rectifying"),
                                                       timeout: .seconds(30))
                    #expect(get.status == .movedPermanently)
                    #expect(get.headers.first(name: "location") == "https://127.0.0.1:\(port)/hazards?state=rectifying")
                    var post = HTTPClientRequest(url: "http://127.0.0.1:\(plainPort)/api/v1/hazards")
                    post.method = .POST
                    post.body = .bytes(ByteBuffer(string: "{}"))
                    let posted = try await client.execute(post, timeout: .seconds(30))
                    #expect(posted.status == .permanentRedirect, "a POST stays a POST")

                    // Without the CA, the certificate is not trusted: a phone needs it installed.
                    let stranger = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton)
                    await #expect(throws: (any Error).self) {
                        _ = try await stranger.execute(HTTPClientRequest(url: "https://127.0.0.1:\(port)/healthz"), timeout: .seconds(30))
                    }
                    try await stranger.shutdown()
                } catch {
                    await redirect.server.shutdown()
                    try? await redirect.asyncShutdown()
                    try? await client.shutdown()
                    throw error
                }
                await redirect.server.shutdown()
                try await redirect.asyncShutdown()
                try await client.shutdown()
            }
        }
    }

    @Test("the redirect takes the host the phone asked for, never a forged one")
    func redirectHost() {
        #expect(HTTPSRedirectMiddleware.host(from: "192.168.1.20:8080") == "192.168.1.20")
        #expect(HTTPSRedirectMiddleware.host(from: "safegrid.local") == "safegrid.local")
        #expect(HTTPSRedirectMiddleware.host(from: "[fd00::20]:8080") == "[fd00::20]")
        #expect(HTTPSRedirectMiddleware.host(from: "evil.com/x") == nil)
        #expect(HTTPSRedirectMiddleware.host(from: "a@b") == nil && HTTPSRedirectMiddleware.host(from: nil) == nil)
    }
}
