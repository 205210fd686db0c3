public import RampartFindings

/// One resource's failures that share a cause, for the terminal summary: an instance reachable
/// on many ports, a security group open on many ports, a bucket failing several public-access
/// checks, an account missing several alarms or password-policy settings. A failure that shares
/// no cause with another on its resource is a group of one.
public struct FailureGroup: Sendable {
    /// The cause in words (`reachable from the internet`), nil for a group of one.
    public var cause: String?
    /// The findings, in catalogue order.
    public var findings: [Finding]
    /// What differs between the findings (`ssh`, `rdp` ...), one per finding.
    public var items: [String]

    /// The most severe finding's severity: where the group is listed.
    public var severity: Severity { findings.map(\.severity).max() ?? .informational }

    /// Groups `failures` by resource and cause; groups keep the order of their first finding.
    public static func grouping(_ failures: [Finding]) -> [FailureGroup] {
        var order: [String] = []
        var groups: [String: FailureGroup] = [:]
        for (index, f) in failures.enumerated() {
            let found = Self.cause(of: f.checkId)
            let cause: String? = found?.0
            let item = found?.1 ?? f.checkId
            let key = cause.map { "\(f.resource.arn)\u{0}\($0)" } ?? "\(f.resource.arn)\u{0}#\(index)"
            if groups[key] == nil {
                order.append(key)
                groups[key] = FailureGroup(cause: cause, findings: [], items: [])
            }
            groups[key]?.findings.append(f)
            groups[key]?.items.append(item)
        }
        return order.compactMap { key in
            guard var group = groups[key] else { return nil }
            if group.findings.count == 1 { group.cause = nil }
            return group
        }
    }

    /// The shared cause of a check, and what names this check within it; nil when the check has no
    /// cause it shares with others.
    static func cause(of checkId: String) -> (String, String)? {
        let parts = checkId.split(separator: ".", maxSplits: 2).map(String.init)
        guard parts.count == 3 else { return nil }
        let what = parts[2]
        if what.hasSuffix("-not-exposed-to-internet") {
            return ("reachable from the internet on", String(what.dropLast("-not-exposed-to-internet".count)))
        }
        if what.hasPrefix("ingress-open-") { return ("open to the internet:", String(what.dropFirst("ingress-open-".count))) }
        if what.hasPrefix("alarm-on-") { return ("no alarm on", String(what.dropFirst("alarm-on-".count))) }
        if parts[1] == "password-policy" { return ("password policy:", what) }
        if what.contains("public") { return ("public access:", what) }
        return nil
    }

    /// The check family (`ec2.instance`): a check id's first two parts.
    public static func family(of checkId: String) -> String {
        checkId.split(separator: ".", maxSplits: 2).prefix(2).joined(separator: ".")
    }
}
