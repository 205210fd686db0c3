/// Writes `JSONValue`s as RFC 8259 text, keys in the order they were built. Works on UTF-8
/// bytes, so writing a few hundred thousand findings takes milliseconds, not seconds.
public enum JSONWriter {
    /// Compact output, or two-space indentation with `pretty`.
    public static func string(_ value: JSONValue, pretty: Bool = false) -> String {
        String(decoding: bytes(value, pretty: pretty), as: UTF8.self)
    }

    /// The UTF-8 bytes of `value` as JSON.
    public static func bytes(_ value: JSONValue, pretty: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(value, into: &out, pretty: pretty, indent: 0)
        return out
    }

    /// Writes `value` to `sink` in pieces of about `chunk` bytes, so that a large answer is never
    /// held whole in memory.
    public static func write(_ value: JSONValue, pretty: Bool = false, chunk: Int = 1 << 20, to sink: (ArraySlice<UInt8>) -> Void) {
        var out: [UInt8] = []
        out.reserveCapacity(chunk + 4096)
        write(value, into: &out, pretty: pretty, indent: 0) { out in
            if out.count >= chunk {
                sink(out[...])
                out.removeAll(keepingCapacity: true)
            }
        }
        if !out.isEmpty { sink(out[...]) }
    }

    /// Appends `value` to `out`.
    public static func write(_ value: JSONValue, into out: inout [UInt8], pretty: Bool, indent: Int = 0) {
        write(value, into: &out, pretty: pretty, indent: indent) { _ in }
    }

    /// `drain` is called after each element of an array, to pass on what is written so far.
    private static func write(_ value: JSONValue, into out: inout [UInt8], pretty: Bool, indent: Int,
        drain: (inout [UInt8]) -> Void)
    {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n): out.append(contentsOf: formatNumber(n).utf8)
        case .string(let s): writeString(s, into: &out)
        case .array(let elements):
            if elements.isEmpty {
                out.append(contentsOf: "[]".utf8)
                return
            }
            out.append(UInt8(ascii: "["))
            for (i, element) in elements.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                if pretty { newline(&out, indent + 1) }
                write(element, into: &out, pretty: pretty, indent: indent + 1, drain: drain)
                drain(&out)
            }
            if pretty { newline(&out, indent) }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            if object.isEmpty {
                out.append(contentsOf: "{}".utf8)
                return
            }
            out.append(UInt8(ascii: "{"))
            for i in 0..<object.keys.count {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                if pretty { newline(&out, indent + 1) }
                writeString(object.keys[i], into: &out)
                out.append(UInt8(ascii: ":"))
                if pretty { out.append(UInt8(ascii: " ")) }
                write(object.values[i], into: &out, pretty: pretty, indent: indent + 1, drain: drain)
            }
            if pretty { newline(&out, indent) }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(_ out: inout [UInt8], _ indent: Int) {
        out.append(UInt8(ascii: "\n"))
        var width = indent * 2
        while width > 0 {
            let run = min(width, spaces.count)
            out.append(contentsOf: spaces[..<run])
            width -= run
        }
    }

    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 128)

    /// Integral values print without a fraction; others with Swift's shortest round-trip form.
    public static func formatNumber(_ n: Double) -> String {
        guard n.isFinite else { return "null" }
        if n == n.rounded(), abs(n) < 9_007_199_254_740_992 { return String(Int64(n)) }
        return String(n)
    }

    /// Appends a quoted string to text.
    public static func writeString(_ s: String, into out: inout String) {
        var bytes: [UInt8] = []
        writeString(s, into: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// Writes a quoted string; control characters, quotes, backslashes and the characters
    /// that could close a `<script>` element (`<`, `>`, `&`, U+2028, U+2029) are escaped, so
    /// the output can be embedded in HTML unchanged.
    public static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { appendEscaped($0, into: &out) }
        out.append(UInt8(ascii: "\""))
    }

    /// Copies runs of plain bytes whole and escapes the rest. Written with integer literals and
    /// no captured state, so that even an unoptimized build spends little per byte.
    private static func appendEscaped(_ text: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        guard let base = text.baseAddress else { return }
        let count = text.count
        var plain = 0
        var i = 0
        while i < count {
            let byte = base[i]
            // Printable ASCII other than `"` `\` `<` `>` `&`, and UTF-8 bytes other than a lead 0xE2: copied as is.
            if byte >= 0x20 && byte != 0x22 && byte != 0x5C && byte != 0x3C && byte != 0x3E && byte != 0x26 && byte != 0xE2 {
                i += 1
                continue
            }
            if byte == 0xE2 {
                // U+2028 and U+2029 are E2 80 A8 / E2 80 A9; other characters led by E2 are copied.
                guard i + 2 < count, base[i + 1] == 0x80, base[i + 2] == 0xA8 || base[i + 2] == 0xA9 else {
                    i += 1
                    continue
                }
                if plain < i { out.append(contentsOf: UnsafeBufferPointer(start: base + plain, count: i - plain)) }
                out.append(contentsOf: [0x5C, 0x75, 0x32, 0x30, 0x32, base[i + 2] == 0xA8 ? 0x38 : 0x39])
                i += 3
                plain = i
                continue
            }
            if plain < i { out.append(contentsOf: UnsafeBufferPointer(start: base + plain, count: i - plain)) }
            switch byte {
            case 0x22: out.append(0x5C); out.append(0x22)
            case 0x5C: out.append(0x5C); out.append(0x5C)
            case 0x0A: out.append(0x5C); out.append(0x6E)
            case 0x0D: out.append(0x5C); out.append(0x72)
            case 0x09: out.append(0x5C); out.append(0x74)
            default:
                // `\u00XX` for other control characters and `<` `>` `&`.
                let digits: StaticString = "0123456789abcdef"
                out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, digits.utf8Start[Int(byte >> 4)], digits.utf8Start[Int(byte & 0xF)]])
            }
            i += 1
            plain = i
        }
        if plain < count { out.append(contentsOf: UnsafeBufferPointer(start: base + plain, count: count - plain)) }
    }
}
