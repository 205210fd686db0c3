public import RampartInventory

/// Where each call's output lives in a snapshot directory (DESIGN.md, "Snapshot directory").
public enum SnapshotLayout {
    /// `<account>/<region or global>/<service>/<operation>.json`, or
    /// `<account>/<region>/<service>/<operation>/<percent-encoded id>.json` for per-resource calls.
    public static func relativePath(of call: AWSCall) -> String {
        let base = "\(call.account)/\(call.region)/\(call.service)/\(call.operation)"
        if let resource = call.resource { return "\(base)/\(percentEncode(resource)).json" }
        return base + ".json"
    }

    /// Every byte outside `A-Z a-z 0-9 . _ -` becomes `%XX` (uppercase hex).
    public static func percentEncode(_ id: String) -> String {
        var out = ""
        for byte in id.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }

    /// The inverse of `percentEncode`; nil when the text is not a valid encoding of UTF-8.
    public static func percentDecode(_ text: String) -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next(), let low = iterator.next(),
                    let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
                else { return nil }
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// The call a snapshot-relative path stands for, or nil when the path is not in the layout.
    public static func call(atRelativePath path: String) -> AWSCall? {
        let parts = path.split(separator: "/").map(String.init)
        guard parts.count == 4 || parts.count == 5, let last = parts.last, last.hasSuffix(".json") else { return nil }
        let name = String(last.dropLast(5))
        if parts.count == 4 {
            return AWSCall(account: parts[0], region: parts[1], service: parts[2], operation: name)
        }
        guard let resource = percentDecode(name) else { return nil }
        return AWSCall(account: parts[0], region: parts[1], service: parts[2], operation: parts[3], resource: resource)
    }
}
