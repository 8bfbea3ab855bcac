import Foundation
import SafeGridDomain
import Testing

struct AuditTrailTests {
    @Test("SHA-256 matches the standard's test vectors", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func vectors(input: String, expected: String) {
        #expect(SHA256Digest.hex(Array(input.utf8)) == expected)
    }

    @Test("a million 'a's, across many blocks")
    func longInput() {
        #expect(SHA256Digest.hex([UInt8](repeating: 0x61, count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    static func chain(_ n: Int) -> [AuditTrail.Link] {
        var previous = AuditTrail.genesis
        return (1...n).map { seq in
            let fields: [String?] = ["\(seq)", "register", seq % 2 == 0 ? nil : "note \(seq)"]
            let hash = AuditTrail.hash(seq: seq, previous: previous, fields: fields)
            defer { previous = hash }
            return AuditTrail.Link(id: 100 + seq, seq: seq, previous: previous, hash: hash, fields: fields)
        }
    }

    @Test("an intact chain verifies, also in batches")
    func intact() throws {
        let links = Self.chain(10)
        let first = try AuditTrail.verify(Array(links[..<4]), after: (0, AuditTrail.genesis)).get()
        let end = try AuditTrail.verify(Array(links[4...]), after: first).get()
        #expect(end.seq == 10 && end.hash == links[9].hash)
    }

    @Test("a changed field, a missing link and a swapped pair are each named")
    func breaks() {
        var links = Self.chain(6)
        let changed = AuditTrail.Link(id: links[2].id, seq: 3, previous: links[2].previous, hash: links[2].hash, fields: ["3", "approve", "note 3"])
        links[2] = changed
        #expect(AuditTrail.verify(links, after: (0, AuditTrail.genesis)) == .failure(.init(.altered(eventId: 103, seq: 3))))

        var gap = Self.chain(6)
        gap.remove(at: 3)
        #expect(AuditTrail.verify(gap, after: (0, AuditTrail.genesis)) == .failure(.init(.gap(expectedSeq: 4, foundSeq: 5, eventId: 105))))

        // Renumbered to hide the gap: the link to the previous hash breaks instead.
        var renumbered = Self.chain(6)
        renumbered.remove(at: 3)
        renumbered[3] = AuditTrail.Link(id: 105, seq: 4, previous: renumbered[3].previous, hash: renumbered[3].hash, fields: renumbered[3].fields)
        #expect(AuditTrail.verify(renumbered, after: (0, AuditTrail.genesis)) == .failure(.init(.unlinked(eventId: 105, seq: 4))))
    }
}

extension Result: @retroactive Equatable where Success == (seq: Int, hash: String), Failure == AuditTrail.BreakError {
    public static func == (a: Self, b: Self) -> Bool {
        switch (a, b) {
        case let (.success(x), .success(y)): x.seq == y.seq && x.hash == y.hash
        case let (.failure(x), .failure(y)): x == y
        default: false
        }
    }
}
