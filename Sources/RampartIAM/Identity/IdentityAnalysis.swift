/// Everything the identity checks read about one account, computed once: the account, its
/// effective permissions, the escalation graph's findings, segregation-of-duties conflicts and
/// trust grants.
public struct IdentityAnalysis: Sendable {
    public let account: IAMAccount
    public let escalations: [String: EscalationFinding]
    public let conflicts: [String: [DutyConflict]]
    public let trusts: [TrustGrant]
    /// Per principal that can become another whose policies could not be read, that other
    /// principal: paths through it are unknown, so its absence of findings proves nothing.
    public let becomesUnreadable: [String: String]

    public init(_ account: IAMAccount, rules: [DutyRule] = DutyRule.builtIn) {
        self.account = account
        let graph = EscalationGraph(account: account, permissions: EffectivePermissions(account: account))
        escalations = Dictionary(graph.findings().map { ($0.principal.arn, $0) }, uniquingKeysWith: { a, _ in a })
        conflicts = Dictionary(grouping: SegregationOfDuties.conflicts(graph, rules: rules), by: \.principal.arn)
        trusts = TrustAnalysis.grants(account)
        becomesUnreadable = account.problems.isEmpty ? [:] : graph.principals(thatCanBecome: Set(account.principals.filter {
            Self.unreadablePolicies(of: $0, in: account) != nil
        }.map(\.arn)))
    }

    /// Why the principal's verdicts cannot be trusted, if one of its own or its groups' policies
    /// could not be read (nil when all were read).
    public func unreadablePolicies(of principal: IAMPrincipal) -> String? {
        Self.unreadablePolicies(of: principal, in: account)
    }

    /// Why a verdict that the principal *can* do something is uncertain: an organization policy
    /// (SCP) of its account could not be read. SCPs only restrict, so such a policy can turn an
    /// "allowed" into a "denied" but never the reverse: verdicts that it cannot stay certain.
    public func unreadableOrganizationPolicies(of principal: IAMPrincipal) -> String? {
        principal.isServiceLinked ? nil : principal.organization.unknownReason
    }

    static func unreadablePolicies(of principal: IAMPrincipal, in account: IAMAccount) -> String? {
        let owners = [principal.kind.rawValue + "/" + principal.name + ":"]
            + principal.groupArns.map { "group/" + ($0.split(separator: "/").last.map(String.init) ?? "") + ":" }
        let attached = Set(principal.attachedPolicyArns + (principal.permissionsBoundary.map { [$0.name] } ?? []))
        let hits = account.problems.filter { problem in
            owners.contains { problem.policy.hasPrefix($0) } || attached.contains(problem.policy)
                || problem.message.contains("\(principal.kind.rawValue)/\(principal.name) ")
        }
        return hits.isEmpty ? nil : "policies that could not be read: " + hits.map(\.description).joined(separator: "; ")
    }
}
