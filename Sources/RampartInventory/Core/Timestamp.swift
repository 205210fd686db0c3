public import struct Foundation.Date
import RampartTime

/// Parses the timestamps AWS and the AWS CLI print: ISO 8601 with `Z` or a numeric offset,
/// with or without fractional seconds (`2026-11-29T12:00:00Z`, `2026-11-29T12:00:00.123000+00:00`),
/// plus the credential report's forms. Hand-written because `ISO8601DateFormatter` rejects
/// some of these and is slow.
public enum Timestamp {
    public static func parse(_ text: String) -> Date? {
        UTCCalendar.secondsSinceEpoch(iso8601: text).map(Date.init(timeIntervalSince1970:))
    }

    /// `2026-11-29T12:00:00Z`: the form Rampart writes.
    public static func format(_ date: Date) -> String {
        let f = UTCCalendar.fields(secondsSinceEpoch: Int(date.timeIntervalSince1970.rounded(.down)))
        let pad = UTCCalendar.pad
        return "\(pad(f.year, 4))-\(pad(f.month, 2))-\(pad(f.day, 2))T\(pad(f.hour, 2)):\(pad(f.minute, 2)):\(pad(f.second, 2))Z"
    }
}
