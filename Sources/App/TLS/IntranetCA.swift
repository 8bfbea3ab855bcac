import Crypto
import Foundation
import SafeGridDomain
import SwiftASN1
import X509
#if canImport(Glibc)
import Glibc
#endif

/// A private certificate authority for a township's intranet, made by `safegrid tls init`.
/// Service workers (the phone's offline mode) and geolocation need a secure origin, and an
/// intranet server rarely has a public certificate: the office installs this CA once on each
/// phone (docs/tls.md), and the server presents a certificate it signed for its names and
/// addresses. nginx can use the same files.
enum IntranetCA {
    /// What `tls init` writes: the CA to install on phones, and the server's certificate
    /// (with the CA after it, as servers send the chain) and key for `serve --tls-cert/--tls-key`.
    struct Files {
        let caCertificate: String
        let caKey: String
        let serverCertificate: String
        let serverKey: String
    }

    /// A phone trusts a server certificate from a CA its user installed for at most 825 days
    /// (iOS); the CA itself lasts ten years, so renewing the server's needs no visit to phones.
    static let serverDays = 825
    static let caDays = 3650

    /// The names and addresses the certificate is for: host names (`safegrid.town.local`) and
    /// IPv4 or IPv6 addresses. At least one; at most 20; no wildcards or schemes.
    static func subjectNames(_ hosts: [String]) throws -> [GeneralName] {
        guard !hosts.isEmpty else { throw SafeGridError.invalid(field: "host", "error.tls.no_hosts") }
        guard hosts.count <= 20 else { throw SafeGridError.invalid(field: "host", "error.tls.too_many_hosts", args: ["20"]) }
        return try hosts.map { host in
            if let bytes = ipv4(host) ?? ipv6(host) { return .ipAddress(ASN1OctetString(contentBytes: ArraySlice(bytes))) }
            guard isHostName(host) else { throw SafeGridError.invalid(field: "host", "error.tls.bad_host", args: [host]) }
            return .dnsName(host.lowercased())
        }
    }

    static func make(hosts: [String], now: Date) throws -> Files {
        let names = try subjectNames(hosts)
        let caKey = P256.Signing.PrivateKey()
        let caName = try DistinguishedName {
            OrganizationName("SafeGrid 平安网格")
            CommonName("SafeGrid intranet CA \(Self.stamp(now))")
        }
        let caPublic = Certificate.PublicKey(caKey.publicKey)
        let ca = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: caPublic,
            notValidBefore: now.addingTimeInterval(-3600), notValidAfter: now.addingTimeInterval(Double(caDays) * 86_400),
            issuer: caName, subject: caName,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(hash: caPublic)
            },
            issuerPrivateKey: Certificate.PrivateKey(caKey))

        let serverKey = P256.Signing.PrivateKey()
        let serverPublic = Certificate.PublicKey(serverKey.publicKey)
        let server = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: serverPublic,
            notValidBefore: now.addingTimeInterval(-3600), notValidAfter: now.addingTimeInterval(Double(serverDays) * 86_400),
            issuer: caName, subject: try DistinguishedName { CommonName(hosts[0]) },
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames(names)
                SubjectKeyIdentifier(hash: serverPublic)
                AuthorityKeyIdentifier(keyIdentifier: SubjectKeyIdentifier(hash: caPublic).keyIdentifier)
            },
            issuerPrivateKey: Certificate.PrivateKey(caKey))

        let caPEM = try ca.serializeAsPEM().pemString
        return Files(caCertificate: caPEM + "\n", caKey: caKey.pemRepresentation + "\n",
                     serverCertificate: try server.serializeAsPEM().pemString + "\n" + caPEM + "\n",
                     serverKey: serverKey.pemRepresentation + "\n")
    }

    private static func stamp(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "Asia/Shanghai")
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: date)
    }

    static func ipv4(_ text: String) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy(\.isASCII), let n = UInt8(part), part == String(n) else { return nil }
            bytes.append(n)
        }
        return bytes
    }

    static func ipv6(_ text: String) -> [UInt8]? {
        guard text.contains(":"), text.count <= 45 else { return nil }
        var address = in6_addr()
        guard inet_pton(AF_INET6, text, &address) == 1 else { return nil }
        return withUnsafeBytes(of: &address) { Array($0) }
    }

    /// Letters, digits and hyphens in dot-separated labels of 1–63, 253 in all, and a last
    /// label that is not all digits (`10.0.0.256` is a mistyped address, not a name).
    static func isHostName(_ text: String) -> Bool {
        guard (1...253).contains(text.utf8.count) else { return false }
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        if let last = labels.last, last.allSatisfy(\.isNumber) { return false }
        return labels.allSatisfy { label in
            (1...63).contains(label.utf8.count) && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.utf8.allSatisfy { c in (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2D }
        }
    }
}
