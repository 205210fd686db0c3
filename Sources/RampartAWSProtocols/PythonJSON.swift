import RampartJSON

/// What Python's `json.loads` makes of a document, where it differs from `JSONParser`'s
/// faithful reading: an object with a repeated key keeps the key at its first position with
/// its last value (a `dict`).
enum PythonJSON {
    static func normalize(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            var out = JSONObject()
            for (key, member) in dedupedPairs(object) { out[key] = normalize(member) }
            return .object(out)
        case .array(let elements):
            return .array(elements.map(normalize))
        default:
            return value
        }
    }

    static func dedupedPairs(_ object: JSONObject) -> [(String, JSONValue)] {
        if Set(object.keys).count == object.count { return Array(object.pairs) }
        var order: [String] = []
        var last: [String: JSONValue] = [:]
        for (key, value) in object.pairs {
            if last[key] == nil { order.append(key) }
            last[key] = value
        }
        return order.map { ($0, last[$0]!) }
    }

    /// `json.loads(text)`, or nil where Python would raise.
    static func loads(_ text: String) -> JSONValue? {
        guard let value = try? JSONParser.parse(text) else { return nil }
        return normalize(value)
    }
}
