@testable import App
import Testing

/// Tokens are stored as the lower-case hex of their SHA-256: the format every stored token and
/// session lookup depends on.
@Suite struct TokenHashTests {
    @Test("a token's hash is the lower-case hex SHA-256 of its UTF-8 bytes")
    func hex() {
        #expect(TokenHash.of("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(TokenHash.of("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(TokenHash.of("平安") != TokenHash.of("平安 "), "every byte counts")
    }
}
