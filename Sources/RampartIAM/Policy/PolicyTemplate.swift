/// A policy string that may hold policy variables (`${aws:username}`, `${aws:PrincipalTag/team}`,
/// `${*}`, `${?}`, `${$}`, `${key, 'default'}`), compiled once.
///
/// Encodes IAM User Guide, "IAM policy elements: Variables and tags": variables are replaced only
/// in policies whose `Version` is `2012-10-17` (under `2008-10-17` or with no version they are
/// literal text); `${*}`, `${?}` and `${$}` stand for the literal characters; a variable whose
/// key has no (single) value in the request context, and no default, is not replaced and the
/// element that holds it does not match. A substituted value is literal text: its `*` and `?`
/// are not wildcards.
struct PolicyTemplate: Sendable {
    enum Part: Sendable {
        /// Text as written: `*` and `?` are wildcards for the like-operators.
        case text(String)
        /// A character that is always literal (`${*}`, `${?}`, `${$}`).
        case literal(Unicode.Scalar)
        /// A context key (lowercased) and its optional default.
        case variable(key: String, defaultValue: String?)
    }

    let raw: String
    let parts: [Part]
    let hasVariables: Bool
    let caseInsensitive: Bool
    /// The compiled pattern when there is nothing to substitute.
    let fixedPattern: WildcardPattern?
    /// The equality text when there is nothing to substitute (`${*}` → `*`).
    let fixedText: String?
    /// The wildcard tokens of each `.text` part, compiled once (nil for other parts).
    let compiledText: [[WildcardPattern.Token]?]

    init(_ raw: String, substituteVariables: Bool, caseInsensitive: Bool = false) {
        self.raw = raw
        self.caseInsensitive = caseInsensitive
        let parts = substituteVariables ? PolicyTemplate.split(raw) : [.text(raw)]
        self.parts = parts
        hasVariables = parts.contains { if case .variable = $0 { return true } else { return false } }
        compiledText = parts.map { part in
            if case .text(let s) = part { return WildcardPattern.tokens(s, caseSensitive: !caseInsensitive) }
            return nil
        }
        if hasVariables {
            fixedPattern = nil
            fixedText = nil
        } else {
            fixedPattern = PolicyTemplate.pattern(parts, compiledText, lookup: { _ in nil }, caseInsensitive: caseInsensitive)
            fixedText = PolicyTemplate.text(parts, lookup: { _ in nil })
        }
    }

    /// The variable keys (lowercased) this template reads.
    var variableKeys: [String] {
        parts.compactMap { if case .variable(let key, _) = $0 { return key } else { return nil } }
    }

    /// The wildcard pattern with variables replaced, or nil when a variable has no value.
    func pattern(_ lookup: (String) -> String?) -> WildcardPattern? {
        if let fixedPattern { return fixedPattern }
        return PolicyTemplate.pattern(parts, compiledText, lookup: lookup, caseInsensitive: caseInsensitive)
    }

    /// The literal text with variables replaced, or nil when a variable has no value.
    func text(_ lookup: (String) -> String?) -> String? {
        if let fixedText { return fixedText }
        return PolicyTemplate.text(parts, lookup: lookup)
    }

    private static func value(_ key: String, _ defaultValue: String?, _ lookup: (String) -> String?) -> String? {
        lookup(key) ?? defaultValue
    }

    static func pattern(_ parts: [Part], _ compiledText: [[WildcardPattern.Token]?], lookup: (String) -> String?,
        caseInsensitive: Bool) -> WildcardPattern?
    {
        var tokens: [WildcardPattern.Token] = []
        for (i, part) in parts.enumerated() {
            switch part {
            case .text:
                tokens.append(contentsOf: compiledText[i] ?? [])
            case .literal(let c):
                tokens += WildcardPattern.literalTokens(String(c), caseSensitive: !caseInsensitive)
            case .variable(let key, let d):
                guard let v = value(key, d, lookup) else { return nil }
                tokens += WildcardPattern.literalTokens(v, caseSensitive: !caseInsensitive)
            }
        }
        return WildcardPattern(tokens: tokens, caseSensitive: !caseInsensitive)
    }

    static func text(_ parts: [Part], lookup: (String) -> String?) -> String? {
        var out = ""
        for part in parts {
            switch part {
            case .text(let s): out += s
            case .literal(let c): out.unicodeScalars.append(c)
            case .variable(let key, let d):
                guard let v = value(key, d, lookup) else { return nil }
                out += v
            }
        }
        return out
    }

    /// The index of the first `${` in `s`.
    static func openingIndex(_ s: Substring) -> Substring.Index? {
        var i = s.startIndex
        while i < s.endIndex {
            if s[i] == "$" {
                let next = s.index(after: i)
                if next < s.endIndex, s[next] == "{" { return i }
            }
            i = s.index(after: i)
        }
        return nil
    }

    /// Splits `${...}` references out of `raw`; an unterminated `${` is literal text.
    static func split(_ raw: String) -> [Part] {
        var parts: [Part] = []
        var text = ""
        var rest = Substring(raw)
        while let dollar = PolicyTemplate.openingIndex(rest) {
            let innerStart = rest.index(dollar, offsetBy: 2)
            guard let end = rest[innerStart...].firstIndex(of: "}") else { break }
            text += rest[..<dollar]
            let inner = rest[innerStart..<end]
            if !text.isEmpty { parts.append(.text(text)); text = "" }
            switch inner {
            case "*": parts.append(.literal("*"))
            case "?": parts.append(.literal("?"))
            case "$": parts.append(.literal("$"))
            default:
                var key = String(inner)
                var defaultValue: String?
                if let comma = inner.firstIndex(of: ",") {
                    key = String(inner[..<comma])
                    var d = inner[inner.index(after: comma)...].trimmingSpaces()
                    if d.count >= 2, d.first == "'", d.last == "'" { d = d.dropFirst().dropLast() }
                    defaultValue = String(d)
                }
                parts.append(.variable(key: String(Substring(key).trimmingSpaces()).lowercased(), defaultValue: defaultValue))
            }
            rest = rest[rest.index(after: end)...]
        }
        text += rest
        if !text.isEmpty || parts.isEmpty { parts.append(.text(text)) }
        return parts
    }
}

extension Substring {
    func trimmingSpaces() -> Substring {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return s
    }
}
