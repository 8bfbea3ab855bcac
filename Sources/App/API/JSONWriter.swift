import Foundation
import SafeGridDomain
import Vapor

/// JSON written straight into bytes for the hot list responses. Foundation's `JSONEncoder` builds
/// a tree of boxed values before it writes a byte, and on the ledger API it was the largest single
/// cost (about a third of the CPU, bench/results/2026-11-27-sqlite.md). The text is the same JSON
/// the Codable path gives (`JSONWriterTests` compare the two value by value); dates are ISO 8601
/// in UTC to the second, like Vapor's default JSON encoder.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    /// One entry per open object or array: whether the next member needs a comma before it.
    private var separators: [Bool] = []

    init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

    mutating func object(_ body: (inout JSONWriter) -> Void) {
        open(UInt8(ascii: "{"))
        body(&self)
        close(UInt8(ascii: "}"))
    }

    mutating func array<S: Sequence>(_ elements: S, _ body: (inout JSONWriter, S.Element) -> Void) {
        open(UInt8(ascii: "["))
        for element in elements {
            separate()
            body(&self, element)
        }
        close(UInt8(ascii: "]"))
    }

    /// A member of the object being written: the key, then whatever `value` writes.
    mutating func field<T: JSONWritable>(_ key: StaticString, _ value: T) {
        separate()
        key.withUTF8Buffer { name in
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: name)
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: ":"))
        value.write(to: &self)
    }

    mutating func null() { append("null") }

    mutating func bool(_ value: Bool) { append(value ? "true" : "false") }

    mutating func int(_ value: Int) { append(String(value)) }

    mutating func double(_ value: Double) {
        guard value.isFinite else { return null() }
        // JSONEncoder writes whole numbers without ".0".
        if value == value.rounded(), abs(value) < 1e15 { return int(Int(value)) }
        append(value.description)
    }

    mutating func date(_ value: Date) {
        let seconds = Int(value.timeIntervalSince1970.rounded(.down))
        let day = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let civil = CivilDate(dayNumber: day)
        let inDay = seconds - day * 86_400
        bytes.append(UInt8(ascii: "\""))
        digits(civil.year, 4); bytes.append(UInt8(ascii: "-")); digits(civil.month, 2); bytes.append(UInt8(ascii: "-")); digits(civil.day, 2)
        bytes.append(UInt8(ascii: "T"))
        digits(inDay / 3600, 2); bytes.append(UInt8(ascii: ":")); digits(inDay / 60 % 60, 2); bytes.append(UInt8(ascii: ":")); digits(inDay % 60, 2)
        bytes.append(UInt8(ascii: "Z"))
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        let utf8 = value.utf8
        // Most values need no escaping: copy them whole.
        if utf8.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            bytes.append(contentsOf: utf8)
        } else {
            for byte in utf8 { escape(byte) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func escape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): append("\\\"")
        case UInt8(ascii: "\\"): append("\\\\")
        case 0x0A: append("\\n")
        case 0x0D: append("\\r")
        case 0x09: append("\\t")
        case 0x08: append("\\b")
        case 0x0C: append("\\f")
        case 0..<0x20:
            let hex = Array("0123456789abcdef".utf8)
            append("\\u00")
            bytes.append(hex[Int(byte >> 4)])
            bytes.append(hex[Int(byte & 0x0F)])
        default: bytes.append(byte)
        }
    }

    private mutating func digits(_ value: Int, _ width: Int) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
            rest %= divisor
            divisor /= 10
        }
    }

    private mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        separators.append(false)
    }

    private mutating func close(_ bracket: UInt8) {
        separators.removeLast()
        bytes.append(bracket)
    }

    private mutating func separate() {
        guard let last = separators.last else { return }
        if last { bytes.append(UInt8(ascii: ",")) } else { separators[separators.count - 1] = true }
    }
}

/// A value that can write itself with `JSONWriter`.
protocol JSONWritable {
    func write(to json: inout JSONWriter)
}

extension String: JSONWritable { func write(to json: inout JSONWriter) { json.string(self) } }
extension Int: JSONWritable { func write(to json: inout JSONWriter) { json.int(self) } }
extension Double: JSONWritable { func write(to json: inout JSONWriter) { json.double(self) } }
extension Bool: JSONWritable { func write(to json: inout JSONWriter) { json.bool(self) } }
extension Date: JSONWritable { func write(to json: inout JSONWriter) { json.date(self) } }

extension Optional: JSONWritable where Wrapped: JSONWritable {
    func write(to json: inout JSONWriter) {
        if let value = self { value.write(to: &json) } else { json.null() }
    }
}

extension Array: JSONWritable where Element: JSONWritable {
    func write(to json: inout JSONWriter) { json.array(self) { json, element in element.write(to: &json) } }
}

extension JSONWritable where Self: RawRepresentable, RawValue == String {
    func write(to json: inout JSONWriter) { json.string(rawValue) }
}

extension HazardCategory: JSONWritable {}
extension HazardGrade: JSONWritable {}
extension HazardSource: JSONWritable {}
extension HazardState: JSONWritable {}
extension HazardAction: JSONWritable {}
extension Department: JSONWritable {}

extension GovernancePlan: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("goal", goal)
            json.field("measures", measures)
            json.field("funding", funding)
            json.field("organisation", organisation)
            json.field("timeline", timeline)
            json.field("safetyMeasures", safetyMeasures)
        }
    }
}

extension Response {
    /// A 200 (or `status`) answer carrying what `JSONWriter` wrote.
    convenience init(json: JSONWriter, status: HTTPResponseStatus = .ok) {
        var headers = HTTPHeaders()
        headers.contentType = .json
        self.init(status: status, headers: headers, body: .init(buffer: ByteBuffer(bytes: json.bytes)))
    }
}
