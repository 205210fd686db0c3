import RampartTime
import Foundation

/// Base64 as botocore writes and reads it.
enum Base64 {
    static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
    }

    static func decode(_ text: String) -> [UInt8]? {
        Data(base64Encoded: text, options: .ignoreUnknownCharacters).map { Array($0) }
    }
}

/// Timestamps for request parameters: ISO 8601 in, ISO 8601 / RFC 822 / epoch out, as
/// botocore's serializers write them. Responses keep timestamps as they came (the AWS CLI's
/// default `cli_timestamp_format` is the wire format).
enum Timestamps {
    /// `2024-05-01T12:30:00Z`, or with microseconds when there is a fraction (botocore's format).
    static func iso8601(_ seconds: Double) -> String {
        let whole = seconds.rounded(.down)
        let micros = Int(((seconds - whole) * 1_000_000).rounded())
        let f = UTCCalendar.fields(secondsSinceEpoch: Int(whole))
        let (y, mo, d, h, mi, s) = (f.year, f.month, f.day, f.hour, f.minute, f.second)
        var out = "\(pad(y, 4))-\(pad(mo, 2))-\(pad(d, 2))T\(pad(h, 2)):\(pad(mi, 2)):\(pad(s, 2))"
        if micros > 0 { out += "." + pad(micros, 6) }
        return out + "Z"
    }

    /// `Wed, 01 May 2024 12:30:00 GMT` (Python's `email.utils.formatdate(usegmt=True)`).
    static func rfc822(_ seconds: Double) -> String {
        let f = UTCCalendar.fields(secondsSinceEpoch: Int(seconds.rounded(.down)))
        let (y, mo, d, h, mi, s, weekday) = (f.year, f.month, f.day, f.hour, f.minute, f.second, f.weekday)
        let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(days[weekday]), \(pad(d, 2)) \(months[mo - 1]) \(pad(y, 4)) \(pad(h, 2)):\(pad(mi, 2)):\(pad(s, 2)) GMT"
    }

    /// Seconds since the epoch of an ISO 8601 timestamp; nil otherwise.
    static func parseISO8601(_ text: String) -> Double? { UTCCalendar.secondsSinceEpoch(iso8601: text) }

    private static func pad(_ n: Int, _ width: Int) -> String { UTCCalendar.pad(n, width) }
}
