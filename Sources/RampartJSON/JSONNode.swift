/// Where a value sits in a document, as a JSONPath-like string (`$.Reservations[2].Instances[0]`).
/// Built as a chain so that descending costs one small allocation and the string is only
/// made when an error needs it.
public final class JSONPath: Sendable, CustomStringConvertible {
    private enum Step: Sendable {
        case root
        case key(String)
        case index(Int)
    }

    private let parent: JSONPath?
    private let step: Step

    private init(parent: JSONPath?, step: Step) {
        self.parent = parent
        self.step = step
    }

    public static let root = JSONPath(parent: nil, step: .root)

    public func appending(key: String) -> JSONPath { JSONPath(parent: self, step: .key(key)) }
    public func appending(index: Int) -> JSONPath { JSONPath(parent: self, step: .index(index)) }

    public var description: String {
        var steps: [Step] = []
        var node: JSONPath? = self
        while let current = node {
            steps.append(current.step)
            node = current.parent
        }
        var out = ""
        for step in steps.reversed() {
            switch step {
            case .root: out += "$"
            case .key(let key):
                if key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) && !key.isEmpty {
                    out += "." + key
                } else {
                    var quoted = ""
                    JSONWriter.writeString(key, into: &quoted)
                    out += "[" + quoted + "]"
                }
            case .index(let i): out += "[\(i)]"
            }
        }
        return out
    }
}

/// A document whose values were not of the shape expected: which value, and what was wrong.
public struct JSONShapeError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}

/// A value with its place in the document, so that reading a typed model from it can say
/// exactly which value had the wrong shape.
///
/// `optional` accessors treat an absent key and JSON `null` alike (the AWS CLI omits unset
/// members); `required` accessors throw `JSONShapeError` naming the path.
public struct JSONNode: Sendable {
    public let value: JSONValue
    public let path: JSONPath

    public init(_ value: JSONValue, path: JSONPath = .root) {
        self.value = value
        self.path = path
    }

    func shapeError(_ expected: String) -> JSONShapeError {
        JSONShapeError(path: path.description, message: "expected \(expected), found \(value.typeName)")
    }

    // MARK: Objects

    /// The member `key`, or nil when it is absent or null. Throws if this node is not an object.
    public func optional(_ key: String) throws(JSONShapeError) -> JSONNode? {
        guard case .object(let object) = value else { throw shapeError("an object") }
        guard let member = object[key], member != .null else { return nil }
        return JSONNode(member, path: path.appending(key: key))
    }

    /// The member `key`; throws when it is absent or null.
    public func required(_ key: String) throws(JSONShapeError) -> JSONNode {
        guard let member = try optional(key) else {
            throw JSONShapeError(path: path.description, message: "missing required member \"\(key)\"")
        }
        return member
    }

    /// The members of this object, in document order.
    public func members() throws(JSONShapeError) -> [(key: String, node: JSONNode)] {
        guard case .object(let object) = value else { throw shapeError("an object") }
        return object.pairs.map { (key: $0.0, node: JSONNode($0.1, path: path.appending(key: $0.0))) }
    }

    public var isObject: Bool {
        if case .object = value { return true }
        return false
    }

    // MARK: Scalars

    public func string() throws(JSONShapeError) -> String {
        guard case .string(let s) = value else { throw shapeError("a string") }
        return s
    }

    public func bool() throws(JSONShapeError) -> Bool {
        guard case .bool(let b) = value else { throw shapeError("a boolean") }
        return b
    }

    public func double() throws(JSONShapeError) -> Double {
        guard case .number(let n) = value else { throw shapeError("a number") }
        return n
    }

    public func int() throws(JSONShapeError) -> Int {
        guard case .number(let n) = value, n == n.rounded(), abs(n) < 9_007_199_254_740_992 else {
            throw shapeError("an integer")
        }
        return Int(n)
    }

    // MARK: Arrays

    public func array() throws(JSONShapeError) -> [JSONNode] {
        guard case .array(let elements) = value else { throw shapeError("an array") }
        var nodes: [JSONNode] = []
        nodes.reserveCapacity(elements.count)
        for (i, element) in elements.enumerated() {
            nodes.append(JSONNode(element, path: path.appending(index: i)))
        }
        return nodes
    }

    // MARK: Conveniences for optional members

    public func string(_ key: String) throws(JSONShapeError) -> String? { try optional(key)?.string() }
    public func bool(_ key: String) throws(JSONShapeError) -> Bool? { try optional(key)?.bool() }
    public func int(_ key: String) throws(JSONShapeError) -> Int? { try optional(key)?.int() }
    public func double(_ key: String) throws(JSONShapeError) -> Double? { try optional(key)?.double() }
    public func requiredString(_ key: String) throws(JSONShapeError) -> String { try required(key).string() }

    /// The array member `key`, or an empty array when it is absent.
    public func array(_ key: String) throws(JSONShapeError) -> [JSONNode] { try optional(key)?.array() ?? [] }

    /// Maps each element of the array member `key` (empty when absent).
    public func map<T>(_ key: String, _ transform: (JSONNode) throws(JSONShapeError) -> T) throws(JSONShapeError) -> [T] {
        var out: [T] = []
        for element in try array(key) { out.append(try transform(element)) }
        return out
    }

    /// The array member `key` as strings (empty when absent).
    public func strings(_ key: String) throws(JSONShapeError) -> [String] {
        try map(key) { (node) throws(JSONShapeError) in try node.string() }
    }
}
