public import struct Foundation.Date
import RampartTime

/// Parses the timestamps AWS and the AWS CLI print: ISO 8601 with `Z` or a numeric offset,
/// with or without fractional seconds (`2026-11-29T12:00:00Z`, `2026-11-29T12:00:00.123000+00:00`),
/// plus the credential report's forms. Hand-written because `ISO8601DateFormatter` rejects
/// some of these and is slow.
public enum Timestamp {
    public static func parse(_ text: String) -> Date? {
        let b = Array(text.utf8)
        func digits(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= b.count else { return nil }
            var value = 0
            for i in start..<(start + count) {
                let d = Int(b[i]) - 48
                guard d >= 0 && d <= 9 else { return nil }
                value = value * 10 + d
            }
            return value
        }
        guard b.count >= 10, let year = digits(0, 4), b[4] == 45, let month = digits(5, 2), b[7] == 45,
            let day = digits(8, 2), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var hour = 0, minute = 0, second = 0
        var fraction = 0.0
        var offsetSeconds = 0
        var i = 10
        if i < b.count, b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: " ") {
            guard let h = digits(i + 1, 2), b.count > i + 3, b[i + 3] == 58, let m = digits(i + 4, 2) else { return nil }
            hour = h
            minute = m
            i += 6
            if i < b.count, b[i] == 58 {
                guard let s = digits(i + 1, 2) else { return nil }
                second = s
                i += 3
            }
            if i < b.count, b[i] == UInt8(ascii: ".") {
                i += 1
                var scale = 0.1
                while i < b.count, b[i] >= 48, b[i] <= 57 {
                    fraction += Double(b[i] - 48) * scale
                    scale /= 10
                    i += 1
                }
            }
            if i < b.count {
                switch b[i] {
                case UInt8(ascii: "Z"): i += 1
                case UInt8(ascii: "+"), UInt8(ascii: "-"):
                    let sign = b[i] == UInt8(ascii: "+") ? 1 : -1
                    guard let oh = digits(i + 1, 2) else { return nil }
                    var j = i + 3
                    if j < b.count, b[j] == 58 { j += 1 }
                    let om = digits(j, 2) ?? 0
                    offsetSeconds = sign * (oh * 3600 + om * 60)
                    i = j + 2
                default: return nil
                }
            }
        }
        guard i >= b.count, hour < 24, minute < 60, second < 61 else { return nil }
        let days = UTCCalendar.daysSinceEpoch(year: year, month: month, day: day)
        let seconds = Double(days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds) + fraction
        return Date(timeIntervalSince1970: seconds)
    }

    /// `2026-11-29T12:00:00Z`: the form Rampart writes.
    public static func format(_ date: Date) -> String {
        let f = UTCCalendar.fields(secondsSinceEpoch: Int(date.timeIntervalSince1970.rounded(.down)))
        let pad = UTCCalendar.pad
        return "\(pad(f.year, 4))-\(pad(f.month, 2))-\(pad(f.day, 2))T\(pad(f.hour, 2)):\(pad(f.minute, 2)):\(pad(f.second, 2))Z"
    }
}
