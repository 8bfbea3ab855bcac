import Foundation
import SafeGridDomain
import NIOSSL
import Vapor

/// HTTPS served by SafeGrid itself (`serve --tls-cert --tls-key`), HTTP/1.1 and HTTP/2, and a
/// second, plain-HTTP port that only redirects to it: a phone that types the bare address
/// still ends on the secure origin that offline mode and location need.
public struct HTTPSOptions: Sendable {
    public var certificateFile: String
    public var keyFile: String
    /// The plain-HTTP port that redirects; nil for none.
    public var redirectPort: Int?

    public init(certificateFile: String, keyFile: String, redirectPort: Int?) {
        self.certificateFile = certificateFile; self.keyFile = keyFile; self.redirectPort = redirectPort
    }

    /// The server's TLS settings from the PEM files (the certificate first, then any chain).
    func configuration() throws -> TLSConfiguration {
        let chain: [NIOSSLCertificate]
        let key: NIOSSLPrivateKey
        do { chain = try NIOSSLCertificate.fromPEMFile(certificateFile) } catch {
            throw SafeGridError(.invalid, "error.tls.certificate", args: [certificateFile, "\(error)"])
        }
        do { key = try NIOSSLPrivateKey(file: keyFile, format: .pem) } catch {
            throw SafeGridError(.invalid, "error.tls.key", args: [keyFile, "\(error)"])
        }
        guard !chain.isEmpty else { throw SafeGridError(.invalid, "error.tls.no_certificate", args: [certificateFile]) }
        return TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
    }

    func apply(to app: Application) throws {
        app.http.server.configuration.tlsConfiguration = try configuration()
        app.http.server.configuration.supportVersions = [.one, .two]
    }
}

/// The redirecting port: every request, whatever its path or method, is sent to the same
/// path on HTTPS (301 for GET and HEAD, 308 otherwise, so a form's POST stays a POST).
struct HTTPSRedirectMiddleware: AsyncMiddleware {
    let httpsPort: Int
    let fallbackHost: String

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let host = Self.host(from: req.headers.first(name: .host)) ?? fallbackHost
        let path = req.url.string.hasPrefix("/") && !req.url.string.hasPrefix("//") ? req.url.string : "/"
        let location = "https://" + host + (httpsPort == 443 ? "" : ":\(httpsPort)") + path
        let status: HTTPResponseStatus = req.method == .GET || req.method == .HEAD ? .movedPermanently : .permanentRedirect
        return Response(status: status, headers: [HTTPHeaders.Name.location.description: location])
    }

    /// The host the client asked for, without its port; nil when the header is missing or
    /// holds anything but a host name, an IPv4 address or a bracketed IPv6 address.
    static func host(from header: String?) -> String? {
        guard let header, !header.isEmpty, header.utf8.count <= 260 else { return nil }
        if header.hasPrefix("[") {
            guard let end = header.firstIndex(of: "]") else { return nil }
            let inner = header[header.index(after: header.startIndex)..<end]
            guard IntranetCA.ipv6(String(inner)) != nil else { return nil }
            return String(header[...end])
        }
        let name = header.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
        return IntranetCA.ipv4(name) != nil || IntranetCA.isHostName(name) ? name : nil
    }
}

extension SafeGridApp {
    /// What `tls init` tells the office after writing the files, in both languages.
    public static func tlsNextSteps(folder: String) -> String {
        Catalogue.bilingual("tls.next_steps", [folder + "/server.pem", folder + "/server-key.pem"])
    }

    /// The plain-HTTP application that only redirects, sharing the main one's event loops.
    static func redirectServer(for app: Application, hostname: String, port: Int, httpsPort: Int) async throws -> Application {
        let redirect = try await Application.make(Environment(name: "production", arguments: ["safegrid"]), .shared(app.eventLoopGroup))
        redirect.http.server.configuration.hostname = hostname
        redirect.http.server.configuration.port = port
        redirect.middleware = Middlewares()
        redirect.middleware.use(HTTPSRedirectMiddleware(httpsPort: httpsPort, fallbackHost: hostname == "0.0.0.0" || hostname == "::" ? "localhost" : hostname))
        do {
            try await redirect.server.start()
        } catch {
            try? await redirect.asyncShutdown()
            throw error
        }
        return redirect
    }

    /// `safegrid tls init`: a new CA and a server certificate signed by it, written to `folder`
    /// (created if needed). Refuses to overwrite existing files unless `force`: replacing the
    /// CA means installing it again on every phone. Returns the files written.
    public static func initTLS(hosts: [String], folder: String, force: Bool, now: Date = Date()) throws -> [String] {
        let files = try IntranetCA.make(hosts: hosts, now: now)
        let fm = FileManager.default
        try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let named: [(String, String, Int16)] = [
            ("ca.pem", files.caCertificate, 0o644), ("ca-key.pem", files.caKey, 0o600),
            ("server.pem", files.serverCertificate, 0o644), ("server-key.pem", files.serverKey, 0o600),
        ]
        let paths = named.map { (folder as NSString).appendingPathComponent($0.0) }
        if !force, let existing = paths.first(where: { fm.fileExists(atPath: $0) }) {
            throw SafeGridError(.invalid, "error.tls.exists", args: [existing])
        }
        for ((_, text, mode), path) in zip(named, paths) {
            guard fm.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: mode]) else {
                throw SafeGridError(.invalid, "error.tls.write", args: [path])
            }
            try fm.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        }
        return paths
    }
}
