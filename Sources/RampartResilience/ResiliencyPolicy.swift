public import RampartInventory
import Foundation
import Yams

/// The kinds of disruption a recovery target is set for, in AWS Resilience Hub's vocabulary.
public enum DisruptionType: String, Sendable, CaseIterable {
    case application, infrastructure, az, region
}

/// A recovery time and recovery point objective, in seconds.
public struct RecoveryTarget: Sendable, Hashable {
    public var rtoSeconds: Int?
    public var rpoSeconds: Int?

    public init(rtoSeconds: Int? = nil, rpoSeconds: Int? = nil) {
        self.rtoSeconds = rtoSeconds
        self.rpoSeconds = rpoSeconds
    }
}

/// What a workload needs: minimum capacity and recovery targets. Read from a YAML policy file
/// (docs/resilience.md, "Policy file"); rules match a workload by id or by tags.
public struct ResiliencyPolicy: Sendable {
    /// One rule: which workloads it covers and what they need.
    public struct Rule: Sendable {
        public var id: String?
        public var tags: Tags
        public var minimumCapacity: Int?
        public var capacityFraction: Double?
        public var targets: [DisruptionType: RecoveryTarget]
        /// `file:line` of the rule, for the assumptions.
        public var location: String

        public func matches(_ w: Workload) -> Bool {
            if let id, id != w.id { return false }
            return tags.allSatisfy { w.tags[$0.key] == $0.value }
        }
    }

    public var rules: [Rule]
    public var defaultRule: Rule?

    public init(rules: [Rule] = [], defaultRule: Rule? = nil) {
        self.rules = rules
        self.defaultRule = defaultRule
    }

    /// The first rule matching the workload, else the default rule.
    public func rule(for w: Workload) -> Rule? { rules.first { $0.matches(w) } ?? defaultRule }
}

/// A policy file that cannot be used; the message names the file, line and column and what to change.
public struct ResiliencyPolicyError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String

    public var description: String {
        let place = line.map { ":\($0)" + (column.map { ":\($0)" } ?? "") } ?? ""
        return "\(file)\(place): \(message)"
    }
}

extension ResiliencyPolicy {
    /// Parses a policy file's text; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws(ResiliencyPolicyError) -> ResiliencyPolicy {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw yamlError(error, file)
        } catch {
            throw ResiliencyPolicyError(file: file, message: "not YAML: \(error)")
        }
        guard let root else { throw ResiliencyPolicyError(file: file, line: 1, column: 1, message: "the policy is empty; see docs/resilience.md for the format") }
        let reader = Reader(file: file)
        let top = try reader.mapping(root, "the policy", allowed: ["default", "workloads"])
        var policy = ResiliencyPolicy()
        if let d = top["default"] { policy.defaultRule = try reader.rule(d, allowSelector: false) }
        if let list = top["workloads"] {
            guard case .sequence(let items) = list else { throw reader.error(list, "workloads must be a list of rules") }
            for item in items { policy.rules.append(try reader.rule(item, allowSelector: true)) }
        }
        return policy
    }

    private static func yamlError(_ error: YamlError, _ file: String) -> ResiliencyPolicyError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return ResiliencyPolicyError(file: file, line: mark.line, column: mark.column, message: "not valid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ResiliencyPolicyError(
                file: file, line: context.mark.line, column: context.mark.column,
                message: "duplicate key \(duplicates.joined(separator: ", "))")
        default:
            let first = "\(error)".split(separator: "\n").first.map(String.init) ?? "unreadable"
            return ResiliencyPolicyError(file: file, message: "not valid YAML: \(first)")
        }
    }
}

private struct Reader {
    let file: String

    func error(_ node: Node, _ message: String) -> ResiliencyPolicyError {
        ResiliencyPolicyError(file: file, line: node.mark?.line, column: node.mark?.column, message: message)
    }

    func mapping(_ node: Node, _ what: String, allowed: [String]) throws(ResiliencyPolicyError) -> [String: Node] {
        guard case .mapping(let map) = node else { throw error(node, "\(what) must be a mapping of keys to values") }
        var out: [String: Node] = [:]
        for (key, value) in map {
            guard let name = key.scalar?.string else { throw error(key, "keys must be plain text") }
            guard allowed.contains(name) else {
                throw error(key, "unknown key \"\(name)\" in \(what); expected one of \(allowed.joined(separator: ", "))")
            }
            out[name] = value
        }
        return out
    }

    func string(_ node: Node, _ what: String) throws(ResiliencyPolicyError) -> String {
        guard let s = node.scalar?.string else { throw error(node, "\(what) must be text") }
        return s
    }

    func rule(_ node: Node, allowSelector: Bool) throws(ResiliencyPolicyError) -> ResiliencyPolicy.Rule {
        let keys = (allowSelector ? ["id", "tags"] : []) + ["minimumCapacity", "capacityFraction", "targets"]
        let map = try mapping(node, allowSelector ? "a workload rule" : "default", allowed: keys)
        var rule = ResiliencyPolicy.Rule(
            id: nil, tags: [:], minimumCapacity: nil, capacityFraction: nil, targets: [:],
            location: "\(file):\(node.mark?.line ?? 0)")
        if let id = map["id"] { rule.id = try string(id, "id") }
        if let tags = map["tags"] {
            guard case .mapping(let pairs) = tags else { throw error(tags, "tags must map tag keys to values") }
            for (k, v) in pairs { rule.tags[try string(k, "a tag key")] = try string(v, "a tag value") }
        }
        if allowSelector && rule.id == nil && rule.tags.isEmpty {
            throw error(node, "a workload rule needs id or tags to say which workloads it covers")
        }
        if let n = map["minimumCapacity"] {
            guard let text = n.scalar?.string, let value = Int(text), value >= 0 else {
                throw error(n, "minimumCapacity must be a whole number of 0 or more")
            }
            rule.minimumCapacity = value
        }
        if let n = map["capacityFraction"] {
            guard let text = n.scalar?.string, let value = Double(text), value > 0, value <= 1 else {
                throw error(n, "capacityFraction must be a number above 0 and at most 1 (0.5 = half of today's capacity)")
            }
            rule.capacityFraction = value
        }
        if rule.minimumCapacity != nil && rule.capacityFraction != nil {
            throw error(node, "give minimumCapacity or capacityFraction, not both")
        }
        if let t = map["targets"] {
            let targets = try mapping(t, "targets", allowed: DisruptionType.allCases.map(\.rawValue))
            for (name, value) in targets {
                let pair = try mapping(value, "targets.\(name)", allowed: ["rto", "rpo"])
                var target = RecoveryTarget()
                if let rto = pair["rto"] { target.rtoSeconds = try duration(rto) }
                if let rpo = pair["rpo"] { target.rpoSeconds = try duration(rpo) }
                rule.targets[DisruptionType(rawValue: name)!] = target
            }
        }
        return rule
    }

    /// `90`, `30s`, `15m`, `4h`, `1d`.
    func duration(_ node: Node) throws(ResiliencyPolicyError) -> Int {
        let text = (node.scalar?.string ?? "").trimmingCharacters(in: .whitespaces)
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        if let n = Int(text), n >= 0 { return n }
        if let last = text.last, let unit = units[last], let n = Int(text.dropLast()), n >= 0 { return n * unit }
        throw error(node, "\"\(text)\" is not a duration; write seconds (90) or a number with s, m, h or d (15m)")
    }
}

extension RecoveryTarget {
    /// `15m`, `1h`, `90s`.
    public static func format(_ seconds: Int) -> String {
        if seconds > 0 && seconds % 86_400 == 0 { return "\(seconds / 86_400)d" }
        if seconds > 0 && seconds % 3600 == 0 { return "\(seconds / 3600)h" }
        if seconds > 0 && seconds % 60 == 0 { return "\(seconds / 60)m" }
        return "\(seconds)s"
    }
}
