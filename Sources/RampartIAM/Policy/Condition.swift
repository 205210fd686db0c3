/// One condition of a statement: an operator, a context key and the policy values
/// (`"StringEquals": {"aws:PrincipalTag/team": ["a", "b"]}` is one `Condition`).
///
/// Encodes IAM User Guide, "IAM JSON policy elements: Condition" — "Evaluation logic for
/// conditions with multiple context keys or values": the values of one key are ORed (for
/// negated operators the context value must match none of them), the keys of one operator and
/// the operators of one block are ANDed.
public struct Condition: Sendable {
    /// The operator as parsed.
    public let conditionOperator: ConditionOperator
    /// The context key as written; matched case-insensitively.
    public let key: String
    /// The policy values as written (numbers and booleans in their JSON text).
    public let values: [String]

    let lowercasedKey: String
    let compiled: Compiled

    enum Compiled: Sendable {
        case strings([PolicyTemplate])
        case numbers([Double])
        case dates([Double])
        case bools([Bool])
        case binaries([[UInt8]])
        case cidrs([CIDRBlock])
        case null([Bool])
    }

    /// Builds and validates a condition; `substituteVariables` follows the policy's `Version`.
    init(operator op: ConditionOperator, key: String, values: [String], substituteVariables: Bool) throws(ConditionValueError) {
        conditionOperator = op
        self.key = key
        self.values = values
        lowercasedKey = key.lowercased()
        func each<T>(_ what: String, _ read: (String) -> T?) throws(ConditionValueError) -> [T] {
            var out: [T] = []
            for v in values {
                guard let x = read(v) else { throw ConditionValueError(message: "\(op) value \"\(v)\" is not \(what)") }
                out.append(x)
            }
            return out
        }
        switch op.base.positive {
        case .stringEquals, .stringLike, .arnEquals, .arnLike:
            compiled = .strings(values.map { PolicyTemplate($0, substituteVariables: substituteVariables) })
        case .stringEqualsIgnoreCase:
            compiled = .strings(values.map { PolicyTemplate($0, substituteVariables: substituteVariables, caseInsensitive: true) })
        case .numericEquals, .numericLessThan, .numericLessThanEquals, .numericGreaterThan, .numericGreaterThanEquals:
            compiled = .numbers(try each("a number", ConditionScalars.number))
        case .dateEquals, .dateLessThan, .dateLessThanEquals, .dateGreaterThan, .dateGreaterThanEquals:
            compiled = .dates(try each("an ISO 8601 date or epoch time", ConditionScalars.date))
        case .bool:
            compiled = .bools(try each("\"true\" or \"false\"", Condition.bool))
        case .binaryEquals:
            compiled = .binaries(try each("base64", ConditionScalars.base64))
        case .ipAddress:
            compiled = .cidrs(try each("an IP address or CIDR block", CIDRBlock.init))
        case .null:
            compiled = .null(try each("\"true\" or \"false\"", Condition.bool))
        default:
            fatalError("unreachable: positive() returns positive operators")
        }
    }

    static func bool(_ s: String) -> Bool? {
        switch s.lowercased() {
        case "true": true
        case "false": false
        default: nil
        }
    }

    /// Evaluates against the key's values in the request (`nil` when absent).
    ///
    /// "Condition operators": a missing key makes a condition false, except negated operators
    /// (true), `...IfExists` (true) and `Null`. "Single-valued vs. multivalued context keys":
    /// `ForAllValues` is true when the key is missing or empty, `ForAnyValue` false; with no set
    /// operator a multivalued key matches when any of its values matches.
    func evaluate(_ contextValues: [String]?, variables: (String) -> String?) -> Bool {
        let base = conditionOperator.base
        if case .null(let expected) = compiled {
            let absent = contextValues?.isEmpty ?? true
            return expected.contains(absent)
        }
        guard let contextValues, !contextValues.isEmpty else {
            if conditionOperator.ifExists { return true }
            switch conditionOperator.qualifier {
            case .forAllValues: return true
            case .forAnyValue: return false
            case nil: return base.isNegated
            }
        }
        // "Policy variables with no value" (IAM User Guide, "IAM policy elements: Variables and
        // tags"): a variable whose key has no value in the request has no equal or like value, so
        // the positive operators do not match and the negated ones (StringNotEquals,
        // StringNotLike, ArnNotEquals, ArnNotLike ...) do.
        guard let resolved = resolve(variables) else { return base.isNegated }
        func single(_ v: String) -> Bool {
            let hit = matchesAny(v, resolved)
            return base.isNegated ? !hit : hit
        }
        switch conditionOperator.qualifier {
        case .forAllValues: return contextValues.allSatisfy(single)
        case .forAnyValue: return contextValues.contains(where: single)
        case nil:
            let hit = contextValues.contains { matchesAny($0, resolved) }
            return base.isNegated ? !hit : hit
        }
    }

    enum Resolved {
        case texts([String])
        case patterns([WildcardPattern])
        case other
    }

    /// Policy variables replaced; values whose variable has no value drop out, and nil when none
    /// remain (no value to compare with: positive operators do not match, negated ones do).
    func resolve(_ variables: (String) -> String?) -> Resolved? {
        guard case .strings(let templates) = compiled else { return .other }
        switch conditionOperator.base.positive {
        case .stringEquals:
            let t = templates.compactMap { $0.text(variables) }
            return t.isEmpty && !templates.isEmpty ? nil : .texts(t)
        case .stringEqualsIgnoreCase:
            let t = templates.compactMap { $0.text(variables)?.lowercased() }
            return t.isEmpty && !templates.isEmpty ? nil : .texts(t)
        default:
            let p = templates.compactMap { $0.pattern(variables) }
            return p.isEmpty && !templates.isEmpty ? nil : .patterns(p)
        }
    }

    /// Whether one context value matches any policy value under the positive operator.
    func matchesAny(_ v: String, _ resolved: Resolved) -> Bool {
        switch (compiled, resolved) {
        case (_, .texts(let texts)):
            let subject = conditionOperator.base.positive == .stringEqualsIgnoreCase ? v.lowercased() : v
            return texts.contains(subject)
        case (_, .patterns(let patterns)):
            switch conditionOperator.base.positive {
            case .arnEquals, .arnLike: return patterns.contains { $0.matchesARNComponents(v) }
            default: return patterns.contains { $0.matches(v) }
            }
        case (.numbers(let numbers), _):
            guard let x = ConditionScalars.number(v) else { return false }
            return numbers.contains { compare(x, $0) }
        case (.dates(let dates), _):
            guard let x = ConditionScalars.date(v) else { return false }
            return dates.contains { compare(x, $0) }
        case (.bools(let bools), _):
            guard let x = Condition.bool(v) else { return false }
            return bools.contains(x)
        case (.binaries(let binaries), _):
            guard let x = ConditionScalars.base64(v) else { return false }
            return binaries.contains(x)
        case (.cidrs(let blocks), _):
            guard let ip = ConditionScalars.ipAddress(v) else { return false }
            return blocks.contains { $0.contains(ip) }
        default:
            return false
        }
    }

    private func compare(_ x: Double, _ y: Double) -> Bool {
        switch conditionOperator.base.positive {
        case .numericEquals, .dateEquals: x == y
        case .numericLessThan, .dateLessThan: x < y
        case .numericLessThanEquals, .dateLessThanEquals: x <= y
        case .numericGreaterThan, .dateGreaterThan: x > y
        case .numericGreaterThanEquals, .dateGreaterThanEquals: x >= y
        default: false
        }
    }
}

/// A condition value that does not fit its operator.
struct ConditionValueError: Error {
    let message: String
}
