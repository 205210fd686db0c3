/// A compiled glob pattern for mutelist rules, matched against a whole string, case-sensitively:
/// `*` any run of characters (`/` and `:` included, so `arn:aws:s3:::logs-*` works), `?` one
/// character, `[abc]`, `[a-z]` one character of a set, `[!abc]` one not in it, `\` makes the next
/// character literal. Anything else stands for itself.
public struct Glob: Sendable, Hashable, CustomStringConvertible {
    enum Token: Sendable, Hashable {
        case literal(Character)
        case any
        case star
        case set(ranges: [ClosedRange<Character>], negated: Bool)
    }

    /// The pattern as written.
    public let description: String
    let tokens: [Token]

    /// Compiles `pattern`; a `[` without its `]`, an empty set, a reversed range or a trailing `\`
    /// is an error whose message says what to change.
    public init(_ pattern: String) throws(GlobError) {
        description = pattern
        var tokens: [Token] = []
        let chars = Array(pattern)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "*":
                if tokens.last != .star { tokens.append(.star) }
            case "?":
                tokens.append(.any)
            case "\\":
                guard i + 1 < chars.count else { throw GlobError("pattern \"\(pattern)\" ends with \\; write \\\\ for a backslash") }
                i += 1
                tokens.append(.literal(chars[i]))
            case "[":
                var j = i + 1
                var negated = false
                if j < chars.count, chars[j] == "!" {
                    negated = true
                    j += 1
                }
                var ranges: [ClosedRange<Character>] = []
                var closed = false
                while j < chars.count {
                    var low = chars[j]
                    if low == "]" && !ranges.isEmpty {
                        closed = true
                        break
                    }
                    if low == "\\", j + 1 < chars.count {
                        j += 1
                        low = chars[j]
                    }
                    if j + 2 < chars.count, chars[j + 1] == "-", chars[j + 2] != "]" {
                        let high = chars[j + 2]
                        guard low <= high else { throw GlobError("pattern \"\(pattern)\" has the reversed range \(low)-\(high)") }
                        ranges.append(low...high)
                        j += 3
                    } else {
                        ranges.append(low...low)
                        j += 1
                    }
                }
                guard closed else {
                    throw GlobError("pattern \"\(pattern)\" has a [ without its ]; write \\[ for a literal bracket")
                }
                tokens.append(.set(ranges: ranges, negated: negated))
                i = j
            default:
                tokens.append(.literal(c))
            }
            i += 1
        }
        self.tokens = tokens
    }

    /// Whether the whole of `text` matches.
    public func matches(_ text: String) -> Bool {
        let s = Array(text)
        // Iterative matching with one backtrack point for the last `*` (linear in practice, no recursion).
        var p = 0
        var t = 0
        var starP = -1
        var starT = 0
        while t < s.count {
            if p < tokens.count, tokens[p] == .star {
                starP = p
                starT = t
                p += 1
            } else if p < tokens.count, Self.matchOne(tokens[p], s[t]) {
                p += 1
                t += 1
            } else if starP >= 0 {
                p = starP + 1
                starT += 1
                t = starT
            } else {
                return false
            }
        }
        while p < tokens.count, tokens[p] == .star { p += 1 }
        return p == tokens.count
    }

    private static func matchOne(_ token: Token, _ c: Character) -> Bool {
        switch token {
        case .literal(let l): l == c
        case .any: true
        case .star: false
        case .set(let ranges, let negated): ranges.contains { $0.contains(c) } != negated
        }
    }
}

/// A glob pattern that cannot be compiled.
public struct GlobError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
