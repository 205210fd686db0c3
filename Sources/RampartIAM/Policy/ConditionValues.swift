/// Scalar readers for condition values: dates (ISO 8601 or epoch seconds), IP addresses and
/// CIDR blocks (IPv4 and IPv6), numbers and base64 — IAM User Guide, "Condition operators".
enum ConditionScalars {
    /// Seconds since 1970-01-01T00:00:00Z for an ISO 8601 date / date-time (`2020-01-01`,
    /// `2020-01-01T12:00:00Z`, fractional seconds, `+02:00` / `+0200` offsets) or epoch seconds.
    static func date(_ text: String) -> Double? {
        let s = Array(text.utf8)
        if s.isEmpty { return nil }
        if s.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 46 || $0 == 45 }), !s.dropFirst().contains(45) {
            return Double(text)
        }
        var i = 0
        func digits(_ n: Int) -> Int? {
            guard i + n <= s.count else { return nil }
            var v = 0
            for k in i..<(i + n) {
                guard s[k] >= 48 && s[k] <= 57 else { return nil }
                v = v * 10 + Int(s[k] - 48)
            }
            i += n
            return v
        }
        func expect(_ c: UInt8) -> Bool {
            if i < s.count && s[i] == c { i += 1; return true }
            return false
        }
        guard let year = digits(4), expect(45), let month = digits(2), expect(45), let day = digits(2),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var seconds = Double(daysFromCivil(year, month, day)) * 86_400
        if i == s.count { return seconds }
        guard expect(84) || expect(116) || expect(32) else { return nil }
        guard let hour = digits(2), expect(58), let minute = digits(2), hour < 24, minute < 60 else { return nil }
        seconds += Double(hour * 3600 + minute * 60)
        if expect(58) {
            guard let sec = digits(2), sec <= 60 else { return nil }
            seconds += Double(sec)
            if expect(46) {
                var scale = 0.1
                var any = false
                while i < s.count, s[i] >= 48, s[i] <= 57 {
                    seconds += Double(s[i] - 48) * scale
                    scale /= 10
                    i += 1
                    any = true
                }
                if !any { return nil }
            }
        }
        if i == s.count || expect(90) || expect(122) { return i == s.count ? seconds : nil }
        let sign: Double
        if expect(43) { sign = 1 } else if expect(45) { sign = -1 } else { return nil }
        guard let oh = digits(2) else { return nil }
        _ = expect(58)
        guard let om = digits(2), i == s.count else { return nil }
        return seconds - sign * Double(oh * 3600 + om * 60)
    }

    /// Days from 1970-01-01 to the given proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func number(_ text: String) -> Double? {
        let t = Substring(text).trimmingSpaces()
        guard !t.isEmpty, let v = Double(t), v.isFinite else { return nil }
        return v
    }

    static func base64(_ text: String) -> [UInt8]? {
        var table = [Int](repeating: -1, count: 128)
        for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(c)] = i
        }
        var out: [UInt8] = []
        var buffer = 0
        var bits = 0
        var padding = false
        for c in text.utf8 {
            if c == 61 { padding = true; continue }
            guard !padding, c < 128, table[Int(c)] >= 0 else { return nil }
            buffer = (buffer << 6) | table[Int(c)]
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8((buffer >> bits) & 0xFF))
            }
        }
        return out
    }

    /// An IPv4 (4 bytes) or IPv6 (16 bytes) address.
    static func ipAddress(_ text: String) -> [UInt8]? {
        if text.utf8.contains(58) { return ipv6(text) }
        return ipv4(Substring(text))
    }

    static func ipv4(_ text: Substring) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(4)
        var value = 0
        var digits = 0
        for b in text.utf8 {
            if b == 46 {
                guard digits > 0, value <= 255, out.count < 3 else { return nil }
                out.append(UInt8(value))
                value = 0
                digits = 0
            } else if b >= 48 && b <= 57 {
                digits += 1
                guard digits <= 3 else { return nil }
                value = value * 10 + Int(b - 48)
            } else {
                return nil
            }
        }
        guard digits > 0, value <= 255, out.count == 3 else { return nil }
        out.append(UInt8(value))
        return out
    }

    static func ipv6(_ text: String) -> [UInt8]? {
        var head: [UInt8] = []
        var tail: [UInt8] = []
        let scalars = Array(text.utf8)
        var halves: [String] = []
        var cut = -1
        for k in 0..<max(0, scalars.count - 1) where scalars[k] == 58 && scalars[k + 1] == 58 {
            if cut >= 0 { return nil }
            cut = k
        }
        if cut >= 0 {
            halves = [String(decoding: scalars[..<cut], as: UTF8.self), String(decoding: scalars[(cut + 2)...], as: UTF8.self)]
            if halves[1].hasPrefix(":") || halves[0].hasSuffix(":") { return nil }
        } else {
            halves = [text]
        }
        guard halves.count <= 2 else { return nil }
        func groups(_ s: String, into out: inout [UInt8], allowV4: Bool) -> Bool {
            if s.isEmpty { return true }
            let items = s.split(separator: ":", omittingEmptySubsequences: false)
            for (n, g) in items.enumerated() {
                if allowV4, n == items.count - 1, g.contains(".") {
                    guard let v4 = ipv4(g) else { return false }
                    out += v4
                    continue
                }
                guard !g.isEmpty, g.count <= 4, let v = UInt16(g, radix: 16) else { return false }
                out.append(UInt8(v >> 8))
                out.append(UInt8(v & 0xFF))
            }
            return true
        }
        if halves.count == 1 {
            guard groups(halves[0], into: &head, allowV4: true), head.count == 16 else { return nil }
            return head
        }
        guard groups(halves[0], into: &head, allowV4: false), groups(halves[1], into: &tail, allowV4: true),
            head.count + tail.count <= 14
        else { return nil }
        return head + [UInt8](repeating: 0, count: 16 - head.count - tail.count) + tail
    }
}

/// An IPv4 or IPv6 CIDR block (`203.0.113.0/24`, `2001:db8::/32`; a bare address is a /32 or /128).
struct CIDRBlock: Sendable, Hashable {
    let address: [UInt8]
    let prefixLength: Int

    init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let address = ConditionScalars.ipAddress(String(parts[0])) else { return nil }
        let maxBits = address.count * 8
        if parts.count == 2 {
            guard let p = Int(parts[1]), (0...maxBits).contains(p) else { return nil }
            prefixLength = p
        } else {
            prefixLength = maxBits
        }
        self.address = address
    }

    func contains(_ ip: [UInt8]) -> Bool {
        guard ip.count == address.count else { return false }
        var remaining = prefixLength
        var i = 0
        while remaining > 0 {
            let bits = min(8, remaining)
            let mask: UInt8 = bits == 8 ? 0xFF : ~(0xFF >> UInt8(bits))
            if ip[i] & mask != address[i] & mask { return false }
            remaining -= bits
            i += 1
        }
        return true
    }
}
