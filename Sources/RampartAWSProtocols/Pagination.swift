public import RampartJSON

/// The same next-page token came back twice (botocore's `PaginationError`): the service
/// would loop forever.
public struct PaginationError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// Paging as the AWS CLI does it: the CLI paginates every operation that has a paginator and
/// prints botocore's `PageIterator.build_full_result()`.
public enum Pagination {
    /// The first request's parameters as the AWS CLI sends them. The CLI asks EC2
    /// `describe-volumes` and `describe-snapshots` for pages of 1000
    /// (`awscli/customizations/ec2/paginate.py`) unless other filters are given.
    public static func initialParameters(operation: OperationModel, parameters: JSONObject) -> JSONObject {
        guard operation.service.name == "ec2", let limitKey = operation.paginator?.limitKey, parameters[limitKey] == nil else {
            return parameters
        }
        let allowed: [String]
        switch operation.name {
        case "DescribeVolumes": allowed = []
        case "DescribeSnapshots": allowed = ["OwnerIds", "RestorableByUserIds"]
        default: return parameters
        }
        let whitelist = Set(allowed + ["NextToken", "DryRun"])
        guard parameters.keys.allSatisfy(whitelist.contains) else { return parameters }
        var out = parameters
        out[limitKey] = .number(1000)
        return out
    }

    /// The parameters for the page after `page`, which was fetched with `parameters`; nil when
    /// `page` is the last one (no output token, or `more_results` false) or the operation is not
    /// paginated. Throws when the service hands back the token it was just given.
    public static func nextRequestParameters(operation: OperationModel, page: JSONValue, parameters: JSONObject) throws(PaginationError) -> JSONObject? {
        guard let paginator = operation.paginator else { return nil }
        if let more = paginator.moreResults, !isTruthy(search(page, more)) { return nil }
        var tokens: [(String, JSONValue?)] = []
        for (output, input) in zip(paginator.outputTokens, paginator.inputTokens) {
            let value = search(page, output)
            tokens.append((input, isTruthy(value) ? value : nil))
        }
        if tokens.allSatisfy({ $0.1 == nil }) { return nil }
        // botocore compares with the tokens of the request that fetched this page (none on the first).
        let isFirstPage = paginator.inputTokens.allSatisfy { parameters[$0] == nil }
        if !isFirstPage, tokens.allSatisfy({ parameters[$0.0] == $0.1 }) {
            let shown = tokens.map { "\(pythonRepr(.string($0.0))): \(pythonRepr($0.1 ?? .null))" }.joined(separator: ", ")
            throw PaginationError(message: "The same next token was received twice: {\(shown)}")
        }
        var next = parameters
        for (input, token) in tokens {
            if let token, token != .string("None") {
                next[input] = token
            } else {
                next[input] = nil
            }
        }
        return next
    }

    /// The pages of one call merged as the AWS CLI prints them (`build_full_result`): each
    /// result key's values concatenated (numbers added, strings joined) in page order, then the
    /// non-aggregate keys as the first page had them (null when absent). Everything else —
    /// output tokens, `IsTruncated`, `Marker` — is dropped. For an operation without a
    /// paginator the single page is returned as it is.
    public static func merge(operation: OperationModel, pages: [JSONValue]) -> JSONValue {
        guard let paginator = operation.paginator else { return pages.last ?? .object(JSONObject()) }
        var complete = JSONValue.object(JSONObject())
        for page in pages {
            for key in paginator.resultKeys {
                guard let value = search(page, key) else { continue }
                guard let existing = search(complete, key) else {
                    set(&complete, key, value)
                    continue
                }
                switch (existing, value) {
                case (.array(let a), .array(let b)): set(&complete, key, .array(a + b))
                case (.number(let a), .number(let b)): set(&complete, key, .number(a + b))
                case (.string(let a), .string(let b)): set(&complete, key, .string(a + b))
                default: break
                }
            }
        }
        if let first = pages.first, !paginator.nonAggregateKeys.isEmpty {
            var nonAggregate = JSONValue.object(JSONObject())
            for key in paginator.nonAggregateKeys {
                set(&nonAggregate, key, search(first, key) ?? .null)
            }
            mergeDicts(&complete, nonAggregate)
        }
        return complete
    }

    // MARK: JMESPath, the dotted subset botocore's paginators use

    /// `a.b.c` on objects; nil when a step is missing, not an object, or null.
    static func search(_ value: JSONValue, _ expression: String) -> JSONValue? {
        var current = value
        for part in expression.split(separator: ".") {
            guard case .object(let object) = current, let next = object[String(part)] else { return nil }
            current = next
        }
        return current == .null ? nil : current
    }

    /// botocore's `set_value_from_jmespath`: creates objects along the way.
    static func set(_ target: inout JSONValue, _ expression: String, _ value: JSONValue) {
        let parts = expression.split(separator: ".", maxSplits: 1).map(String.init)
        guard case .object(var object) = target else { return }
        if parts.count == 2 {
            var child = object[parts[0]] ?? .object(JSONObject())
            set(&child, parts[1], value)
            object[parts[0]] = child
        } else {
            object[parts[0]] = value
        }
        target = .object(object)
    }

    /// botocore's `merge_dicts`: objects merge recursively, anything else replaces.
    static func mergeDicts(_ target: inout JSONValue, _ source: JSONValue) {
        guard case .object(var into) = target, case .object(let from) = source else { return }
        for (key, value) in from.pairs {
            if case .object = value, let existing = into[key], case .object = existing {
                var merged = existing
                mergeDicts(&merged, value)
                into[key] = merged
            } else {
                into[key] = value
            }
        }
        target = .object(into)
    }

    /// Python's `repr()` of a value as `json.loads` makes it, for messages worded as botocore's.
    static func pythonRepr(_ value: JSONValue) -> String {
        switch value {
        case .null: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .number(let n): return n == n.rounded() && abs(n) < 1e16 ? String(Int64(n)) : String(n)
        case .string(let s):
            let quote: Character = s.contains("'") && !s.contains("\"") ? "\"" : "'"
            var out = String(quote)
            for c in s {
                switch c {
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case quote: out += "\\" + String(c)
                default: out.append(c)
                }
            }
            return out + String(quote)
        case .array(let elements): return "[" + elements.map(pythonRepr).joined(separator: ", ") + "]"
        case .object(let object): return "{" + object.pairs.map { pythonRepr(.string($0.0)) + ": " + pythonRepr($0.1) }.joined(separator: ", ") + "}"
        }
    }

    /// Python truthiness: null, false, 0, "" and empty collections are false.
    static func isTruthy(_ value: JSONValue?) -> Bool {
        switch value {
        case nil, .null?: false
        case .bool(let b)?: b
        case .number(let n)?: n != 0
        case .string(let s)?: !s.isEmpty
        case .array(let a)?: !a.isEmpty
        case .object(let o)?: !o.isEmpty
        }
    }
}
