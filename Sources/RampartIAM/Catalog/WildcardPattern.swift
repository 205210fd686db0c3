/// An IAM wildcard pattern, compiled once and matched many times: `*` matches any run of
/// characters (including none, and including `:` and `/`), `?` matches exactly one character,
/// and every other character matches itself.
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
/// The one matcher for actions, resources, `StringLike` and `ArnLike` values and catalogue
/// expansion. Case folding is ASCII-only (action names and ARN structure are ASCII); `?`
/// consumes one Unicode scalar. Policy variables are resolved by the policy parser, which
/// builds patterns whose substituted text (and `${*}`, `${?}`) is literal, never a wildcard.
///
/// Matching never allocates and uses no regular expression: fixed shapes (`*`, a literal,
/// `prefix*`) take a direct path, and the rest a greedy matcher that backtracks only to the
/// most recent `*`, which is linear in practice and O(pattern × text) at worst.
public struct WildcardPattern: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as written (`${*}` / `${?}` for a literal star or question mark).
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

    /// One compiled element: a UTF-8 byte (0...255, ASCII-lowercased when case-insensitive),
    /// `star` or `question`.
    typealias Token = UInt16
    static let star: Token = 256
    static let question: Token = 257

    private let tokens: [Token]
    private let shape: Shape
    /// The number of literal tokens before the first wildcard.
    private let literalPrefixCount: Int

    /// Compiles `pattern`; `caseSensitive` is `false` for actions and `true` for ARNs.
    public init(_ pattern: String, caseSensitive: Bool) {
        var tokens: [Token] = []
        tokens.reserveCapacity(pattern.utf8.count)
        for byte in pattern.utf8 {
            switch byte {
            case UInt8(ascii: "*"): tokens.append(Self.star)
            case UInt8(ascii: "?"): tokens.append(Self.question)
            default: tokens.append(Token(caseSensitive ? byte : Self.lower(byte)))
            }
        }
        self.init(tokens: tokens, caseSensitive: caseSensitive, pattern: pattern)
    }

    /// Builds a pattern from compiled tokens (the parser's, once policy variables are replaced).
    init(tokens raw: [Token], caseSensitive: Bool, pattern: String? = nil) {
        var tokens: [Token] = []
        tokens.reserveCapacity(raw.count)
        for t in raw where !(t == Self.star && tokens.last == Self.star) {
            tokens.append(t < 256 && !caseSensitive ? Token(Self.lower(UInt8(t))) : t)
        }
        self.tokens = tokens
        isCaseSensitive = caseSensitive
        self.pattern = pattern ?? Self.spelling(of: tokens)
        let firstWildcard = tokens.firstIndex { $0 >= 256 }
        literalPrefixCount = firstWildcard ?? tokens.count
        if firstWildcard == nil {
            shape = .literal
        } else if tokens.allSatisfy({ $0 == Self.star }) {
            shape = .anything
        } else if firstWildcard == tokens.count - 1, tokens[tokens.count - 1] == Self.star {
            shape = .prefix
        } else {
            shape = .general
        }
    }

    /// The compiled tokens of `text` taken literally (a substituted policy variable).
    static func literalTokens(_ text: String, caseSensitive: Bool) -> [Token] {
        text.utf8.map { Token(caseSensitive ? $0 : lower($0)) }
    }

    /// The compiled tokens of `text` with `*` and `?` as wildcards.
    static func tokens(_ text: String, caseSensitive: Bool) -> [Token] {
        WildcardPattern(text, caseSensitive: caseSensitive).tokens
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

    /// The literal text before the first wildcard (lowercased when case-insensitive).
    public var literalPrefix: String {
        String(decoding: tokens.prefix(literalPrefixCount).map { UInt8($0) }, as: UTF8.self)
    }

    /// The literal text after the last wildcard (lowercased when case-insensitive); the whole
    /// pattern when it has none.
    public var literalSuffix: String {
        let start = tokens.lastIndex { $0 >= 256 }.map { $0 + 1 } ?? 0
        return String(decoding: tokens[start...].map { UInt8($0) }, as: UTF8.self)
    }

    /// The longest run of literal text (lowercased when case-insensitive): every match contains it.
    public var longestLiteral: [UInt8] {
        var best: ArraySlice<Token> = []
        var start = 0
        for (i, t) in tokens.enumerated() where t >= 256 {
            if i - start > best.count { best = tokens[start..<i] }
            start = i + 1
        }
        if tokens.count - start > best.count { best = tokens[start...] }
        return best.map { UInt8($0) }
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
        tokens.withUnsafeBufferPointer { p in
            switch shape {
            case .anything:
                return true
            case .literal:
                return text.count == p.count && Self.prefixMatches(p, literalPrefixCount, text, isCaseSensitive)
            case .prefix:
                return text.count >= literalPrefixCount && Self.prefixMatches(p, literalPrefixCount, text, isCaseSensitive)
            case .general:
                return text.count >= literalPrefixCount && Self.prefixMatches(p, literalPrefixCount, text, isCaseSensitive)
                    && Self.match(p, text, from: literalPrefixCount, isCaseSensitive)
            }
        }
    }

    /// "Amazon Resource Name (ARN) condition operators": each of the six colon-delimited
    /// components is matched on its own, so a `*` never spans a `:` of the ARN's structure.
    /// A pattern without six components is matched as a whole.
    func matchesARNComponents(_ arn: String) -> Bool {
        var componentEnds: [Int] = []
        for (i, t) in tokens.enumerated() where t == Token(UInt8(ascii: ":")) && componentEnds.count < 5 { componentEnds.append(i) }
        guard componentEnds.count == 5 else { return matches(arn) }
        var arn = arn
        return arn.withUTF8 { text in
            var textEnds: [Int] = []
            for (i, b) in text.enumerated() where b == UInt8(ascii: ":") && textEnds.count < 5 { textEnds.append(i) }
            guard textEnds.count == 5 else { return false }
            return tokens.withUnsafeBufferPointer { p in
                var pStart = 0
                var tStart = 0
                for c in 0..<6 {
                    let pEnd = c < 5 ? componentEnds[c] : p.count
                    let tEnd = c < 5 ? textEnds[c] : text.count
                    let ps = UnsafeBufferPointer(rebasing: p[pStart..<pEnd])
                    let ts = UnsafeBufferPointer(rebasing: text[tStart..<tEnd])
                    if !Self.match(ps, ts, from: 0, isCaseSensitive) { return false }
                    pStart = pEnd + 1
                    tStart = tEnd + 1
                }
                return true
            }
        }
    }

    @inline(__always)
    private static func lower(_ byte: UInt8) -> UInt8 {
        byte &- 65 < 26 ? byte | 0x20 : byte
    }

    /// Compares the first `count` tokens, all literal; the caller has checked the length.
    @inline(__always)
    private static func prefixMatches(_ p: UnsafeBufferPointer<Token>, _ count: Int, _ text: UnsafeBufferPointer<UInt8>,
        _ caseSensitive: Bool) -> Bool
    {
        var index = 0
        while index < count {
            let byte = caseSensitive ? text[index] : lower(text[index])
            if Token(byte) != p[index] { return false }
            index += 1
        }
        return true
    }

    /// The length of the UTF-8 sequence that starts with `byte` (1 for a stray continuation byte).
    @inline(__always)
    private static func scalarLength(_ byte: UInt8) -> Int {
        if byte < 0xC0 { return 1 }
        if byte < 0xE0 { return 2 }
        if byte < 0xF0 { return 3 }
        return 4
    }

    /// Greedy matching with backtracking to the last `*`, from token and byte `start` (the two
    /// agree because everything before `start` is literal).
    private static func match(_ pattern: UnsafeBufferPointer<Token>, _ text: UnsafeBufferPointer<UInt8>, from start: Int,
        _ caseSensitive: Bool) -> Bool
    {
        let patternCount = pattern.count
        let textCount = text.count
        var p = start
        var t = start
        var starPattern = -1
        var starText = 0
        while t < textCount {
            if p < patternCount {
                let token = pattern[p]
                if token == star {
                    starPattern = p
                    starText = t
                    p += 1
                    continue
                }
                if token == question {
                    t = Swift.min(textCount, t + scalarLength(text[t]))
                    p += 1
                    continue
                }
                if token == Token(caseSensitive ? text[t] : lower(text[t])) {
                    p += 1
                    t += 1
                    continue
                }
            }
            guard starPattern >= 0 else { return false }
            // Let the last `*` absorb one more character and retry after it.
            starText = Swift.min(textCount, starText + scalarLength(text[starText]))
            t = starText
            p = starPattern + 1
        }
        while p < patternCount, pattern[p] == star { p += 1 }
        return p == patternCount
    }

    /// The pattern written back, with literal `*`, `?` and `$` spelled as policy variables.
    private static func spelling(of tokens: [Token]) -> String {
        var bytes: [UInt8] = []
        for t in tokens {
            switch t {
            case star: bytes.append(UInt8(ascii: "*"))
            case question: bytes.append(UInt8(ascii: "?"))
            case Token(UInt8(ascii: "*")): bytes += Array("${*}".utf8)
            case Token(UInt8(ascii: "?")): bytes += Array("${?}".utf8)
            default: bytes.append(UInt8(t))
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
