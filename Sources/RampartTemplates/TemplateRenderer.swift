public import RampartInventory
import RampartJSON
import Foundation

/// Which value an unresolved template value takes when rendered. A scan of code renders the
/// templates twice, once with each; a check whose verdict on a resource differs between the two
/// depends on the unresolved value and is reported UNKNOWN (see docs/iac.md).
public enum Assumption: Sendable, CaseIterable {
    /// Unresolved values read as the open choice: public, unencrypted, `0.0.0.0/0`.
    case permissive
    /// Unresolved values read as the closed choice: private, encrypted, a single host address.
    case restrictive
}

/// Reads resolved properties for rendering, picking a value for each unresolved one and noting it.
struct Properties {
    let value: TemplateValue
    let assumption: Assumption
    let logicalId: String
    /// Unresolved values this resource's rendering read.
    var unresolved: [String] = []

    init(_ value: TemplateValue, _ assumption: Assumption, logicalId: String) {
        self.value = value
        self.assumption = assumption
        self.logicalId = logicalId
    }

    /// `permissive` or `restrictive` for an unknown; the value itself otherwise.
    mutating func pick(_ v: TemplateValue?, key: String, open: TemplateValue, closed: TemplateValue) -> TemplateValue? {
        guard let v else { return nil }
        if case .unknown(let reason) = v {
            unresolved.append("\(logicalId).\(key): \(reason)")
            return assumption == .permissive ? open : closed
        }
        return v
    }

    mutating func string(_ v: TemplateValue?, key: String, open: String = "<unresolved>", closed: String = "<unresolved>") -> String? {
        pick(v, key: key, open: .string(open), closed: .string(closed))?.text
    }

    /// An optional setting (a KMS key, a log destination): unresolved, the open choice is its absence.
    mutating func setting(_ v: TemplateValue?, key: String, closed: String = "<unresolved>") -> String? {
        guard let v else { return nil }
        if case .unknown(let reason) = v {
            unresolved.append("\(logicalId).\(key): \(reason)")
            return assumption == .permissive ? nil : closed
        }
        return v.text
    }

    mutating func bool(_ v: TemplateValue?, key: String, open: Bool) -> Bool? {
        guard let v = pick(v, key: key, open: .bool(open), closed: .bool(!open)) else { return nil }
        switch v {
        case .bool(let b): return b
        case .string(let s): return s.lowercased() == "true"
        default: return nil
        }
    }

    mutating func int(_ v: TemplateValue?, key: String, open: Int, closed: Int) -> Int? {
        guard let v = pick(v, key: key, open: .number(Double(open)), closed: .number(Double(closed))) else { return nil }
        switch v {
        case .number(let n): return Int(n)
        case .string(let s): return Int(s)
        default: return nil
        }
    }

    /// A JSON rendering of a nested value (policy documents, rule lists); unknown leaves become
    /// a placeholder, and are noted.
    mutating func json(_ v: TemplateValue?, key: String) -> JSONValue? {
        guard let v else { return nil }
        if let reason = v.firstUnknown { unresolved.append("\(logicalId).\(key): \(reason)") }
        let open = assumption == .permissive
        return v.json { _ in .string(open ? "*" : "<unresolved>") }
    }

    /// A policy document: wholly unresolved, the open choice allows everything to everyone and the
    /// closed choice allows nothing; partly unresolved, as `json`.
    mutating func policy(_ v: TemplateValue?, key: String) -> JSONValue? {
        guard let v else { return nil }
        if case .unknown(let reason) = v {
            unresolved.append("\(logicalId).\(key): \(reason)")
            return assumption == .permissive
                ? ["Version": "2012-10-17", "Statement": [["Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"]]]
                : ["Version": "2012-10-17", "Statement": []]
        }
        return json(v, key: key)
    }

    /// `[{Key, Value}]` tags (unresolved tag values do not matter to any verdict; they read as placeholders).
    func tags(_ key: String = "Tags") -> JSONValue {
        guard case .array(let items) = value[key] ?? .array([]) else { return .array([]) }
        return .array(items.compactMap { item in
            guard let k = item["Key"]?.text else { return nil }
            return .object(["Key": .string(k), "Value": .string(item["Value"]?.text ?? "<unresolved>")])
        })
    }
}

/// One template resource rendered into the AWS CLI answers, with where it is declared.
public struct RenderedResource: Sendable {
    public var arn: String
    public var location: SourceLocation
    public var unresolved: [String]
    /// Inline suppressions from the resource's `Metadata: rampart: skip`.
    public var suppressions: [InlineSuppression]
}

/// `Metadata: rampart: skip:` on a template resource: check ids whose findings on this resource
/// are muted, each with the reason the author gave.
public struct InlineSuppression: Sendable, Hashable {
    public var checkId: String
    public var reason: String
}
