import Yams

/// A rule file that cannot be used, with the place and the reason (`rules.yaml:4:7: ...`).
public struct DutyRuleFileError: Error, Sendable, CustomStringConvertible {
    public let description: String
}

/// Reads user segregation-of-duties rules from YAML:
///
/// ```yaml
/// rules:
///   - id: payments.approve-vs-release
///     title: Approve payments / release payments
///     rationale: The approver must not also release the money.
///     duties:
///       - name: approve payments
///         actions: ["payments:Approve*"]
///       - name: release payments
///         actions: ["payments:Release*"]
/// ```
///
/// Every rule needs an id, a title and at least two duties; every duty a name and actions that
/// match at least one action of the IAM action catalogue. Errors name the file, line and column.
public enum DutyRuleFile {
    /// Largest rule file accepted.
    public static let maxBytes = 1 << 20

    public static func parse(_ text: String, file: String, catalog: ActionCatalog = .shared) throws(DutyRuleFileError) -> [DutyRule] {
        func fail(_ node: Node?, _ what: String) -> DutyRuleFileError {
            let place = node?.mark.map { "\(file):\($0.line):\($0.column)" } ?? file
            return DutyRuleFileError(description: "\(place): \(what)")
        }
        if text.utf8.count > maxBytes { throw DutyRuleFileError(description: "\(file): larger than 1 MiB") }
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw DutyRuleFileError(description: "\(file): not valid YAML: \(String(describing: error).split(separator: "\n").first ?? "")")
        }
        guard let root, case .mapping(let top) = root else { throw fail(root, "expected a mapping with a \"rules\" list") }
        func value(_ mapping: Node.Mapping, _ key: String) -> Node? {
            mapping.first { $0.key.string == key }?.value
        }
        func string(_ mapping: Node.Mapping, _ key: String, _ path: String, _ owner: Node, required: Bool = true) throws(DutyRuleFileError) -> String? {
            guard let node = value(mapping, key) else {
                if required { throw fail(owner, "\(path) needs \"\(key)\"") }
                return nil
            }
            guard case .scalar(let s) = node, !s.string.isEmpty else { throw fail(node, "\(path).\(key) must be a non-empty string") }
            return s.string
        }
        for (key, _) in top where key.string != "rules" { throw fail(key, "unknown key \"\(key.string ?? "")\"; the file holds \"rules\"") }
        guard let rulesNode = value(top, "rules"), case .sequence(let rules) = rulesNode else {
            throw fail(root, "expected \"rules\": a list of rules")
        }
        var out: [DutyRule] = []
        var ids = Set<String>()
        for (ri, ruleNode) in rules.enumerated() {
            let path = "rules[\(ri)]"
            guard case .mapping(let rule) = ruleNode else { throw fail(ruleNode, "\(path) must be a mapping") }
            for (key, _) in rule where !["id", "title", "rationale", "duties"].contains(key.string ?? "") {
                throw fail(key, "\(path): unknown key \"\(key.string ?? "")\"; use id, title, rationale, duties")
            }
            let id = try string(rule, "id", path, ruleNode)!
            guard ids.insert(id).inserted else { throw fail(ruleNode, "\(path): the id \"\(id)\" is used twice") }
            let title = try string(rule, "title", path, ruleNode)!
            let rationale = try string(rule, "rationale", path, ruleNode, required: false) ?? ""
            guard let dutiesNode = value(rule, "duties"), case .sequence(let duties) = dutiesNode, duties.count >= 2 else {
                throw fail(ruleNode, "\(path).duties must list at least two duties")
            }
            var parsed: [Duty] = []
            for (di, dutyNode) in duties.enumerated() {
                let dpath = "\(path).duties[\(di)]"
                guard case .mapping(let duty) = dutyNode else { throw fail(dutyNode, "\(dpath) must be a mapping") }
                let name = try string(duty, "name", dpath, dutyNode)!
                guard let actionsNode = value(duty, "actions"), case .sequence(let actions) = actionsNode, actions.count > 0 else {
                    throw fail(dutyNode, "\(dpath).actions must list at least one action")
                }
                var list: [String] = []
                for (ai, actionNode) in actions.enumerated() {
                    guard case .scalar(let s) = actionNode, s.string.contains(":") else {
                        throw fail(actionNode, "\(dpath).actions[\(ai)] must be service:Action (wildcards allowed)")
                    }
                    if catalog.actionIndices(matching: WildcardPattern.action(s.string)).isEmpty {
                        throw fail(actionNode, "\(dpath).actions[\(ai)] \"\(s.string)\" matches no action of the IAM action catalogue")
                    }
                    list.append(s.string)
                }
                parsed.append(Duty(name: name, actions: list))
            }
            out.append(DutyRule(id: id, title: title, rationale: rationale, duties: parsed))
        }
        return out
    }
}
