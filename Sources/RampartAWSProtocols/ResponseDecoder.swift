public import RampartJSON

/// An error answer from AWS, as the AWS CLI reports it:
/// `An error occurred (<code>) when calling the <Operation> operation: <message>`.
public struct AWSServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The AWS error code (`NoSuchBucketPolicy`, `AccessDenied`), or the HTTP status as text
    /// when the body says nothing (`404` for an S3 HEAD), or `ResponseParserError` when the
    /// answer could not be read.
    public var code: String
    public var message: String
    /// The HTTP status; 500 for an S3 error sent with status 200 (botocore retries those).
    public var status: Int
    public var requestId: String?
    /// S3's `x-amz-bucket-region` header, present on redirects and region errors.
    public var bucketRegion: String?

    public init(code: String, message: String, status: Int, requestId: String? = nil, bucketRegion: String? = nil) {
        self.code = code
        self.message = message
        self.status = status
        self.requestId = requestId
        self.bucketRegion = bucketRegion
    }

    public var description: String { "An error occurred (\(code)): \(message)" }

    /// The AWS CLI's one-line message for this error on `operation` (its API name).
    public func cliMessage(operation: String) -> String {
        "An error occurred (\(code)) when calling the \(operation) operation: \(message)"
    }
}

/// Turns an HTTP response into what the AWS CLI prints for it with `--output json`, following
/// botocore's parser for each protocol and the botocore/CLI handlers that change the output.
///
/// - Keys appear in the order of the output shape's members; members not in the model are
///   dropped; `ResponseMetadata` is not included.
/// - Timestamps stay as they came (XML text, JSON numbers) and blobs stay base64 text: the AWS
///   CLI v1's defaults (`cli_timestamp_format` = wire; blobs are not decoded).
/// - XML numbers become JSON numbers, `true` becomes `true` and any other boolean text `false`.
/// - A paginated call's pages must still go through `Pagination.merge`, which keeps only what
///   the CLI prints (result keys and non-aggregate keys).
public enum AWSResponseDecoder {
    public static func decode(operation: OperationModel, response: HTTPResponseParts) -> Result<JSONValue, AWSServiceError> {
        if response.status >= 300 {
            return .failure(decodeError(operation: operation, response: response))
        }
        if operation.service.name == "s3", response.status == 200, isS3ErrorInDisguise(operation: operation, body: response.body) {
            // botocore's `_handle_200_error`: an <Error> document with status 200 is a 500.
            var error = decodeError(operation: operation, response: HTTPResponseParts(status: 500, headers: response.headers, body: response.body))
            error.status = 500
            return .failure(error)
        }
        do {
            var parsed: JSONObject
            switch operation.service.wireProtocol {
            case .query, .ec2: parsed = try decodeQuery(operation: operation, body: response.body)
            case .json: parsed = try decodeJSON(operation: operation, body: response.body)
            case .restXML: parsed = try decodeRestXML(operation: operation, response: response)
            case .restJSON: parsed = try decodeRestJSON(operation: operation, response: response)
            }
            parsed = try CLICustomizations.afterCall(operation: operation, parsed: parsed, response: response)
            return .success(.object(parsed))
        } catch {
            return .failure(
                AWSServiceError(
                    code: "ResponseParserError", message: "Unable to parse response (\(error.message))", status: response.status,
                    requestId: requestIdFromHeaders(response.headers)))
        }
    }

    // MARK: query / ec2

    static func decodeQuery(operation: OperationModel, body: [UInt8]) throws(DecodeError) -> JSONObject {
        guard let output = operation.outputShape else { return JSONObject() }
        let root = try parseXML(body)
        var start = XNode.one(root)
        if let wrapper = operation.resultWrapper {
            guard let wrapped = childMap(root)[wrapper] else {
                throw DecodeError("the response has no <\(wrapper)> element")
            }
            start = wrapped
        }
        return try xmlStructure(output, start, shapes: operation.shapes)
    }

    // MARK: json

    static func decodeJSON(operation: OperationModel, body: [UInt8]) throws(DecodeError) -> JSONObject {
        guard let output = operation.outputShape else { return JSONObject() }
        let value = parseJSONBody(body)
        guard case .object(let object) = jsonShape(output, value, shapes: operation.shapes) else { return JSONObject() }
        return object
    }

    /// botocore's `_parse_body_as_json`: empty → `{}`, not JSON → `{"message": <text>}`.
    static func parseJSONBody(_ body: [UInt8]) -> JSONValue {
        if body.isEmpty { return .object(JSONObject()) }
        do {
            return try JSONParser.parse(body)
        } catch {
            return .object(JSONObject(pairs: [("message", .string(String(decoding: body, as: UTF8.self)))]))
        }
    }

    static func jsonShape(_ shape: Shape, _ value: JSONValue, shapes: ShapeTable) -> JSONValue {
        switch shape.kind {
        case .structure:
            if shape.document { return PythonJSON.normalize(value) }
            guard case .object(let object) = value else { return value == .null ? .null : .object(JSONObject()) }
            if shape.union, let unknown = unknownUnionMember(shape, keys: object.pairs.filter { $0.1 != .null && $0.0 != "__type" }.map(\.0)) {
                return .object(JSONObject(pairs: [("SDK_UNKNOWN_MEMBER", .object(JSONObject(pairs: [("name", .string(unknown))])))]))
            }
            var out = JSONObject()
            for member in shape.members {
                let raw = object[member.ref.traits.locationName ?? member.name] ?? .null
                if raw == .null { continue }
                out.appendMember(member.name, jsonShape(shapes[member.ref.shape], raw, shapes: shapes))
            }
            return .object(out)
        case .list:
            guard case .array(let elements) = value, let memberRef = shape.listMember else { return value }
            let memberShape = shapes[memberRef.shape]
            return .array(elements.map { $0 == .null ? .null : jsonShape(memberShape, $0, shapes: shapes) })
        case .map:
            guard case .object(let object) = value, let valueRef = shape.mapValue else { return value }
            let valueShape = shapes[valueRef.shape]
            var out = JSONObject()
            for (key, entry) in PythonJSON.dedupedPairs(object) {
                out.appendMember(key, jsonShape(valueShape, entry, shapes: shapes))
            }
            return .object(out)
        default:
            return PythonJSON.normalize(value)
        }
    }

    private static func unknownUnionMember(_ shape: Shape, keys: [String]) -> String? {
        guard keys.count == 1 else { return nil }
        let names = shape.members.map { $0.ref.traits.locationName ?? $0.name }
        return names.contains(keys[0]) ? nil : keys[0]
    }

    // MARK: rest-xml

    static func decodeRestXML(operation: OperationModel, response: HTTPResponseParts) throws(DecodeError) -> JSONObject {
        guard let output = operation.outputShape else { return JSONObject() }
        let shapes = operation.shapes
        var parsed = try restNonPayloadMembers(output, response: response, shapes: shapes)
        if let payload = output.payload, let member = output.member(named: payload) {
            let shape = shapes[member.ref.shape]
            if shape.kind == .string || shape.kind == .blob {
                parsed[payload] = .string(String(decoding: response.body, as: UTF8.self))
            } else {
                let root = response.body.isEmpty ? XMLElement(qualifiedName: "", attributes: [:]) : try parseXML(response.body)
                parsed[payload] = try xmlValue(member.ref, .one(root), shapes: shapes)
            }
        } else {
            let root = response.body.isEmpty ? XMLElement(qualifiedName: "", attributes: [:]) : try parseXML(response.body)
            for (key, value) in try xmlStructure(output, .one(root), shapes: shapes).pairs {
                parsed[key] = value
            }
        }
        return parsed
    }

    // MARK: rest-json

    /// botocore's `RestJSONParser`: header and status-code members first (in member order), then
    /// the JSON body read with the output shape (or into the payload member), merged over them.
    static func decodeRestJSON(operation: OperationModel, response: HTTPResponseParts) throws(DecodeError) -> JSONObject {
        guard let output = operation.outputShape else { return JSONObject() }
        let shapes = operation.shapes
        var parsed = try restNonPayloadMembers(output, response: response, shapes: shapes)
        if let payload = output.payload, let member = output.member(named: payload) {
            let shape = shapes[member.ref.shape]
            if shape.kind == .string || shape.kind == .blob {
                parsed[payload] = .string(String(decoding: response.body, as: UTF8.self))
            } else {
                parsed[payload] = jsonShape(shape, parseJSONBody(response.body), shapes: shapes)
            }
        } else if case .object(let body) = jsonShape(output, parseJSONBody(response.body), shapes: shapes) {
            for (key, value) in body.pairs { parsed[key] = value }
        }
        return parsed
    }

    /// The members a rest response carries in its status line and headers.
    static func restNonPayloadMembers(_ output: Shape, response: HTTPResponseParts, shapes: ShapeTable) throws(DecodeError) -> JSONObject {
        var parsed = JSONObject()
        for member in output.members {
            let shape = shapes[member.ref.shape]
            switch member.ref.traits.location {
            case .statusCode:
                parsed.appendMember(member.name, try headerScalar(shape, String(response.status), traits: member.ref.traits, shapes: shapes))
            case .headers:
                let prefix = (member.ref.traits.locationName ?? "").lowercased()
                var map = JSONObject()
                for (name, value) in response.headers.sorted(by: { $0.key < $1.key }) where name.lowercased().hasPrefix(prefix) {
                    map[String(name.dropFirst(prefix.count))] = .string(value)
                }
                parsed.appendMember(member.name, .object(map))
            case .header:
                let name = (member.ref.traits.locationName ?? member.name).lowercased()
                if let value = response.headers[name] ?? response.headers.first(where: { $0.key.lowercased() == name })?.value {
                    parsed.appendMember(member.name, try headerScalar(shape, value, traits: member.ref.traits, shapes: shapes))
                }
            default:
                break
            }
        }
        return parsed
    }

    /// A header (or status code) value parsed as botocore's rest-xml parser does.
    private static func headerScalar(_ shape: Shape, _ text: String, traits: Traits, shapes: ShapeTable) throws(DecodeError) -> JSONValue {
        switch shape.kind {
        case .list:
            guard let memberRef = shape.listMember else { return .string(text) }
            var out: [JSONValue] = []
            for part in text.split(separator: ",", omittingEmptySubsequences: false) {
                out.append(try headerScalar(shapes[memberRef.shape], trimmed(String(part)), traits: memberRef.traits, shapes: shapes))
            }
            return .array(out)
        case .string where traits.jsonValue:
            if let bytes = Base64.decode(text), let value = try? JSONParser.parse(bytes) { return PythonJSON.normalize(value) }
            throw DecodeError("the header value is not base64-encoded JSON")
        default:
            return try xmlScalar(shape, text)
        }
    }

    // MARK: XML (botocore's BaseXMLResponseParser)

    /// One element, or several with the same tag (ElementTree children aggregated by name).
    enum XNode {
        case one(XMLElement)
        case many([XMLElement])

        var first: XMLElement {
            switch self {
            case .one(let e): e
            case .many(let es): es[0]
            }
        }
    }

    static func parseXML(_ body: [UInt8]) throws(DecodeError) -> XMLElement {
        do {
            return try XMLTree.parse(body)
        } catch {
            throw DecodeError(error.message)
        }
    }

    /// botocore's `_build_name_to_xml_node`: children by tag, repeated tags gathered.
    static func childMap(_ element: XMLElement) -> [String: XNode] {
        var map: [String: XNode] = [:]
        for child in element.children {
            switch map[child.tag] {
            case nil: map[child.tag] = .one(child)
            case .one(let first): map[child.tag] = .many([first, child])
            case .many(var all):
                all.append(child)
                map[child.tag] = .many(all)
            }
        }
        return map
    }

    static func xmlValue(_ ref: ShapeRef, _ node: XNode, shapes: ShapeTable) throws(DecodeError) -> JSONValue {
        let shape = shapes[ref.shape]
        switch shape.kind {
        case .structure:
            return .object(try xmlStructure(shape, node, shapes: shapes))
        case .list:
            guard let memberRef = shape.listMember else { return .array([]) }
            let items: [XMLElement]
            switch node {
            case .one(let element): items = ref.traits.flattened ? [element] : element.children
            case .many(let elements): items = elements
            }
            var out: [JSONValue] = []
            out.reserveCapacity(items.count)
            for item in items { out.append(try xmlValue(memberRef, .one(item), shapes: shapes)) }
            return .array(out)
        case .map:
            guard let keyRef = shape.mapKey, let valueRef = shape.mapValue else { return .object(JSONObject()) }
            let keyName = keyRef.traits.locationName ?? "key"
            let valueName = valueRef.traits.locationName ?? "value"
            let entries: [XMLElement]
            switch node {
            case .one(let element): entries = ref.traits.flattened ? [element] : element.children
            case .many(let elements): entries = elements
            }
            var out = JSONObject()
            for entry in entries {
                var key: String?
                var value: JSONValue = .null
                for pair in entry.children {
                    if pair.tag == keyName {
                        key = pair.text
                    } else if pair.tag == valueName {
                        value = try xmlValue(valueRef, .one(pair), shapes: shapes)
                    } else {
                        throw DecodeError("Unknown tag: \(pair.tag)")
                    }
                }
                if let key { out[key] = value }
            }
            return .object(out)
        default:
            return try xmlScalar(shape, node.first.text)
        }
    }

    static func xmlStructure(_ shape: Shape, _ node: XNode, shapes: ShapeTable) throws(DecodeError) -> JSONObject {
        let element = node.first
        let children = childMap(element)
        if shape.union {
            let keys = Array(children.keys)
            if keys.count == 1, !shape.members.contains(where: { ($0.ref.traits.locationName ?? $0.name) == keys[0] }) {
                return JSONObject(pairs: [("SDK_UNKNOWN_MEMBER", .object(JSONObject(pairs: [("name", .string(keys[0]))])))])
            }
        }
        var out = JSONObject()
        for member in shape.members {
            let traits = member.ref.traits
            switch traits.location {
            case .header, .headers, .statusCode: continue
            default: break
            }
            if let found = children[xmlName(member, shapes: shapes)] {
                out.appendMember(member.name, try xmlValue(member.ref, found, shapes: shapes))
            } else if traits.xmlAttribute, let name = traits.locationName {
                // botocore rewrites `{namespace}local` to `<prefix of the model's name>:local`.
                let local = name.split(separator: ":").last.map(String.init) ?? name
                let hasPrefix = name.contains(":")
                for (attribute, value) in element.attributes.sorted(by: { $0.key < $1.key }) {
                    let parts = attribute.split(separator: ":", maxSplits: 1)
                    let matches = parts.count == 2 ? (hasPrefix && parts[1] == local && parts[0] != "xmlns") : (!hasPrefix && attribute == local)
                    if matches {
                        out.appendMember(member.name, .string(value))
                        break
                    }
                }
            }
        }
        return out
    }

    /// botocore's `_member_key_name`.
    private static func xmlName(_ member: Member, shapes: ShapeTable) -> String {
        let shape = shapes[member.ref.shape]
        if shape.kind == .list, member.ref.traits.flattened, let name = shape.listMember?.traits.locationName {
            return name
        }
        return member.ref.traits.locationName ?? member.name
    }

    static func xmlScalar(_ shape: Shape, _ text: String) throws(DecodeError) -> JSONValue {
        switch shape.kind {
        case .boolean:
            return .bool(text == "true")
        case .integer, .long, .short, .byte:
            let t = trimmed(text).replacingUnderscores()
            if let n = Int(t.hasPrefix("+") ? String(t.dropFirst()) : t) { return .number(Double(n)) }
            if let n = Double(t), n == n.rounded(), !t.contains(".") { return .number(n) }
            throw DecodeError("invalid literal for int() with base 10: '\(text)'")
        case .float, .double:
            let t = trimmed(text).lowercased()
            if let n = Double(t) { return .number(n) }
            switch t {
            case "inf", "+inf", "infinity", "+infinity": return .number(.infinity)
            case "-inf", "-infinity": return .number(-.infinity)
            case "nan", "+nan", "-nan": return .number(.nan)
            default: throw DecodeError("could not convert string to float: '\(text)'")
            }
        default:
            return .string(text)
        }
    }

    static func trimmed(_ s: String) -> String {
        var scalars = Substring(s)
        while let f = scalars.first, f.isWhitespace { scalars.removeFirst() }
        while let l = scalars.last, l.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }

    // MARK: S3's status-200 errors

    private static func isS3ErrorInDisguise(operation: OperationModel, body: [UInt8]) -> Bool {
        guard !body.isEmpty, let output = operation.outputShape else { return false }
        if let payload = output.payload, let member = output.member(named: payload) {
            let kind = operation.shapes[member.ref.shape].kind
            if kind == .string || kind == .blob { return false }
        }
        guard let root = try? XMLTree.parse(body) else { return true }
        return root.qualifiedName == "Error" && !root.hasNamespace
    }

    // MARK: errors

    static func decodeError(operation: OperationModel, response: HTTPResponseParts) -> AWSServiceError {
        let status = response.status
        let headerRequestId = requestIdFromHeaders(response.headers)
        let bucketRegion = response.headers["x-amz-bucket-region"]
        // botocore's generic error: a 5xx with no body or an HTML page.
        if status >= 500 {
            let text = trimmed(String(decoding: response.body, as: UTF8.self))
            if text.isEmpty || text.hasPrefix("<html>") {
                return AWSServiceError(code: String(status), message: httpReason(status), status: status, requestId: headerRequestId, bucketRegion: bucketRegion)
            }
        }
        switch operation.service.wireProtocol {
        case .json, .restJSON:
            var code = String(status)
            var message = ""
            var object = JSONObject()
            if case .object(let parsed) = parseJSONBody(response.body) { object = parsed }
            if let type = object["__type"] {
                code = type.stringValue ?? ""
            }
            if let colon = code.firstIndex(of: ":") { code = String(code[..<colon]) }
            if let hash = code.lastIndex(of: "#") { code = String(code[code.index(after: hash)...]) }
            if let query = response.headers["x-amzn-query-error"] {
                let parts = query.split(separator: ";", omittingEmptySubsequences: false)
                if parts.count == 2, !parts[0].isEmpty { code = String(parts[0]) }
            }
            if let m = object["message"] ?? object["Message"] { message = m.stringValue ?? "" }
            if operation.service.wireProtocol == .restJSON {
                // botocore's `RestJSONParser._inject_error_code`: the header, else `code`/`Code`.
                if let type = response.headers["x-amzn-errortype"] ?? (object["code"] ?? object["Code"]).map({ $0.stringValue ?? "" }) {
                    let head = type.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
                    code = head.split(separator: "#", omittingEmptySubsequences: false).last.map(String.init) ?? ""
                }
            }
            return AWSServiceError(code: code, message: message, status: status, requestId: response.headers["x-amzn-requestid"], bucketRegion: bucketRegion)
        case .query, .ec2:
            guard let root = try? XMLTree.parse(response.body) else {
                return AWSServiceError(code: String(status), message: httpReason(status), status: status, requestId: headerRequestId, bucketRegion: bucketRegion)
            }
            var map = childMap(root)
            if let errors = map["Errors"] {
                for (k, v) in childMap(errors.first) { map[k] = v }
            }
            let error = map["Error"].map { childMap($0.first) } ?? [:]
            let requestId = map["RequestId"]?.first.text ?? map["RequestID"]?.first.text ?? headerRequestId
            return AWSServiceError(
                code: error["Code"]?.first.text ?? "Unknown", message: error["Message"]?.first.text ?? "Unknown", status: status,
                requestId: requestId, bucketRegion: bucketRegion)
        case .restXML:
            guard !response.body.isEmpty, let root = try? XMLTree.parse(response.body) else {
                return AWSServiceError(
                    code: String(status), message: httpReason(status), status: status,
                    requestId: response.headers["x-amz-request-id"] ?? "", bucketRegion: bucketRegion)
            }
            let map = childMap(root)
            if root.qualifiedName == "Error" && !root.hasNamespace {
                // S3: the error is the root. (botocore compares the tag with its namespace, so a
                // namespaced <Error> falls through to the generic form below, as here.)
                return AWSServiceError(
                    code: map["Code"]?.first.text ?? "", message: map["Message"]?.first.text ?? "", status: status,
                    requestId: headerRequestId, bucketRegion: bucketRegion)
            }
            let error = map["Error"].map { childMap($0.first) } ?? [:]
            return AWSServiceError(
                code: error["Code"]?.first.text ?? "", message: error["Message"]?.first.text ?? "", status: status,
                requestId: map["RequestId"]?.first.text ?? headerRequestId, bucketRegion: bucketRegion)
        }
    }

    static func requestIdFromHeaders(_ headers: [String: String]) -> String? {
        headers["x-amzn-requestid"] ?? headers["x-amz-request-id"]
    }

    /// Python's `http.client.responses` for the statuses AWS answers with.
    static func httpReason(_ status: Int) -> String {
        switch status {
        case 300: "Multiple Choices"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 303: "See Other"
        case 304: "Not Modified"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 411: "Length Required"
        case 412: "Precondition Failed"
        case 413: "Request Entity Too Large"
        case 416: "Requested Range Not Satisfiable"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: ""
        }
    }
}

/// Why a response body could not be read (botocore's `ResponseParserError`).
struct DecodeError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

extension String {
    /// Python's `int()` accepts `1_000`.
    fileprivate func replacingUnderscores() -> String {
        contains("_") ? String(filter { $0 != "_" }) : self
    }
}

extension JSONObject {
    /// Adds a member known not to be present yet (members of one shape are unique).
    mutating func appendMember(_ key: String, _ value: JSONValue) {
        self[key] = value
    }
}
