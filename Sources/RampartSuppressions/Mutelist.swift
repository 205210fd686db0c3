public import RampartFindings
public import RampartInventory
import RampartTime
import Yams
public import struct Foundation.Date

/// Accepted risks, read from a `--mutelist` YAML file (README, "Accepting a risk"): each rule says
/// which findings it covers (glob patterns on check, resource ARN, account, Region, and tag
/// values) and why, who owns the decision and until when. A matched finding keeps its status and
/// carries `Finding.muted`.
public struct Mutelist: Sendable {
    /// One accepted risk. A finding matches when every selector the rule gives matches it.
    public struct Rule: Sendable {
        /// The rule's `name`, else `FILE:LINE`; what `Muted.rule` names.
        public var id: String
        public var checks: [Glob]?
        public var resources: [Glob]?
        public var accounts: [Glob]?
        public var regions: [Glob]?
        /// Tag key to a pattern for its value; the resource must carry every key.
        public var tags: [String: Glob]?
        public var reason: String
        public var owner: String
        /// The last day the acceptance holds (UTC), `YYYY-MM-DD`.
        public var expires: String
        /// Seconds since the epoch at which the rule stops: the start of the day after `expires`.
        public var endsAt: Int

        /// Whether the rule covers `finding`, whose resource carries `tags` (nil: not known).
        public func matches(_ finding: Finding, tags resourceTags: Tags?) -> Bool {
            if let checks, !checks.contains(where: { $0.matches(finding.checkId) || finding.aliases["prowler"].map($0.matches) == true }) {
                return false
            }
            if let resources, !resources.contains(where: { $0.matches(finding.resource.arn) }) { return false }
            if let accounts, !accounts.contains(where: { $0.matches(finding.resource.account) }) { return false }
            if let regions, !regions.contains(where: { $0.matches(finding.resource.region) }) { return false }
            if let tags {
                guard let resourceTags else { return false }
                for (key, pattern) in tags {
                    guard let value = resourceTags[key], pattern.matches(value) else { return false }
                }
            }
            return true
        }

        /// Whether the rule has ended by `date` (the scan's collection time).
        public func isExpired(at date: Date) -> Bool { date.timeIntervalSince1970 >= Double(endsAt) }

        var note: SuppressionSummary.RuleNote { .init(rule: id, owner: owner, expires: expires) }
    }

    /// The file the rules came from, as given.
    public var file: String
    public var rules: [Rule]

    public init(file: String, rules: [Rule]) {
        self.file = file
        self.rules = rules
    }

    /// `report` with each finding the first rule in force covers marked muted, and the summary
    /// of rules that expired (judged against `report.collectedAt`, so an old snapshot is judged as
    /// of its collection) or matched nothing. `tags` gives a resource's tags by ARN.
    public func apply(to report: ScanReport, tags: (String) -> Tags?) -> ScanReport {
        var copy = report
        let inForce = rules.filter { !$0.isExpired(at: report.collectedAt) }
        var used = Set<String>()
        for index in copy.findings.indices {
            let finding = copy.findings[index]
            let resourceTags = tags(finding.resource.arn)
            guard let rule = inForce.first(where: { $0.matches(finding, tags: resourceTags) }) else { continue }
            used.insert(rule.id)
            copy.findings[index].muted = Muted(reason: rule.reason, owner: rule.owner, expires: rule.expires, rule: rule.id)
        }
        copy.suppression.mutelist = file
        copy.suppression.expiredRules = rules.filter { $0.isExpired(at: report.collectedAt) }.map(\.note)
        copy.suppression.unusedRules = inForce.filter { !used.contains($0.id) }.map(\.note)
        return copy
    }
}

/// A mutelist that cannot be used: `FILE:LINE:COLUMN: what is wrong and how to fix it`.
public struct MutelistError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String

    public var description: String {
        let place = line.map { ":\($0)" + (column.map { ":\($0)" } ?? "") } ?? ""
        return "\(file)\(place): \(message)"
    }
}

extension Mutelist {
    static let ruleKeys = ["name", "checks", "resources", "accounts", "regions", "tags", "reason", "owner", "expires"]

    /// Parses a mutelist's text; `file` names it in errors and in rules without a `name`.
    public static func parse(_ text: String, file: String) throws(MutelistError) -> Mutelist {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw yamlError(error, file)
        } catch {
            throw MutelistError(file: file, line: 1, column: 1, message: "not YAML: \(error)")
        }
        let reader = MutelistReader(file: file)
        guard let root else { throw MutelistError(file: file, line: 1, column: 1, message: "the mutelist is empty; it needs a list of rules under \"rules:\"") }
        let top = try reader.mapping(root, "the mutelist", allowed: ["rules"])
        guard let list = top["rules"] else { throw reader.error(root, "the mutelist needs a list of rules under \"rules:\"") }
        guard case .sequence(let items) = list else { throw reader.error(list, "rules must be a list of rules") }
        var rules: [Rule] = []
        var names = Set<String>()
        for item in items {
            let rule = try reader.rule(item)
            guard names.insert(rule.id).inserted else { throw reader.error(item, "two rules are named \"\(rule.id)\"; names must be unique") }
            rules.append(rule)
        }
        return Mutelist(file: file, rules: rules)
    }

    private static func yamlError(_ error: YamlError, _ file: String) -> MutelistError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return MutelistError(file: file, line: mark.line, column: mark.column, message: "not valid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return MutelistError(
                file: file, line: context.mark.line, column: context.mark.column, message: "duplicate key \(duplicates.joined(separator: ", "))")
        default:
            let first = "\(error)".split(separator: "\n").first.map(String.init) ?? "unreadable"
            return MutelistError(file: file, line: 1, column: 1, message: "not valid YAML: \(first)")
        }
    }

    /// Seconds since the epoch of the start of the day after `YYYY-MM-DD`; nil if not such a date.
    static func endOfDay(_ text: String) -> Int? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        let days = UTCCalendar.daysSinceEpoch(year: year, month: month, day: day)
        let back = UTCCalendar.fields(secondsSinceEpoch: days * 86_400)
        guard back.year == year, back.month == month, back.day == day else { return nil }
        return (days + 1) * 86_400
    }
}

/// Reads the YAML nodes of a mutelist, naming each error's line and column.
private struct MutelistReader {
    let file: String

    func error(_ node: Node, _ message: String) -> MutelistError {
        MutelistError(file: file, line: node.mark?.line, column: node.mark?.column, message: message)
    }

    func mapping(_ node: Node, _ what: String, allowed: [String]?) throws(MutelistError) -> [String: Node] {
        guard case .mapping(let map) = node else { throw error(node, "\(what) must be a mapping of keys to values") }
        var out: [String: Node] = [:]
        for (key, value) in map {
            guard let name = key.scalar?.string else { throw error(key, "keys must be plain text") }
            if let allowed, !allowed.contains(name) {
                throw error(key, "unknown key \"\(name)\" in \(what); expected one of \(allowed.joined(separator: ", "))")
            }
            out[name] = value
        }
        return out
    }

    func text(_ node: Node, _ what: String) throws(MutelistError) -> String {
        guard let s = node.scalar?.string, !s.trimmingWhitespace.isEmpty else { throw error(node, "\(what) must be non-empty text") }
        return s
    }

    func glob(_ node: Node, _ what: String) throws(MutelistError) -> Glob {
        let pattern = try text(node, what)
        do {
            return try Glob(pattern)
        } catch let e {
            throw error(node, "\(what): \(e.description)")
        }
    }

    /// A pattern or a list of patterns.
    func globs(_ node: Node, _ what: String) throws(MutelistError) -> [Glob] {
        if case .sequence(let items) = node {
            guard !items.isEmpty else { throw error(node, "\(what) is an empty list; leave the key out to match every \(what.dropLast())") }
            var out: [Glob] = []
            for item in items { out.append(try glob(item, "a pattern in \(what)")) }
            return out
        }
        return [try glob(node, what)]
    }

    func rule(_ node: Node) throws(MutelistError) -> Mutelist.Rule {
        let map = try mapping(node, "a rule", allowed: Mutelist.ruleKeys)
        for key in ["reason", "owner", "expires"] where map[key] == nil {
            throw error(node, "a rule needs reason, owner and expires (YYYY-MM-DD); this one has no \(key)")
        }
        let selectors = ["checks", "resources", "accounts", "regions", "tags"]
        guard selectors.contains(where: { map[$0] != nil }) else {
            throw error(node, "a rule needs at least one of \(selectors.joined(separator: ", ")) to say what it mutes (checks: \"*\" mutes every check)")
        }
        let expiresNode = map["expires"]!
        let expires = (expiresNode.scalar?.string ?? "").trimmingWhitespace
        guard let endsAt = Mutelist.endOfDay(expires) else {
            throw error(expiresNode, "expires \"\(expires)\" is not a date; write the last day the rule holds as YYYY-MM-DD")
        }
        var tags: [String: Glob]?
        if let tagNode = map["tags"] {
            let pairs = try mapping(tagNode, "tags", allowed: nil)
            guard !pairs.isEmpty else { throw error(tagNode, "tags is empty; give tag keys and value patterns, e.g. team: legacy") }
            var out: [String: Glob] = [:]
            for (key, value) in pairs { out[key] = try glob(value, "tag \(key)") }
            tags = out
        }
        let line = node.mark?.line ?? 0
        return Mutelist.Rule(
            id: try map["name"].map { (n) throws(MutelistError) in try text(n, "name") } ?? "\(file):\(line)",
            checks: try map["checks"].map { (n) throws(MutelistError) in try globs(n, "checks") },
            resources: try map["resources"].map { (n) throws(MutelistError) in try globs(n, "resources") },
            accounts: try map["accounts"].map { (n) throws(MutelistError) in try globs(n, "accounts") },
            regions: try map["regions"].map { (n) throws(MutelistError) in try globs(n, "regions") },
            tags: tags,
            reason: try text(map["reason"]!, "reason"), owner: try text(map["owner"]!, "owner"),
            expires: expires, endsAt: endsAt)
    }
}

extension String {
    fileprivate var trimmingWhitespace: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
