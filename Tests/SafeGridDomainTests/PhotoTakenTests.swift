import Foundation
import Testing
@testable import SafeGridDomain

@Suite("When and where a photo was taken, from its EXIF")
struct PhotoTakenTests {
    static let now = Date(timeIntervalSince1970: 1_796_000_000) // 2026-11-30

    @Test("China time unless the camera wrote its offset")
    func time() {
        let china = PhotoTaken.parse(dateTime: "2026:11:30 14:05:09", offset: nil, latitude: nil, longitude: nil, now: Self.now)
        #expect(china?.takenAt == ISO8601DateFormatter().date(from: "2026-11-30T06:05:09Z"))
        let utc = PhotoTaken.parse(dateTime: "2026:11:30 14:05:09", offset: "+00:00", latitude: nil, longitude: nil, now: Self.now)
        #expect(utc?.takenAt == ISO8601DateFormatter().date(from: "2026-11-30T14:05:09Z"))
        #expect(utc?.latitude == nil)
    }

    @Test("nonsense is dropped, not stored", arguments: ["1980:01:01 00:00:00", "2026:02:30 10:00:00", "2026-11-30 14:05:09", "2027:06:01 10:00:00", "", "0000:00:00 00:00:00"])
    func badTimes(text: String) {
        #expect(PhotoTaken.parse(dateTime: text, offset: nil, latitude: nil, longitude: nil, now: Self.now) == nil)
    }

    @Test("a position on Earth is kept; 0,0 and out of range are not")
    func position() {
        #expect(PhotoTaken.parse(dateTime: nil, offset: nil, latitude: 34.75, longitude: 113.62, now: Self.now)
            == PhotoTaken(latitude: 34.75, longitude: 113.62))
        #expect(PhotoTaken.parse(dateTime: nil, offset: nil, latitude: 0, longitude: 0, now: Self.now) == nil)
        #expect(PhotoTaken.parse(dateTime: nil, offset: nil, latitude: 91, longitude: 113, now: Self.now) == nil)
        #expect(PhotoTaken.parse(dateTime: nil, offset: nil, latitude: .nan, longitude: 113, now: Self.now) == nil)
    }
}
