import RampartInventory
import RampartJSON

/// Reading policy documents statement by statement for the TLS and deny checks: statements,
/// principals, actions, resources with `*`/`?` wildcards and conditions. Who a policy lets in
/// (public, cross-account) is decided by the one external-access analysis, not here.
enum BucketPolicy {
    /// The statements of a policy document; `Statement` may be one object or an array.
    static func statements(_ document: PolicyDocument?) -> [JSONObject] {
        switch document?["Statement"] {
        case .object(let statement)?: [statement]
        case .array(let items)?: items.compactMap(\.objectValue)
        default: []
        }
    }

    /// A string or an array of strings (IAM's grammar allows both almost everywhere).
    static func strings(_ value: JSONValue?) -> [String] {
        switch value {
        case .string(let s)?: [s]
        case .array(let items)?: items.compactMap(\.stringValue)
        default: []
        }
    }

    /// A condition value as text: IAM accepts `"false"`, `false` and `["false"]` alike.
    static func conditionValues(_ value: JSONValue) -> [String] {
        switch value {
        case .string(let s): [s]
        case .bool(let b): [b ? "true" : "false"]
        case .number(let n): [String(n)]
        case .array(let items): items.flatMap(conditionValues)
        default: []
        }
    }

    /// `"Principal": "*"` or `{"AWS": "*"}` (alone or in a list): every caller, signed or anonymous.
    static func isEveryone(_ principal: JSONValue?) -> Bool {
        switch principal {
        case .string("*")?: true
        case .object(let object)?: strings(object["AWS"]).contains("*")
        default: false
        }
    }

    /// The condition blocks of a statement, operator to key to values, keys lowercased
    /// (condition keys are case-insensitive; operators are not).
    static func conditions(_ statement: JSONObject) -> [(op: String, key: String, values: [String])] {
        guard case .object(let blocks)? = statement["Condition"] else { return [] }
        var out: [(op: String, key: String, values: [String])] = []
        for (op, block) in blocks.pairs {
            guard case .object(let keys) = block else { continue }
            for (key, value) in keys.pairs { out.append((op, key.lowercased(), conditionValues(value))) }
        }
        return out
    }

    /// True when `pattern` (with IAM's `*` and `?`) matches every string that starts with `prefix`
    /// (`anyContinuation`), or matches `prefix` itself exactly (otherwise).
    static func glob(_ pattern: String, covers prefix: String, anyContinuation: Bool) -> Bool {
        let p = Array(pattern)
        func closure(_ states: Set<Int>) -> Set<Int> {
            var out = states
            var stack = Array(states)
            while let s = stack.popLast() {
                if s < p.count && p[s] == "*" && out.insert(s + 1).inserted { stack.append(s + 1) }
            }
            return out
        }
        var states = closure([0])
        for c in prefix {
            var next: Set<Int> = []
            for s in states where s < p.count {
                if p[s] == "*" { next.insert(s) } else if p[s] == "?" || p[s] == c { next.insert(s + 1) }
            }
            states = closure(next)
            if states.isEmpty { return false }
        }
        if anyContinuation { return states.contains { s in p[s...].allSatisfy { $0 == "*" } } }
        return states.contains(p.count)
    }

    /// A statement's label for messages: its `Sid`, or its position.
    static func label(_ statement: JSONObject, in document: PolicyDocument?) -> String {
        if let sid = statement["Sid"]?.stringValue, !sid.isEmpty { return sid }
        let index = statements(document).firstIndex(of: statement) ?? 0
        return "statement \(index + 1)"
    }
}
