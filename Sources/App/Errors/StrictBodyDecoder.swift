import SafeGridDomain
import Vapor

/// Wraps a request-body decoder so that a body it cannot parse is a 400. The multipart and
/// form parsers throw their own private error types, which the error middleware cannot tell
/// from a server fault; a broken body is the client's mistake, whoever made it.
struct StrictBodyDecoder: ContentDecoder {
    let base: any ContentDecoder

    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
        try Self.checkBoundary(headers)
        return try mapped { try base.decode(decodable, from: body, headers: headers) }
    }

    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders,
                              userInfo: [CodingUserInfoKey: any Sendable]) throws -> D {
        try Self.checkBoundary(headers)
        return try mapped { try base.decode(decodable, from: body, headers: headers, userInfo: userInfo) }
    }

    /// MultipartKit traps on an empty boundary (a precondition, which ends the process) rather
    /// than throwing; RFC 2046 allows 1 to 70 characters.
    private static func checkBoundary(_ headers: HTTPHeaders) throws {
        guard let type = headers.contentType, type.type == "multipart" else { return }
        let boundary = type.parameters["boundary"] ?? ""
        guard (1...70).contains(boundary.utf8.count) else { throw SafeGridError(.invalid, "error.bad_body") }
    }

    private func mapped<D>(_ body: () throws -> D) throws -> D {
        do {
            return try body()
        } catch let error as DecodingError {
            throw error
        } catch let error as any AbortError {
            throw error
        } catch {
            throw SafeGridError(.invalid, "error.bad_body")
        }
    }

    /// Installs the wrapper for the body types the server reads.
    static func install() {
        var config = ContentConfiguration.global
        for type in [HTTPMediaType.formData, .urlEncodedForm, .json] {
            guard let decoder = try? config.requireDecoder(for: type), !(decoder is StrictBodyDecoder) else { continue }
            config.use(decoder: StrictBodyDecoder(base: decoder), for: type)
        }
        ContentConfiguration.global = config
    }
}
