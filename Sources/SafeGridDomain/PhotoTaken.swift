import Foundation

/// When and where a photo was taken, as the camera wrote it in the photo's EXIF (拍摄时间和位置).
/// The phone reads it before shrinking the photo, which drops the EXIF (Public/js/offline.js),
/// and sends it beside; the record keeps it as evidence of when and where the hazard was seen.
public struct PhotoTaken: Equatable, Sendable {
    public var takenAt: Date?
    public var latitude: Double?
    public var longitude: Double?

    public init(takenAt: Date? = nil, latitude: Double? = nil, longitude: Double? = nil) {
        self.takenAt = takenAt; self.latitude = latitude; self.longitude = longitude
    }

    /// EXIF's `DateTimeOriginal` ("2026:11:30 14:05:09") with its `OffsetTimeOriginal` ("+08:00")
    /// when the camera wrote one; without, the time is China's, where these photos are taken.
    /// Nil for anything else, for a time before 2000 or later than a day after `now` (a camera
    /// whose clock was never set), and a position only when it is a coordinate on Earth other
    /// than 0, 0 (what some cameras write without a fix).
    public static func parse(dateTime: String?, offset: String?, latitude: Double?, longitude: Double?, now: Date) -> PhotoTaken? {
        var taken = PhotoTaken()
        if let dateTime, let date = exifDate(dateTime, offset: offset),
           date >= Date(timeIntervalSince1970: 946_684_800), date <= now.addingTimeInterval(86_400) {
            taken.takenAt = date
        }
        if let latitude, let longitude, latitude.isFinite, longitude.isFinite, (-90...90).contains(latitude),
           (-180...180).contains(longitude), !(latitude == 0 && longitude == 0) {
            taken.latitude = latitude
            taken.longitude = longitude
        }
        return taken == PhotoTaken() ? nil : taken
    }

    static func exifDate(_ text: String, offset: String?) -> Date? {
        let digits = text.split(whereSeparator: { $0 == ":" || $0 == " " }).map { Int($0) }
        guard text.count == 19, digits.count == 6, let year = digits[0], let month = digits[1], let day = digits[2],
              let hour = digits[3], let minute = digits[4], let second = digits[5],
              (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second)
        else { return nil }
        var seconds = 8 * 3600
        if let offset, offset.count == 6, let sign = offset.first, sign == "+" || sign == "-",
           let h = Int(offset.dropFirst().prefix(2)), let m = Int(offset.suffix(2)), h <= 14, m < 60 {
            seconds = (sign == "-" ? -1 : 1) * (h * 3600 + m * 60)
        }
        var calendar = Calendar(identifier: .gregorian)
        guard let zone = TimeZone(secondsFromGMT: seconds) else { return nil }
        calendar.timeZone = zone
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard let date = calendar.date(from: components), calendar.component(.day, from: date) == day else { return nil }
        return date
    }
}
