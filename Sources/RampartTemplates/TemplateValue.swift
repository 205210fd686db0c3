public import RampartJSON
import Foundation
import Yams

/// A value of a CloudFormation template, before or after its intrinsic functions are resolved.
/// `unknown` is a value the template leaves open (an import, a parameter without a default, an
/// attribute known only after creation), with the reason; `noValue` is `AWS::NoValue`.
public indirect enum TemplateValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([TemplateValue])
    case object([Member])
    case unknown(String)
    case noValue

    /// One member of an object, with where it was written (nil for values built by resolution).
    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: TemplateValue
        public var line: Int?
        public var column: Int?

        public init(key: String, value: TemplateValue, line: Int? = nil, column: Int? = nil) {
            self.key = key
            self.value = value
            self.line = line
            self.column = column
        }
    }

    public subscript(key: String) -> TemplateValue? {
        if case .object(let members) = self { return members.last { $0.key == key }?.value }
        return nil
    }

    public func member(_ key: String) -> Member? {
        if case .object(let members) = self { return members.last { $0.key == key } }
        return nil
    }

    public var members: [Member] {
        if case .object(let members) = self { return members }
        return []
    }

    /// A string, or a number or boolean written where a string is meant (CloudFormation accepts both).
    public var text: String? {
        switch self {
        case .string(let s): s
        case .number(let n): n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
        case .bool(let b): b ? "true" : "false"
        default: nil
        }
    }

    /// The first unknown value inside this one, with its reason.
    public var firstUnknown: String? {
        switch self {
        case .unknown(let reason): return reason
        case .array(let items):
            for item in items { if let reason = item.firstUnknown { return reason } }
            return nil
        case .object(let members):
            for m in members { if let reason = m.value.firstUnknown { return reason } }
            return nil
        default: return nil
        }
    }

    /// The value as JSON; unknown values become `placeholder(reason)`.
    public func json(placeholder: (String) -> JSONValue) -> JSONValue {
        switch self {
        case .null, .noValue: .null
        case .bool(let b): .bool(b)
        case .number(let n): .number(n)
        case .string(let s): .string(s)
        case .array(let items): .array(items.filter { $0 != .noValue }.map { $0.json(placeholder: placeholder) })
        case .object(let members):
            .object(JSONObject(pairs: members.filter { $0.value != .noValue }.map { ($0.key, $0.value.json(placeholder: placeholder)) }))
        case .unknown(let reason): placeholder(reason)
        }
    }

    /// The value as JSON text (policy documents), unknowns written as a placeholder string.
    public func jsonText() -> String {
        JSONWriter.string(json { .string("<unresolved: \($0)>") })
    }
}

/// Why a template file could not be read: the file, the line and column when known, and what is wrong.
public struct TemplateError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if line != nil, let column { place += ":\(column)" }
        return "\(place): \(message)"
    }
}

/// Reads a template's text (JSON or YAML, which is a superset of JSON) into `TemplateValue`,
/// turning CloudFormation's short-form tags (`!Ref`, `!GetAtt`, `!Sub` ...) into their long forms.
enum TemplateReader {
    /// Deeper nesting than this is refused before parsing (no real template comes near it).
    static let maxDepth = 200

    static let shortForms: [String: String] = [
        "!Ref": "Ref", "!Condition": "Condition", "!GetAtt": "Fn::GetAtt", "!Sub": "Fn::Sub", "!Join": "Fn::Join",
        "!Select": "Fn::Select", "!Split": "Fn::Split", "!If": "Fn::If", "!FindInMap": "Fn::FindInMap",
        "!Base64": "Fn::Base64", "!ImportValue": "Fn::ImportValue", "!GetAZs": "Fn::GetAZs", "!Equals": "Fn::Equals",
        "!And": "Fn::And", "!Or": "Fn::Or", "!Not": "Fn::Not", "!Cidr": "Fn::Cidr", "!Transform": "Fn::Transform",
        "!Length": "Fn::Length", "!ToJsonString": "Fn::ToJsonString", "!GetStackOutput": "Fn::GetStackOutput",
    ]

    static func read(text: String, file: String) throws(TemplateError) -> TemplateValue {
        try checkDepth(text, file: file)
        let root: Node?
        do {
            // Plain scalars are classified by `PlainScalar` below: Yams' default resolver runs seven
            // regular expressions on each, which was most of the time a folder of templates took.
            root = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            throw describe(error, file: file)
        } catch {
            throw TemplateError(file: file, message: "not JSON or YAML: \(error)")
        }
        guard let root else { throw TemplateError(file: file, line: 1, column: 1, message: "empty document") }
        return try convert(root, file: file, depth: 0)
    }

    /// Refuses nesting deeper than `maxDepth` by counting brackets and block indentation, so a
    /// hostile file cannot exhaust the stack of the recursive parser.
    static func checkDepth(_ text: String, file: String) throws(TemplateError) {
        var depth = 0, line = 1, column = 0
        var quote: UInt8? = nil
        var lineStart = true, indent = 0, dashes = 0
        for byte in text.utf8 {
            column += 1
            if byte == 0x0A { line += 1; column = 0; lineStart = true; indent = 0; dashes = 0; continue }
            if lineStart {
                if byte == 0x20 { indent += 1; continue }
                if byte == 0x2D { dashes += 1; indent += 2; continue }
                lineStart = false
                if indent / 2 + dashes > maxDepth * 2 {
                    throw TemplateError(file: file, line: line, column: column, message: "nested more than \(maxDepth) levels deep; not read")
                }
            }
            if let q = quote {
                if byte == q { quote = nil }
                continue
            }
            switch byte {
            case 0x22: quote = 0x22
            case 0x5B, 0x7B:
                depth += 1
                if depth > maxDepth {
                    throw TemplateError(file: file, line: line, column: column, message: "nested more than \(maxDepth) levels deep; not read")
                }
            case 0x5D, 0x7D: depth = max(0, depth - 1)
            default: break
            }
        }
    }

    static func describe(_ error: YamlError, file: String) -> TemplateError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return TemplateError(file: file, line: mark.line, column: mark.column, message: "not JSON or YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return TemplateError(
                file: file, line: context.mark.line, column: context.mark.column,
                message: "duplicate key \(duplicates.map { "\"\($0)\"" }.joined(separator: ", "))")
        case .reader(let problem, _, _, _):
            return TemplateError(file: file, message: "not readable text: \(problem)")
        default:
            return TemplateError(file: file, message: "not JSON or YAML: \(error)")
        }
    }

    static func convert(_ node: Node, file: String, depth: Int) throws(TemplateError) -> TemplateValue {
        guard depth < maxDepth else {
            throw TemplateError(file: file, line: node.mark?.line, column: node.mark?.column, message: "nested more than \(maxDepth) levels deep; not read")
        }
        // Read from the scalar itself (`Node.tag` resolves the tag): an untagged scalar's type is decided here.
        let untagged: Bool
        if case .scalar(let scalar) = node { untagged = scalar.tag.description.isEmpty } else { untagged = false }
        let tag = node.tag.rawValue
        if tag.hasPrefix("!") && !tag.hasPrefix("!!") {
            guard let function = shortForms[tag] else {
                throw TemplateError(file: file, line: node.mark?.line, column: node.mark?.column, message: "unknown tag \(tag)")
            }
            var argument = try plain(node, file: file, depth: depth)
            if function == "Fn::GetAtt", case .string(let dotted) = argument {
                // `!GetAtt Resource.Attribute` (the attribute may itself contain dots).
                let parts = dotted.split(separator: ".", maxSplits: 1).map(String.init)
                argument = .array(parts.map(TemplateValue.string))
            }
            return .object([TemplateValue.Member(key: function, value: argument, line: node.mark?.line, column: node.mark?.column)])
        }
        return try plain(node, file: file, depth: depth, untagged: untagged)
    }

    private static func plain(_ node: Node, file: String, depth: Int, untagged: Bool = false) throws(TemplateError) -> TemplateValue {
        switch node {
        case .scalar(let scalar):
            if scalar.style != .plain { return .string(scalar.string) }
            var tag = node.tag.rawValue
            if untagged { tag = PlainScalar.tag(scalar.string) }
            switch tag {
            case "tag:yaml.org,2002:null": return .null
            case "tag:yaml.org,2002:bool": return .bool(["true", "True", "TRUE", "yes", "Yes", "on", "On"].contains(scalar.string))
            case "tag:yaml.org,2002:int", "tag:yaml.org,2002:float":
                if let n = Double(scalar.string) { return .number(n) }
                return .string(scalar.string)
            default: return .string(scalar.string)
            }
        case .sequence(let sequence):
            var items: [TemplateValue] = []
            for item in sequence { items.append(try convert(item, file: file, depth: depth + 1)) }
            return .array(items)
        case .mapping(let mapping):
            var members: [TemplateValue.Member] = []
            for (key, value) in mapping {
                guard let name = key.scalar?.string else {
                    throw TemplateError(file: file, line: key.mark?.line, column: key.mark?.column, message: "a key that is not a string")
                }
                members.append(TemplateValue.Member(
                    key: name, value: try convert(value, file: file, depth: depth + 1), line: key.mark?.line, column: key.mark?.column))
            }
            return .object(members)
        case .alias:
            throw TemplateError(file: file, line: node.mark?.line, column: node.mark?.column, message: "YAML aliases are not CloudFormation")
        }
    }
}

/// The YAML 1.1 type of an untagged plain scalar, as Yams' default resolver decides it (null,
/// bool, int, float, else str) but without regular expressions. Only what the template reader
/// reads is told apart: merge keys, `=` and timestamps read as strings either way.
enum PlainScalar {
    static let nulls: Set<String> = ["~", "null", "Null", "NULL", ""]
    static let bools: Set<String> = [
        "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
    ]

    static func tag(_ text: String) -> String {
        if nulls.contains(text) { return "tag:yaml.org,2002:null" }
        if bools.contains(text) { return "tag:yaml.org,2002:bool" }
        return isNumber(text) ? "tag:yaml.org,2002:float" : "tag:yaml.org,2002:str"
    }

    /// True for the YAML ints and floats that are numbers to `Double(_:)` (decimal, exponent,
    /// `0x` hexadecimal, `.5`); the others the resolver accepts (`1_000`, `0b1`, `0o7`, `1:30`,
    /// `.inf`) read as strings, as they did with the resolver.
    static func isNumber(_ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        guard let first = bytes.first else { return false }
        func digits(_ b: inout ArraySlice<UInt8>, hex: Bool = false) -> Int {
            var n = 0
            while let c = b.first, (c >= 0x30 && c <= 0x39) || (hex && ((c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46))) {
                b = b.dropFirst()
                n += 1
            }
            return n
        }
        if first == 0x2E {  // .5 and .5e+3: no sign before, a sign required in the exponent
            bytes = bytes.dropFirst()
            guard digits(&bytes) > 0 else { return false }
            if bytes.isEmpty { return true }
            guard bytes.first == 0x65 || bytes.first == 0x45 else { return false }
            bytes = bytes.dropFirst()
            guard bytes.first == 0x2B || bytes.first == 0x2D else { return false }
            bytes = bytes.dropFirst()
            return digits(&bytes) > 0 && bytes.isEmpty
        }
        if first == 0x2B || first == 0x2D { bytes = bytes.dropFirst() }
        if bytes.starts(with: [0x30, 0x78]) {  // 0x…
            bytes = bytes.dropFirst(2)
            return digits(&bytes, hex: true) > 0 && bytes.isEmpty
        }
        guard digits(&bytes) > 0 else { return false }
        if bytes.first == 0x2E {
            bytes = bytes.dropFirst()
            _ = digits(&bytes)
        }
        if bytes.first == 0x65 || bytes.first == 0x45 {
            bytes = bytes.dropFirst()
            if bytes.first == 0x2B || bytes.first == 0x2D { bytes = bytes.dropFirst() }
            guard digits(&bytes) > 0 else { return false }
        }
        return bytes.isEmpty
    }
}
