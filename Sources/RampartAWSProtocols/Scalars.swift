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

    /// Seconds since the epoch of `YYYY-MM-DD[THH:MM[:SS[.fff]]][Z|±HH:MM]`; nil otherwise.
    static func parseISO8601(_ text: String) -> Double? {
        let b = Array(text.utf8)
        var i = 0
        func number(_ count: Int) -> Int? {
            guard i + count <= b.count else { return nil }
            var n = 0
            for k in 0..<count {
                let c = b[i + k]
                guard c >= 48 && c <= 57 else { return nil }
                n = n * 10 + Int(c - 48)
            }
            i += count
            return n
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = number(4), expect(UInt8(ascii: "-")), let month = number(2), expect(UInt8(ascii: "-")), let day = number(2) else {
            return nil
        }
        var hour = 0, minute = 0, second = 0
        var fraction = 0.0
        var offset = 0
        if i < b.count, b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: " ") {
            i += 1
            guard let h = number(2), expect(UInt8(ascii: ":")), let m = number(2) else { return nil }
            hour = h
            minute = m
            if expect(UInt8(ascii: ":")) {
                guard let s = number(2) else { return nil }
                second = s
                if expect(UInt8(ascii: ".")) {
                    var scale = 0.1
                    while i < b.count, b[i] >= 48, b[i] <= 57 {
                        fraction += Double(b[i] - 48) * scale
                        scale /= 10
                        i += 1
                    }
                }
            }
            if expect(UInt8(ascii: "Z")) {
            } else if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
                let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
                i += 1
                guard let oh = number(2) else { return nil }
                _ = expect(UInt8(ascii: ":"))
                guard let om = number(2) else { return nil }
                offset = sign * (oh * 3600 + om * 60)
            }
        }
        guard i == b.count, (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        let days = UTCCalendar.daysSinceEpoch(year: year, month: month, day: day)
        return Double(days * 86400 + hour * 3600 + minute * 60 + second - offset) + fraction
    }

    private static func pad(_ n: Int, _ width: Int) -> String { UTCCalendar.pad(n, width) }
}
