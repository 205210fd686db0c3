import Foundation
public import RampartJSON

/// Parameters that botocore would refuse before sending anything (its `ParamValidationError`),
/// or a request this codec cannot write.
public struct AWSRequestError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

/// Turns an operation and its API parameters into the HTTP request botocore would send
/// (before signing), for the query, ec2, json, rest-json and rest-xml protocols.
public enum AWSRequestBuilder {
    /// Builds the request for `operation` with `parameters` keyed by API member names
    /// (`["Bucket": "logs"]`, `["OwnerIds": ["self"]]`).
    ///
    /// The parameters are first adjusted as botocore does before serializing (Route 53 ids
    /// lose their `/hostedzone/` prefix) and validated like botocore's `ParamValidator`
    /// (unknown and missing required members, wrong JSON types). S3 requests use path-style
    /// addressing (`/{Bucket}?acl`); the host, including S3 Control's `<account>.` prefix, is
    /// `AWSEndpoints`' business.
    public static func build(operation: OperationModel, parameters: JSONObject) throws(AWSRequestError) -> HTTPRequestParts {
        let parameters = CLICustomizations.adjustParameters(operation: operation, parameters: parameters)
        if let input = operation.inputShape {
            try validate(.object(parameters), shape: input, traits: .none, shapes: operation.shapes, path: "")
        } else if !parameters.isEmpty {
            throw AWSRequestError("\(operation.name) takes no parameters; got \(parameters.keys.joined(separator: ", "))")
        }
        switch operation.service.wireProtocol {
        case .query, .ec2: return try buildQuery(operation: operation, parameters: parameters)
        case .json: return try buildJSON(operation: operation, parameters: parameters)
        case .restXML: return try buildRestXML(operation: operation, parameters: parameters)
        case .restJSON: return try buildRestJSON(operation: operation, parameters: parameters)
        }
    }

    // MARK: query and ec2

    static func buildQuery(operation: OperationModel, parameters: JSONObject) throws(AWSRequestError) -> HTTPRequestParts {
        var pairs: [(String, String)] = [("Action", operation.name), ("Version", operation.service.apiVersion)]
        let ec2 = operation.service.wireProtocol == .ec2
        if let input = operation.inputShape {
            try serializeQuery(.object(parameters), shape: input, traits: .none, prefix: "", ec2: ec2, shapes: operation.shapes, into: &pairs)
        }
        return HTTPRequestParts(
            method: operation.httpMethod, path: "/",
            headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
            body: Array(PercentEncoding.formBody(pairs).utf8))
    }

    private static func queryName(_ traits: Traits, default name: String, ec2: Bool) -> String {
        if ec2 {
            if let queryName = traits.queryName { return queryName }
            if let locationName = traits.locationName, let first = locationName.first {
                return first.uppercased() + locationName.dropFirst()
            }
            return name
        }
        return traits.locationName ?? name
    }

    private static func serializeQuery(
        _ value: JSONValue, shape: Shape, traits: Traits, prefix: String, ec2: Bool, shapes: ShapeTable, into pairs: inout [(String, String)]
    ) throws(AWSRequestError) {
        switch shape.kind {
        case .structure:
            guard case .object(let object) = value else { return }
            for (key, memberValue) in object.pairs where memberValue != .null {
                guard let member = shape.member(named: key) else { continue }
                let name = queryName(member.ref.traits, default: key, ec2: ec2)
                let memberPrefix = prefix.isEmpty ? name : prefix + "." + name
                try serializeQuery(
                    memberValue, shape: shapes[member.ref.shape], traits: member.ref.traits, prefix: memberPrefix, ec2: ec2,
                    shapes: shapes, into: &pairs)
            }
        case .list:
            guard case .array(let elements) = value, let memberRef = shape.listMember else { return }
            let memberShape = shapes[memberRef.shape]
            if ec2 {
                for (i, element) in elements.enumerated() {
                    try serializeQuery(element, shape: memberShape, traits: memberRef.traits, prefix: "\(prefix).\(i + 1)", ec2: ec2, shapes: shapes, into: &pairs)
                }
                return
            }
            if elements.isEmpty {
                pairs.append((prefix, ""))  // the query protocol sends empty lists
                return
            }
            var listPrefix: String
            if traits.flattened {
                listPrefix = prefix
                if let name = memberRef.traits.locationName {
                    var parts = prefix.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
                    parts.removeLast()
                    parts.append(name)
                    listPrefix = parts.joined(separator: ".")
                }
            } else {
                listPrefix = prefix + "." + (memberRef.traits.locationName ?? "member")
            }
            for (i, element) in elements.enumerated() {
                try serializeQuery(element, shape: memberShape, traits: memberRef.traits, prefix: "\(listPrefix).\(i + 1)", ec2: ec2, shapes: shapes, into: &pairs)
            }
        case .map:
            guard case .object(let object) = value, let keyRef = shape.mapKey, let valueRef = shape.mapValue else { return }
            let full = traits.flattened ? prefix : prefix + ".entry"
            let keySuffix = queryName(keyRef.traits, default: "key", ec2: ec2)
            let valueSuffix = queryName(valueRef.traits, default: "value", ec2: ec2)
            for (i, (key, entryValue)) in object.pairs.enumerated() {
                pairs.append(("\(full).\(i + 1).\(keySuffix)", key))
                try serializeQuery(
                    entryValue, shape: shapes[valueRef.shape], traits: valueRef.traits, prefix: "\(full).\(i + 1).\(valueSuffix)", ec2: ec2,
                    shapes: shapes, into: &pairs)
            }
        case .boolean:
            if case .bool(let b) = value { pairs.append((prefix, b ? "true" : "false")) }
        case .timestamp:
            pairs.append((prefix, try timestampText(value, format: traits.timestampFormat ?? "iso8601")))
        case .blob:
            pairs.append((prefix, base64(scalarText(value))))
        default:
            pairs.append((prefix, scalarText(value)))
        }
    }

    // MARK: json

    static func buildJSON(operation: OperationModel, parameters: JSONObject) throws(AWSRequestError) -> HTTPRequestParts {
        let service = operation.service
        guard let target = service.targetPrefix, let version = service.jsonVersion else {
            throw AWSRequestError("\(service.cliName) has no targetPrefix/jsonVersion")
        }
        var body = JSONValue.object(JSONObject())
        if let input = operation.inputShape {
            body = try serializeJSON(.object(parameters), shape: input, shapes: operation.shapes, traits: .none)
        }
        return HTTPRequestParts(
            method: operation.httpMethod, path: "/",
            headers: [("X-Amz-Target", "\(target).\(operation.name)"), ("Content-Type", "application/x-amz-json-\(version)")],
            body: Array(JSONWriter.string(body).utf8))
    }

    private static func serializeJSON(_ value: JSONValue, shape: Shape, shapes: ShapeTable, traits: Traits) throws(AWSRequestError) -> JSONValue {
        switch shape.kind {
        case .structure:
            guard !shape.document, case .object(let object) = value else { return value }
            var out = JSONObject()
            for (key, memberValue) in object.pairs where memberValue != .null {
                guard let member = shape.member(named: key) else { continue }
                out[member.ref.traits.locationName ?? key] = try serializeJSON(
                    memberValue, shape: shapes[member.ref.shape], shapes: shapes, traits: member.ref.traits)
            }
            return .object(out)
        case .list:
            guard case .array(let elements) = value, let memberRef = shape.listMember else { return value }
            var out: [JSONValue] = []
            for element in elements {
                out.append(try serializeJSON(element, shape: shapes[memberRef.shape], shapes: shapes, traits: memberRef.traits))
            }
            return .array(out)
        case .map:
            guard case .object(let object) = value, let valueRef = shape.mapValue else { return value }
            var out = JSONObject()
            for (key, entryValue) in object.pairs {
                out[key] = try serializeJSON(entryValue, shape: shapes[valueRef.shape], shapes: shapes, traits: valueRef.traits)
            }
            return .object(out)
        case .timestamp:
            let format = traits.timestampFormat ?? "unixTimestamp"
            // botocore sends whole seconds: int(calendar.timegm(...)).
            if format.lowercased() == "unixtimestamp" { return .number(try epochSeconds(value).rounded(.down)) }
            return .string(try timestampText(value, format: format))
        case .blob:
            return .string(base64(scalarText(value)))
        default:
            return value
        }
    }

    // MARK: rest-xml

    /// The parameters of a rest protocol request sorted by where they go (botocore's
    /// `_partition_parameters`): URI labels, query string, headers, and the body's members.
    struct RestParts {
        var labels: [String: String] = [:]
        var query: [(String, String)] = []
        var headers: [(String, String)] = []
        var bodyMembers: [String] = []
    }

    static func partitionRest(operation: OperationModel, parameters: JSONObject) throws(AWSRequestError) -> RestParts {
        let shapes = operation.shapes
        var labels: [String: String] = [:]
        var query: [(String, String)] = []
        var headers: [(String, String)] = []
        var bodyMembers: [String] = []
        if let input = operation.inputShape {
            for (key, value) in parameters.pairs where value != .null {
                guard let member = input.member(named: key) else { continue }
                let traits = member.ref.traits
                let shape = shapes[member.ref.shape]
                let name = traits.locationName ?? key
                switch traits.location {
                case .uri:
                    labels[name] = try uriValue(value, shape: shape, traits: traits)
                case .querystring:
                    if case .object(let object) = value {
                        for (k, v) in object.pairs {
                            if case .array(let many) = v {
                                for item in many { query.append((k, scalarText(item))) }
                            } else {
                                query.append((k, scalarText(v)))
                            }
                        }
                    } else if case .array(let elements) = value, let memberRef = shape.listMember {
                        for element in elements {
                            query.append((name, try uriValue(element, shape: shapes[memberRef.shape], traits: memberRef.traits)))
                        }
                    } else {
                        query.append((name, try uriValue(value, shape: shape, traits: traits)))
                    }
                case .header:
                    if case .array(let elements) = value, elements.isEmpty { continue }
                    headers.append((name, try headerValue(value, shape: shape, traits: traits, shapes: shapes)))
                case .headers:
                    if case .object(let object) = value {
                        for (k, v) in object.pairs { headers.append((name + k, scalarText(v))) }
                    }
                case .statusCode, nil:
                    bodyMembers.append(key)
                }
            }
        }
        return RestParts(labels: labels, query: query, headers: headers, bodyMembers: bodyMembers)
    }

    static func buildRestXML(operation: OperationModel, parameters: JSONObject) throws(AWSRequestError) -> HTTPRequestParts {
        let parts = try partitionRest(operation: operation, parameters: parameters)
        if !parts.bodyMembers.isEmpty {
            throw AWSRequestError("\(operation.name): request bodies are not supported (members \(parts.bodyMembers.joined(separator: ", ")))")
        }
        return try restRequest(operation: operation, parts: parts, body: [])
    }

    /// The method, the rendered URI (with any query the template itself holds first) and the headers.
    private static func restRequest(operation: OperationModel, parts: RestParts, body: [UInt8]) throws(AWSRequestError) -> HTTPRequestParts {
        let (labels, query, headers) = (parts.labels, parts.query, parts.headers)
        let rendered = try renderURI(operation.requestURI, labels: labels, operation: operation)
        var path = rendered
        var uriQuery: [(String, String)] = []
        if let mark = rendered.firstIndex(of: "?") {
            path = String(rendered[..<mark])
            for part in rendered[rendered.index(after: mark)...].split(separator: "&") {
                if let eq = part.firstIndex(of: "=") {
                    uriQuery.append((String(part[..<eq]), String(part[part.index(after: eq)...])))
                } else {
                    uriQuery.append((String(part), ""))
                }
            }
        }
        if path.isEmpty { path = "/" }
        return HTTPRequestParts(method: operation.httpMethod, path: path, query: uriQuery + query, headers: headers, body: body)
    }

    // MARK: rest-json

    /// rest-json (GuardDuty, Security Hub, Backup): labels, query string and headers as in
    /// rest-xml; the remaining members as a JSON object (`{}` when the input has body members
    /// but none is given, no body when it has none), or the payload member alone; JSON bodies
    /// get `Content-Type: application/json`.
    static func buildRestJSON(operation: OperationModel, parameters: JSONObject) throws(AWSRequestError) -> HTTPRequestParts {
        var parts = try partitionRest(operation: operation, parameters: parameters)
        var body: [UInt8] = []
        var structured = true
        if let input = operation.inputShape {
            let shapes = operation.shapes
            if let payload = input.payload, let member = input.member(named: payload) {
                let shape = shapes[member.ref.shape]
                if shape.kind == .blob || shape.kind == .string {
                    structured = false
                    if let value = parameters[payload], value != .null { body = Array(scalarText(value).utf8) }
                } else if let value = parameters[payload], value != .null {
                    body = Array(JSONWriter.string(try serializeJSON(value, shape: shape, shapes: shapes, traits: member.ref.traits)).utf8)
                } else {
                    body = Array("{}".utf8)
                }
            } else if !parts.bodyMembers.isEmpty {
                var object = JSONObject()
                for key in parts.bodyMembers { object[key] = parameters[key] }
                body = Array(JSONWriter.string(try serializeJSON(.object(object), shape: input, shapes: shapes, traits: .none)).utf8)
            } else if input.members.contains(where: { $0.ref.traits.location == nil }) {
                body = Array("{}".utf8)
            }
        }
        if structured, !body.isEmpty, !parts.headers.contains(where: { $0.0.lowercased() == "content-type" }) {
            parts.headers.append(("Content-Type", "application/json"))
        }
        return try restRequest(operation: operation, parts: parts, body: body)
    }

    private static func renderURI(_ template: String, labels: [String: String], operation: OperationModel) throws(AWSRequestError) -> String {
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            var label = String(rest[rest.index(after: open)..<close])
            let greedy = label.hasSuffix("+")
            if greedy { label.removeLast() }
            guard let value = labels[label] else {
                throw AWSRequestError("\(operation.name): missing the URI parameter \(label)")
            }
            out += PercentEncoding.encode(value, safe: greedy ? "/~" : "")
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return out
    }

    private static func uriValue(_ value: JSONValue, shape: Shape, traits: Traits) throws(AWSRequestError) -> String {
        switch shape.kind {
        case .boolean:
            if case .bool(let b) = value { return b ? "true" : "false" }
            return scalarText(value)
        case .timestamp:
            return try timestampText(value, format: traits.timestampFormat ?? "iso8601")
        default:
            return scalarText(value)
        }
    }

    private static func headerValue(_ value: JSONValue, shape: Shape, traits: Traits, shapes: ShapeTable) throws(AWSRequestError) -> String {
        switch shape.kind {
        case .timestamp:
            return try timestampText(value, format: traits.timestampFormat ?? "rfc822")
        case .list:
            guard case .array(let elements) = value, let memberRef = shape.listMember else { return scalarText(value) }
            var parts: [String] = []
            for element in elements where element != .null {
                if shapes[memberRef.shape].kind == .string {
                    let s = scalarText(element)
                    parts.append(s.contains("\"") || s.contains(",") ? "\"" + s.replacingOccurrences(of: "\"", with: "\\\"") + "\"" : s)
                } else {
                    parts.append(try headerValue(element, shape: shapes[memberRef.shape], traits: memberRef.traits, shapes: shapes))
                }
            }
            return parts.joined(separator: ",")
        case .boolean:
            if case .bool(let b) = value { return b ? "true" : "false" }
            return scalarText(value)
        default:
            if traits.jsonValue { return base64(JSONWriter.string(value)) }
            return scalarText(value)
        }
    }

    // MARK: scalars

    /// A scalar as Python's `str()` writes it: integral numbers without a fraction.
    static func scalarText(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): s
        case .number(let n): JSONWriter.formatNumber(n)
        case .bool(let b): b ? "True" : "False"
        case .null: "None"
        case .array, .object: JSONWriter.string(value)
        }
    }

    static func base64(_ text: String) -> String {
        Base64.encode(Array(text.utf8))
    }

    static func epochSeconds(_ value: JSONValue) throws(AWSRequestError) -> Double {
        switch value {
        case .number(let n): return n
        case .string(let s):
            if let n = Double(s) { return n }
            if let parsed = Timestamps.parseISO8601(s) { return parsed }
            throw AWSRequestError("Invalid timestamp value: \(s)")
        default:
            throw AWSRequestError("Invalid timestamp value: \(JSONWriter.string(value))")
        }
    }

    static func timestampText(_ value: JSONValue, format: String) throws(AWSRequestError) -> String {
        let seconds = try epochSeconds(value)
        switch format.lowercased() {
        case "unixtimestamp": return JSONWriter.formatNumber(seconds.rounded(.down))
        case "rfc822": return Timestamps.rfc822(seconds)
        default: return Timestamps.iso8601(seconds)
        }
    }

    // MARK: validation

    private static func validate(_ value: JSONValue, shape: Shape, traits: Traits, shapes: ShapeTable, path: String) throws(AWSRequestError) {
        let label = path.isEmpty ? "input" : path
        func typeError(_ valid: String) -> AWSRequestError {
            AWSRequestError("Invalid type for parameter \(path), value: \(JSONWriter.string(value)), valid types: \(valid)")
        }
        // botocore's range_check: `min`, or 1 for members bound to the host name.
        func check(_ measure: Double, _ kind: String) throws(AWSRequestError) {
            guard let minimum = traits.min ?? (traits.hostLabel ? 1 : nil), measure < minimum else { return }
            let what = kind == "length" ? "length" : "value"
            throw AWSRequestError(
                "Invalid \(what) for parameter \(path), value: \(JSONWriter.formatNumber(measure)), valid min \(what): \(JSONWriter.formatNumber(minimum))")
        }
        switch shape.kind {
        case .structure:
            guard case .object(let object) = value else { throw typeError("object") }
            if shape.document { return }
            for required in shape.required where object[required] == nil || object[required] == .null {
                throw AWSRequestError("Missing required parameter in \(label): \"\(required)\"")
            }
            for (key, memberValue) in object.pairs {
                guard let member = shape.member(named: key) else {
                    let valid = shape.members.map(\.name).joined(separator: ", ")
                    throw AWSRequestError("Unknown parameter in \(label): \"\(key)\", must be one of: \(valid)")
                }
                if memberValue == .null { continue }
                try validate(
                    memberValue, shape: shapes[member.ref.shape], traits: member.ref.traits, shapes: shapes, path: path.isEmpty ? key : path + "." + key)
            }
        case .list:
            guard case .array(let elements) = value else { throw typeError("list") }
            try check(Double(elements.count), "length")
            guard let memberRef = shape.listMember else { return }
            for (i, element) in elements.enumerated() {
                try validate(element, shape: shapes[memberRef.shape], traits: memberRef.traits, shapes: shapes, path: "\(path)[\(i)]")
            }
        case .map:
            guard case .object(let object) = value else { throw typeError("object") }
            guard let valueRef = shape.mapValue else { return }
            for (key, entry) in object.pairs {
                try validate(entry, shape: shapes[valueRef.shape], traits: valueRef.traits, shapes: shapes, path: "\(path).\(key)")
            }
        case .string, .character:
            guard case .string(let s) = value else { throw typeError("str") }
            try check(Double(s.unicodeScalars.count), "length")
        case .integer, .long, .short, .byte, .biginteger:
            guard case .number(let n) = value, n == n.rounded() else { throw typeError("int") }
            try check(n, "range")
        case .float, .double, .bigdecimal:
            guard case .number(let n) = value else { throw typeError("float") }
            try check(n, "range")
        case .boolean:
            guard case .bool = value else { throw typeError("bool") }
        case .timestamp:
            switch value {
            case .string, .number: return
            default: throw typeError("datetime, timestamp")
            }
        case .blob:
            guard case .string = value else { throw typeError("bytes") }
        }
    }
}
