/// Where a statement sits in a policy's text, as `simulate-custom-policy` reports it in
/// `MatchedStatements`.
///
/// AWS's documented example (`aws iam simulate-custom-policy`, the one-line DynamoDB policy)
/// gives `StartPosition` column 38 for a statement whose `{` is the 37th character and
/// `EndPosition` column 167 for its `}` at the 166th: lines count from 1, and each column is
/// the 1-based column of the brace plus one. This type reproduces that.
public struct StatementSpan: Sendable, Hashable {
    public let startLine: Int
    public let startColumn: Int
    public let endLine: Int
    public let endColumn: Int

    /// The span of every statement of `text`, in order (`Statement` as one object or a list).
    /// Empty when the text is not a policy with a `Statement` element; the parser reports why.
    public static func locate(in text: String) -> [StatementSpan] {
        var scanner = Scanner(bytes: Array(text.utf8))
        return scanner.statements()
    }

    private struct Scanner {
        let bytes: [UInt8]
        var i = 0
        var line = 1
        var lineStart = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        /// Column (1-based, in characters) of byte `index` on the current line.
        func column(_ index: Int) -> Int {
            var count = 0
            var j = lineStart
            while j <= index {
                if bytes[j] & 0xC0 != 0x80 { count += 1 }
                j += 1
            }
            return count
        }

        mutating func advance() {
            if bytes[i] == UInt8(ascii: "\n") {
                line += 1
                lineStart = i + 1
            }
            i += 1
        }

        mutating func skipSpace() {
            while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { advance() }
        }

        /// Reads a string starting at `"`, returning its raw contents.
        mutating func string() -> [UInt8]? {
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
            advance()
            var out: [UInt8] = []
            while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
                if bytes[i] == UInt8(ascii: "\\"), i + 1 < bytes.count {
                    out.append(bytes[i])
                    advance()
                }
                out.append(bytes[i])
                advance()
            }
            guard i < bytes.count else { return nil }
            advance()
            return out
        }

        /// Skips one JSON value; returns false on malformed input.
        mutating func skipValue() -> Bool {
            skipSpace()
            guard i < bytes.count else { return false }
            switch bytes[i] {
            case UInt8(ascii: "\""): return string() != nil
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                var depth = 0
                repeat {
                    guard i < bytes.count else { return false }
                    switch bytes[i] {
                    case UInt8(ascii: "\""):
                        guard string() != nil else { return false }
                        continue
                    case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
                    default: break
                    }
                    advance()
                } while depth > 0
                return true
            default:
                while i < bytes.count, ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]")].contains(bytes[i]),
                    ![0x20, 0x09, 0x0A, 0x0D].contains(bytes[i])
                {
                    advance()
                }
                return true
            }
        }

        /// The span of the object starting at the current `{`.
        mutating func objectSpan() -> StatementSpan? {
            guard i < bytes.count, bytes[i] == UInt8(ascii: "{") else { return nil }
            let startLine = line
            let startColumn = column(i) + 1
            guard skipValue() else { return nil }
            return StatementSpan(startLine: startLine, startColumn: startColumn, endLine: line, endColumn: column(i - 1) + 1)
        }

        mutating func statements() -> [StatementSpan] {
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "{") else { return [] }
            advance()
            while true {
                skipSpace()
                guard let key = string() else { return [] }
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return [] }
                advance()
                skipSpace()
                if key == Array("Statement".utf8) {
                    guard i < bytes.count else { return [] }
                    if bytes[i] == UInt8(ascii: "{") { return objectSpan().map { [$0] } ?? [] }
                    guard bytes[i] == UInt8(ascii: "[") else { return [] }
                    advance()
                    var spans: [StatementSpan] = []
                    while true {
                        skipSpace()
                        guard i < bytes.count else { return [] }
                        if bytes[i] == UInt8(ascii: "]") { return spans }
                        if bytes[i] == UInt8(ascii: ",") { advance(); continue }
                        guard let span = objectSpan() else { return [] }
                        spans.append(span)
                    }
                }
                guard skipValue() else { return [] }
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ",") else { return [] }
                advance()
            }
        }
    }
}
