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
        let (y, mo, d, h, mi, s, _) = civil(Int(whole))
        var out = "\(pad(y, 4))-\(pad(mo, 2))-\(pad(d, 2))T\(pad(h, 2)):\(pad(mi, 2)):\(pad(s, 2))"
        if micros > 0 { out += "." + pad(micros, 6) }
        return out + "Z"
    }

    /// `Wed, 01 May 2024 12:30:00 GMT` (Python's `email.utils.formatdate(usegmt=True)`).
    static func rfc822(_ seconds: Double) -> String {
        let (y, mo, d, h, mi, s, weekday) = civil(Int(seconds.rounded(.down)))
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
        let days = daysFromCivil(year, month, day)
        return Double(days * 86400 + hour * 3600 + minute * 60 + second - offset) + fraction
    }

    private static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// Howard Hinnant's days-from-civil.
    private static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// (year, month, day, hour, minute, second, weekday with Monday = 0).
    private static func civil(_ seconds: Int) -> (Int, Int, Int, Int, Int, Int, Int) {
        var days = seconds / 86400
        var rem = seconds % 86400
        if rem < 0 {
            rem += 86400
            days -= 1
        }
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        let weekday = ((days % 7) + 7 + 3) % 7  // 1970-01-01 was a Thursday (3 when Monday is 0)
        return (y, m, d, rem / 3600, (rem % 3600) / 60, rem % 60, weekday)
    }
}
