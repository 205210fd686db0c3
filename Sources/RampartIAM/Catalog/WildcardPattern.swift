/// An IAM wildcard pattern, compiled once and matched many times: `*` matches any run of
/// characters (including none), `?` matches exactly one character, and every other
/// character matches itself.
///
/// IAM compares actions case-insensitively and ARNs case-sensitively
/// ([IAM JSON policy elements: Action](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html),
/// [Resource](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html)),
/// so a pattern is built for one of the two:
///
/// ```swift
/// WildcardPattern.action("s3:Get*").matches("S3:GetObject")             // true
/// WildcardPattern.arn("arn:aws:s3:::logs-*").matches("arn:aws:s3:::LOGS-1") // false
/// ```
///
/// Case folding is ASCII-only (action names and ARN structure are ASCII); `?` consumes one
/// Unicode scalar. Policy variables (`${aws:username}`, `${*}`) are not interpreted here:
/// substitute them before compiling the pattern.
///
/// Matching never allocates and uses no regular expression: fixed shapes (`*`, a literal,
/// `prefix*`) take a direct path, and the rest a greedy matcher that backtracks only to the
/// most recent `*`, which is linear in practice and O(pattern × text) at worst.
public struct WildcardPattern: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as written.
    public let pattern: String
    /// Whether letters must match in case (`true` for ARNs, `false` for actions).
    public let isCaseSensitive: Bool

    private enum Shape: Hashable {
        /// Only `*`s: matches everything.
        case anything
        /// No wildcard at all.
        case literal
        /// A literal followed by one trailing `*`.
        case prefix
        /// Anything else.
        case general
    }

    /// The pattern's UTF-8 bytes, ASCII-lowercased when case-insensitive.
    private let bytes: [UInt8]
    private let shape: Shape
    /// The number of bytes before the first wildcard.
    private let literalPrefixCount: Int

    private static let star = UInt8(ascii: "*")
    private static let question = UInt8(ascii: "?")

    /// Compiles `pattern`; `caseSensitive` is `false` for actions and `true` for ARNs.
    public init(_ pattern: String, caseSensitive: Bool) {
        self.pattern = pattern
        self.isCaseSensitive = caseSensitive
        var bytes = Array(pattern.utf8)
        if !caseSensitive {
            for index in bytes.indices { bytes[index] = Self.lower(bytes[index]) }
        }
        self.bytes = bytes
        let firstWildcard = bytes.firstIndex { $0 == Self.star || $0 == Self.question }
        self.literalPrefixCount = firstWildcard ?? bytes.count
        if firstWildcard == nil {
            shape = .literal
        } else if bytes.allSatisfy({ $0 == Self.star }) {
            shape = .anything
        } else if firstWildcard == bytes.count - 1, bytes[bytes.count - 1] == Self.star {
            shape = .prefix
        } else {
            shape = .general
        }
    }

    /// A case-insensitive pattern for actions (`iam:Put*`, `*:Get*`).
    public static func action(_ pattern: String) -> WildcardPattern {
        WildcardPattern(pattern, caseSensitive: false)
    }

    /// A case-sensitive pattern for ARNs and other resource names.
    public static func arn(_ pattern: String) -> WildcardPattern {
        WildcardPattern(pattern, caseSensitive: true)
    }

    /// Whether the pattern contains `*` or `?`.
    public var hasWildcards: Bool { shape != .literal }

    /// Whether the pattern matches every string (it is made only of `*`).
    public var matchesEverything: Bool { shape == .anything }

    /// The literal text before the first wildcard, as written.
    public var literalPrefix: String {
        String(decoding: pattern.utf8.prefix(literalPrefixCount), as: UTF8.self)
    }

    public var description: String { pattern }

    /// Whether the whole of `text` matches the pattern.
    public func matches(_ text: String) -> Bool {
        if shape == .anything { return true }
        var text = text
        return text.withUTF8 { matches(utf8: $0) }
    }

    /// Whether the whole of `text`, given as UTF-8 bytes, matches the pattern.
    public func matches(utf8 text: UnsafeBufferPointer<UInt8>) -> Bool {
        switch shape {
        case .anything:
            return true
        case .literal:
            return text.count == bytes.count && prefixMatches(text)
        case .prefix:
            return text.count >= literalPrefixCount && prefixMatches(text)
        case .general:
            return text.count >= literalPrefixCount && prefixMatches(text) && generalMatch(text)
        }
    }

    @inline(__always)
    private static func lower(_ byte: UInt8) -> UInt8 {
        byte &- 65 < 26 ? byte | 0x20 : byte
    }

    @inline(__always)
    private func fold(_ byte: UInt8) -> UInt8 {
        isCaseSensitive ? byte : Self.lower(byte)
    }

    /// Compares the literal prefix; the caller has checked the length.
    private func prefixMatches(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { pattern in
            var index = 0
            while index < literalPrefixCount {
                if fold(text[index]) != pattern[index] { return false }
                index += 1
            }
            return true
        }
    }

    /// The length of the UTF-8 sequence that starts with `byte` (1 for a stray continuation byte).
    @inline(__always)
    private static func scalarLength(_ byte: UInt8) -> Int {
        if byte < 0xC0 { return 1 }
        if byte < 0xE0 { return 2 }
        if byte < 0xF0 { return 3 }
        return 4
    }

    /// Greedy matching with backtracking to the last `*`, from the end of the literal prefix.
    private func generalMatch(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { pattern in
            let patternCount = pattern.count
            let textCount = text.count
            var p = literalPrefixCount
            var t = literalPrefixCount
            var starPattern = -1
            var starText = 0
            while t < textCount {
                if p < patternCount {
                    let token = pattern[p]
                    if token == Self.star {
                        starPattern = p
                        starText = t
                        p += 1
                        continue
                    }
                    if token == Self.question {
                        t = Swift.min(textCount, t + Self.scalarLength(text[t]))
                        p += 1
                        continue
                    }
                    if token == fold(text[t]) {
                        p += 1
                        t += 1
                        continue
                    }
                }
                guard starPattern >= 0 else { return false }
                // Let the last `*` absorb one more character and retry after it.
                starText = Swift.min(textCount, starText + Self.scalarLength(text[starText]))
                t = starText
                p = starPattern + 1
            }
            while p < patternCount, pattern[p] == Self.star { p += 1 }
            return p == patternCount
        }
    }
}
