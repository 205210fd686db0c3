import RampartJSON

/// Where two documents first differ, or nil when they are equal. With `ordered`, objects must
/// also list their keys in the same order. Members named in `volatile` only need values of the
/// same JSON type (moto computes them at request time: "now" timestamps).
func firstDifference(_ expected: JSONValue, _ actual: JSONValue, ordered: Bool, volatile: Set<String> = [], path: String = "$") -> String? {
    switch (expected, actual) {
    case (.object(let e), .object(let a)):
        if ordered, e.keys != a.keys {
            return "\(path): keys \(e.keys) != \(a.keys)"
        }
        let eKeys = Set(e.keys)
        let aKeys = Set(a.keys)
        if eKeys != aKeys {
            let missing = eKeys.subtracting(aKeys).sorted()
            let extra = aKeys.subtracting(eKeys).sorted()
            return "\(path): missing \(missing), extra \(extra)"
        }
        for key in e.keys {
            if volatile.contains(key), e[key]!.typeName == a[key]!.typeName { continue }
            if let d = firstDifference(e[key]!, a[key]!, ordered: ordered, volatile: volatile, path: "\(path).\(key)") { return d }
        }
        return nil
    case (.array(let e), .array(let a)):
        if e.count != a.count { return "\(path): \(e.count) elements != \(a.count)" }
        for (i, (x, y)) in zip(e, a).enumerated() {
            if let d = firstDifference(x, y, ordered: ordered, volatile: volatile, path: "\(path)[\(i)]") { return d }
        }
        return nil
    default:
        if expected == actual { return nil }
        return "\(path): \(short(expected)) != \(short(actual))"
    }
}

private func short(_ value: JSONValue) -> String {
    let text = JSONWriter.string(value)
    return text.count > 200 ? String(text.prefix(200)) + "…" : text
}

/// The AWS CLI's stdout as a value: nothing printed means `{}`.
func cliValue(_ stdout: [UInt8]) throws -> JSONValue {
    if stdout.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return .object(JSONObject()) }
    return try JSONParser.parse(stdout)
}

/// Ids at a path like `Buckets[].Name` or `TableNames[]` (as dump.py's `extract`).
func extractIds(_ document: JSONValue, path: String) -> [String] {
    var values = [document]
    for part in path.split(separator: ".") {
        let many = part.hasSuffix("[]")
        let key = many ? String(part.dropLast(2)) : String(part)
        var next: [JSONValue] = []
        for value in values {
            guard let member = value[key] else { continue }
            if many {
                next.append(contentsOf: member.arrayValue ?? [])
            } else {
                next.append(member)
            }
        }
        values = next
    }
    return values.compactMap(\.stringValue)
}
