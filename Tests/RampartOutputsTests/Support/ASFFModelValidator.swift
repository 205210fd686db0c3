import Foundation
import RampartJSON

/// Checks a JSON value against the reduced botocore Security Hub model in `ASFFModel.swift`:
/// members the shape declares, required members present, enum values, the `.*\S.*` pattern as
/// the API applies it (a full match, `.` not crossing a line break), and the documented length
/// and item limits.
struct ASFFModelValidator {
    let shapes: JSONValue

    init() throws {
        shapes = try JSONParser.parse(asffModelJSON)
    }

    func problems(finding: JSONValue) -> [String] {
        var out: [String] = []
        check(finding, shape: "AwsSecurityFinding", limits: nil, path: "$", into: &out)
        return out
    }

    private func check(_ value: JSONValue, shape name: String, limits: JSONValue?, path: String, into out: inout [String]) {
        if name == "Opaque" { return }
        guard let shape = shapes[name], let type = shape["type"]?.stringValue else {
            out.append("\(path): shape \(name) is not in the model")
            return
        }
        switch type {
        case "structure":
            guard let object = value.objectValue else { return out.append("\(path): expected an object") }
            let members = shape["members"]?.objectValue ?? JSONObject()
            for key in object.keys {
                guard let member = members[key] else {
                    out.append("\(path).\(key): not a member of \(name)")
                    continue
                }
                check(object[key]!, shape: member["shape"]?.stringValue ?? "", limits: member, path: "\(path).\(key)", into: &out)
            }
            for required in shape["required"]?.arrayValue ?? [] {
                if let key = required.stringValue, object[key] == nil { out.append("\(path): required member \(key) is missing") }
            }
        case "list":
            guard let items = value.arrayValue else { return out.append("\(path): expected an array") }
            if let max = limits?["maxItems"]?.intValue, items.count > max { out.append("\(path): \(items.count) items, at most \(max)") }
            if let min = limits?["minItems"]?.intValue, items.count < min { out.append("\(path): \(items.count) items, at least \(min)") }
            for (i, item) in items.enumerated() {
                check(item, shape: shape["member"]?.stringValue ?? "", limits: nil, path: "\(path)[\(i)]", into: &out)
            }
        case "map":
            guard let object = value.objectValue else { return out.append("\(path): expected an object") }
            for key in object.keys {
                check(.string(key), shape: shape["key"]?.stringValue ?? "", limits: nil, path: "\(path) key \(key)", into: &out)
                check(object[key]!, shape: shape["value"]?.stringValue ?? "", limits: nil, path: "\(path).\(key)", into: &out)
            }
        case "string":
            guard let text = value.stringValue else { return out.append("\(path): expected a string") }
            if let values = shape["enum"]?.arrayValue, !values.contains(.string(text)) { out.append("\(path): \(text) is not one of \(values)") }
            if let pattern = shape["pattern"]?.stringValue, !fullMatch(pattern, text) { out.append("\(path): \"\(text)\" does not match \(pattern)") }
            let length = text.utf16.count
            for bound in [limits?["max"], shape["max"]].compactMap({ $0?.intValue }) where length > bound {
                out.append("\(path): \(length) characters, at most \(bound)")
            }
            for bound in [limits?["min"], shape["min"]].compactMap({ $0?.intValue }) where length < bound {
                out.append("\(path): \(length) characters, at least \(bound)")
            }
        case "integer", "long", "double", "float":
            if case .number = value {} else { out.append("\(path): expected a number") }
        case "boolean":
            if case .bool = value {} else { out.append("\(path): expected a boolean") }
        default:
            out.append("\(path): shape type \(type) not handled")
        }
    }

    private func fullMatch(_ pattern: String, _ text: String) -> Bool {
        guard let regex = try? NSRegularExpression(pattern: "\\A(?:\(pattern))\\z") else { return false }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// The ASFF resource type names the model knows (the `ResourceDetails` members).
    var resourceTypes: Set<String> {
        Set(shapes["ResourceDetails"]?["members"]?.objectValue?.keys ?? [])
    }
}

extension JSONValue {
    var intValue: Int? {
        if case .number(let n) = self { return Int(n) }
        return nil
    }
}
