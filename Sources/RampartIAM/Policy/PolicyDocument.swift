public import RampartJSON

/// An IAM policy document (identity, resource, boundary, session, SCP or RCP), parsed and
/// compiled once to be evaluated many times.
///
/// Encodes IAM User Guide, "IAM JSON policy element reference" and "Grammar of the IAM JSON
/// policy language": `Version`, `Id`, `Statement` as one object or an array of objects.
public struct PolicyDocument: Sendable {
    /// The policy language versions.
    public enum Version: String, Sendable, Hashable {
        case v2012_10_17 = "2012-10-17"
        case v2008_10_17 = "2008-10-17"
    }

    /// The `Version` element, nil when absent.
    public let version: Version?
    /// The `Id` element.
    public let id: String?
    /// The statements in document order.
    public let statements: [Statement]

    /// Whether policy variables are replaced: only under `2012-10-17` ("IAM JSON policy
    /// elements: Version" — with `2008-10-17` or no version, `${...}` is literal text).
    public var substitutesVariables: Bool { version == .v2012_10_17 }

    /// Parses policy text (as stored by IAM, already URL-decoded).
    public init(text: String) throws(PolicyParseError) {
        let value: JSONValue
        do {
            value = try JSONParser.parse(text)
        } catch {
            throw PolicyParseError(statementIndex: nil, sid: nil, element: nil, message: "invalid JSON: \(error)")
        }
        try self.init(json: value)
    }

    /// Reads a parsed policy document.
    public init(json: JSONValue) throws(PolicyParseError) {
        guard case .object(let object) = json else {
            throw PolicyParseError(statementIndex: nil, sid: nil, element: nil, message: "a policy must be a JSON object, found \(json.typeName)")
        }
        var version: Version?
        var id: String?
        var statementValue: JSONValue?
        for (key, value) in object.pairs {
            switch key {
            case "Version":
                guard case .string(let s) = value, let v = Version(rawValue: s) else {
                    throw PolicyParseError(statementIndex: nil, sid: nil, element: "Version",
                        message: "must be \"2012-10-17\" or \"2008-10-17\", found \(PolicyParseError.show(value))")
                }
                version = v
            case "Id":
                guard case .string(let s) = value else {
                    throw PolicyParseError(statementIndex: nil, sid: nil, element: "Id", message: "must be a string, found \(value.typeName)")
                }
                id = s
            case "Statement":
                statementValue = value
            default:
                throw PolicyParseError(statementIndex: nil, sid: nil, element: key, message: "is not a policy element")
            }
        }
        self.version = version
        self.id = id
        let items: [JSONValue]
        switch statementValue {
        case .object?: items = [statementValue!]
        case .array(let a)?: items = a
        case nil:
            throw PolicyParseError(statementIndex: nil, sid: nil, element: "Statement", message: "is missing")
        case let other?:
            throw PolicyParseError(statementIndex: nil, sid: nil, element: "Statement",
                message: "must be an object or an array of objects, found \(other.typeName)")
        }
        var statements: [Statement] = []
        statements.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            statements.append(try Statement(json: item, index: index, substituteVariables: version == .v2012_10_17))
        }
        self.statements = statements
    }
}

/// A policy that failed to parse: which statement (index and `Sid`), which element, and why.
///
/// `description` reads `Statement[2] (Sid "DenyAll"): Effect must be "Allow" or "Deny", found "Permit"`.
public struct PolicyParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The statement's index in `Statement`, nil for document-level errors.
    public let statementIndex: Int?
    /// The statement's `Sid`, when it has one.
    public let sid: String?
    /// The element at fault (`Effect`, `Condition`, ...), nil for the document itself.
    public let element: String?
    /// What was wrong.
    public let message: String

    public init(statementIndex: Int?, sid: String?, element: String?, message: String) {
        self.statementIndex = statementIndex
        self.sid = sid
        self.element = element
        self.message = message
    }

    public var description: String {
        var out = ""
        if let statementIndex {
            out = "Statement[\(statementIndex)]"
            if let sid { out += " (Sid \"\(sid)\")" }
            out += ": "
        }
        if let element { out += element + " " }
        return out + message
    }

    static func show(_ value: JSONValue) -> String {
        if case .string(let s) = value {
            var quoted = ""
            JSONWriter.writeString(s, into: &quoted)
            return quoted
        }
        return value.typeName
    }
}

/// The `Effect` of a statement.
public enum Effect: String, Sendable, Hashable {
    case allow = "Allow"
    case deny = "Deny"
}

/// `Action` / `NotAction` or `Resource` / `NotResource`: the patterns and whether the element is
/// the negated form ("IAM JSON policy elements: NotAction" / "NotResource": the statement
/// applies to everything the patterns do not match).
public struct PatternList: Sendable {
    /// The patterns as written.
    public let patterns: [String]
    /// True for `NotAction` / `NotResource`.
    public let isNegated: Bool
}

/// `Principal` / `NotPrincipal`: `"*"` or a map of principal types to values.
///
/// Encodes "AWS JSON policy elements: Principal": `"*"` and `{"AWS": "*"}` mean everyone; the
/// types are `AWS` (account ids, account root ARNs, user, role, assumed-role and federated-user
/// ARNs), `Service`, `Federated` and `CanonicalUser`.
public struct PrincipalList: Sendable {
    /// True for the string `"*"`.
    public let isWildcard: Bool
    /// `AWS` values.
    public let aws: [String]
    /// `Service` values.
    public let service: [String]
    /// `Federated` values.
    public let federated: [String]
    /// `CanonicalUser` values.
    public let canonicalUser: [String]
    /// True for `NotPrincipal`.
    public let isNegated: Bool
}

/// One statement of a policy, with its patterns compiled.
public struct Statement: Sendable {
    /// The statement's index in the policy's `Statement` array (0 for a single object).
    public let index: Int
    /// The `Sid`, if any.
    public let sid: String?
    /// `Allow` or `Deny`.
    public let effect: Effect
    /// `Action` or `NotAction`.
    public let action: PatternList
    /// `Resource` or `NotResource`; nil when absent (role trust policies), which matches any resource.
    public let resource: PatternList?
    /// `Principal` or `NotPrincipal`; nil when absent (identity policies).
    public let principal: PrincipalList?
    /// The conditions, all of which must hold.
    public let conditions: [Condition]

    let actionPatterns: [WildcardPattern]
    let resourceTemplates: [PolicyTemplate]

    init(json: JSONValue, index: Int, substituteVariables: Bool) throws(PolicyParseError) {
        self.index = index
        guard case .object(let object) = json else {
            throw PolicyParseError(statementIndex: index, sid: nil, element: nil, message: "must be an object, found \(json.typeName)")
        }
        var sid: String?
        if let s = object["Sid"] {
            guard case .string(let text) = s else {
                throw PolicyParseError(statementIndex: index, sid: nil, element: "Sid", message: "must be a string, found \(s.typeName)")
            }
            sid = text
        }
        self.sid = sid
        func fail(_ element: String?, _ message: String) -> PolicyParseError {
            PolicyParseError(statementIndex: index, sid: sid, element: element, message: message)
        }
        func strings(_ element: String, _ value: JSONValue) throws(PolicyParseError) -> [String] {
            switch value {
            case .string(let s): return [s]
            case .array(let items):
                var out: [String] = []
                for item in items {
                    guard case .string(let s) = item else {
                        throw fail(element, "must be a string or an array of strings, found an array holding \(item.typeName)")
                    }
                    out.append(s)
                }
                return out
            default: throw fail(element, "must be a string or an array of strings, found \(value.typeName)")
            }
        }
        let known: Set<String> = ["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal", "Condition"]
        for key in object.keys where !known.contains(key) {
            throw fail(key, "is not a statement element")
        }

        switch object["Effect"] {
        case .string(let s)?:
            guard let e = Effect(rawValue: s) else {
                throw fail("Effect", "must be \"Allow\" or \"Deny\", found \(PolicyParseError.show(.string(s)))")
            }
            effect = e
        case let other?: throw fail("Effect", "must be \"Allow\" or \"Deny\", found \(other.typeName)")
        case nil: throw fail("Effect", "is missing")
        }

        switch (object["Action"], object["NotAction"]) {
        case (let a?, nil): action = PatternList(patterns: try strings("Action", a), isNegated: false)
        case (nil, let n?): action = PatternList(patterns: try strings("NotAction", n), isNegated: true)
        case (.some, .some): throw fail("Action", "and NotAction cannot both be present")
        case (nil, nil): throw fail("Action", "is missing (a statement needs exactly one of Action or NotAction)")
        }
        actionPatterns = action.patterns.map(WildcardPattern.action)

        switch (object["Resource"], object["NotResource"]) {
        case (let r?, nil): resource = PatternList(patterns: try strings("Resource", r), isNegated: false)
        case (nil, let n?): resource = PatternList(patterns: try strings("NotResource", n), isNegated: true)
        case (.some, .some): throw fail("Resource", "and NotResource cannot both be present")
        case (nil, nil): resource = nil
        }
        resourceTemplates = (resource?.patterns ?? []).map { PolicyTemplate($0, substituteVariables: substituteVariables) }

        func principalList(_ element: String, _ value: JSONValue, negated: Bool) throws(PolicyParseError) -> PrincipalList {
            switch value {
            case .string("*"):
                return PrincipalList(isWildcard: true, aws: [], service: [], federated: [], canonicalUser: [], isNegated: negated)
            case .object(let map):
                var aws: [String] = [], service: [String] = [], federated: [String] = [], canonical: [String] = []
                for (type, v) in map.pairs {
                    let list = try strings("\(element).\(type)", v)
                    switch type {
                    case "AWS": aws += list
                    case "Service": service += list
                    case "Federated": federated += list
                    case "CanonicalUser": canonical += list
                    default: throw fail(element, "has unknown principal type \"\(type)\" (expected AWS, Service, Federated or CanonicalUser)")
                    }
                }
                return PrincipalList(isWildcard: false, aws: aws, service: service, federated: federated, canonicalUser: canonical, isNegated: negated)
            default:
                throw fail(element, "must be \"*\" or an object of principal types, found \(PolicyParseError.show(value))")
            }
        }
        switch (object["Principal"], object["NotPrincipal"]) {
        case (let p?, nil): principal = try principalList("Principal", p, negated: false)
        case (nil, let n?): principal = try principalList("NotPrincipal", n, negated: true)
        case (.some, .some): throw fail("Principal", "and NotPrincipal cannot both be present")
        case (nil, nil): principal = nil
        }

        var conditions: [Condition] = []
        if let block = object["Condition"] {
            guard case .object(let operators) = block else { throw fail("Condition", "must be an object, found \(block.typeName)") }
            for (opName, keys) in operators.pairs {
                guard let op = ConditionOperator(opName) else {
                    throw fail("Condition", "has unknown operator \"\(opName)\"")
                }
                guard case .object(let keyMap) = keys else {
                    throw fail("Condition", "\(opName) must map condition keys to values, found \(keys.typeName)")
                }
                for (key, raw) in keyMap.pairs {
                    var values: [String] = []
                    func scalar(_ v: JSONValue) throws(PolicyParseError) -> String {
                        switch v {
                        case .string(let s): return s
                        case .bool(let b): return b ? "true" : "false"
                        case .number(let n):
                            if n == n.rounded(), abs(n) < 1e15 { return String(Int64(n)) }
                            return String(n)
                        default:
                            throw fail("Condition", "\(opName) \"\(key)\" values must be strings, numbers or booleans, found \(v.typeName)")
                        }
                    }
                    if case .array(let items) = raw {
                        for item in items { values.append(try scalar(item)) }
                    } else {
                        values.append(try scalar(raw))
                    }
                    do {
                        conditions.append(try Condition(operator: op, key: key, values: values, substituteVariables: substituteVariables))
                    } catch {
                        throw fail("Condition", "\(opName) \"\(key)\": \(error.message)")
                    }
                }
            }
        }
        self.conditions = conditions
    }
}
