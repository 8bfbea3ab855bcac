import SafeGridDomain
import Vapor

/// Wraps a request-body decoder so that a body it cannot parse is a 400. The multipart and
/// form parsers throw their own private error types, which the error middleware cannot tell
/// from a server fault; a broken body is the client's mistake, whoever made it.
struct StrictBodyDecoder: ContentDecoder {
    let base: any ContentDecoder

    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
        try mapped { try base.decode(decodable, from: body, headers: headers) }
    }

    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders,
                              userInfo: [CodingUserInfoKey: any Sendable]) throws -> D {
        try mapped { try base.decode(decodable, from: body, headers: headers, userInfo: userInfo) }
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
