/// Percent-encoding as botocore does it (`botocore.utils.percent_encode`): every byte outside
/// `A-Z a-z 0-9 - _ . ~` (and the extra `safe` characters) becomes `%XX`, uppercase hex.
public enum PercentEncoding {
    public static func encode(_ value: String, safe: String = "") -> String {
        let extra = Set(safe.utf8)
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for byte in value.utf8 {
            if isUnreserved(byte) || extra.contains(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%"
                out += hex(byte >> 4)
                out += hex(byte & 0x0F)
            }
        }
        return out
    }

    /// `application/x-www-form-urlencoded` body as botocore writes it (`percent_encode_sequence`).
    public static func formBody(_ pairs: [(String, String)]) -> String {
        pairs.map { encode($0.0) + "=" + encode($0.1) }.joined(separator: "&")
    }

    /// Python's `urllib.parse.unquote`: `%XX` sequences become bytes, decoded as UTF-8 with
    /// replacement characters; a `%` not followed by two hex digits stays as it is; `+` stays.
    public static func decode(_ value: String) -> String {
        let bytes = Array(value.utf8)
        guard bytes.contains(UInt8(ascii: "%")) else { return value }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.count, let hi = hexValue(bytes[i + 1]), let lo = hexValue(bytes[i + 2]) {
                out.append(hi << 4 | lo)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    private static func hex(_ nibble: UInt8) -> String {
        String(UnicodeScalar(nibble < 10 ? nibble + 48 : nibble + 55))
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - 48
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - 87
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - 55
        default: nil
        }
    }
}
