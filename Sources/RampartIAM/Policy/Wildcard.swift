/// A compiled `*` / `?` pattern, as IAM matches actions, resources, `StringLike` and `ArnLike`
/// values: `*` matches any run of characters (including none and including `:` and `/`), `?`
/// exactly one character. Patterns are compiled once; a pattern without wildcards is a plain
/// comparison.
///
/// Internal to the parser and evaluator; it will be unified with the catalogue's `WildcardPattern`.
struct Wildcard: Sendable, Hashable {
    enum Element: Sendable, Hashable {
        case scalar(Unicode.Scalar)
        case any
        case one
    }

    let elements: [Element]
    let caseInsensitive: Bool
    /// The pattern as written, lowercased when case-insensitive, when it holds no wildcard.
    let literal: String?
    /// True when the pattern is `*` alone (or only stars).
    let matchesEverything: Bool
    /// The UTF-8 of the literal characters before the first wildcard: a cheap first rejection.
    let literalPrefix: [UInt8]

    /// Compiles `pattern`; `*` and `?` are wildcards.
    init(_ pattern: String, caseInsensitive: Bool = false) {
        let text = caseInsensitive ? pattern.lowercased() : pattern
        var elements: [Element] = []
        for scalar in text.unicodeScalars {
            switch scalar {
            case "*":
                if elements.last != .any { elements.append(.any) }
            case "?": elements.append(.one)
            default: elements.append(.scalar(scalar))
            }
        }
        self.init(elements: elements, caseInsensitive: caseInsensitive)
    }

    /// Builds a pattern from elements (used once policy variables are resolved).
    init(elements: [Element], caseInsensitive: Bool) {
        self.elements = elements
        self.caseInsensitive = caseInsensitive
        matchesEverything = !elements.isEmpty && elements.allSatisfy { $0 == .any }
        var prefix: [UInt8] = []
        for e in elements {
            guard case .scalar(let c) = e else { break }
            UTF8.encode(c) { prefix.append($0) }
        }
        literalPrefix = prefix
        if prefix.count > 0 || elements.isEmpty,
            elements.allSatisfy({ if case .scalar = $0 { return true } else { return false } })
        {
            literal = String(decoding: prefix, as: UTF8.self)
        } else {
            literal = nil
        }
    }

    /// Whether `text` matches the whole pattern.
    func matches(_ text: String) -> Bool {
        if matchesEverything { return true }
        let subject = caseInsensitive ? text.lowercased() : text
        return matches(prepared: subject)
    }

    /// Whether `text`, already lowercased when the pattern is case-insensitive, matches.
    func matches(prepared text: String) -> Bool {
        if matchesEverything { return true }
        if let literal { return literal == text }
        if !literalPrefix.isEmpty, !text.utf8.starts(with: literalPrefix) { return false }
        return Wildcard.match(elements, text.unicodeScalars)
    }

    /// Iterative glob match with single-star backtracking: constant space, O(n·m) worst case;
    /// walks the text's scalars in place, without copying them.
    static func match<Text: Collection>(_ pattern: [Element], _ text: Text) -> Bool where Text.Element == Unicode.Scalar {
        var p = 0
        var t = text.startIndex
        var starP = -1
        var starT = text.startIndex
        while t < text.endIndex {
            if p < pattern.count {
                switch pattern[p] {
                case .any:
                    starP = p
                    starT = t
                    p += 1
                    continue
                case .one:
                    p += 1
                    t = text.index(after: t)
                    continue
                case .scalar(let c):
                    if c == text[t] {
                        p += 1
                        t = text.index(after: t)
                        continue
                    }
                }
            }
            guard starP >= 0 else { return false }
            p = starP + 1
            starT = text.index(after: starT)
            t = starT
        }
        while p < pattern.count, pattern[p] == .any { p += 1 }
        return p == pattern.count
    }
}
