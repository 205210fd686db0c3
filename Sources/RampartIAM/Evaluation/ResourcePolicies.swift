/// The resource-based policies of an account's resources (bucket, key, queue, topic, function,
/// secret, repository, role trust policies ...), by resource ARN: what `iam who-can` and
/// `what-can` evaluate beside identity policies ("Identity-based policies with resource-based
/// policies": in the same account a resource policy naming the principal grants by itself,
/// except KMS key and role trust policies; across accounts both sides must allow).
public struct ResourcePolicies: Sendable {
    /// One resource's policy.
    public struct Entry: Sendable {
        public let arn: String
        /// The account that owns the resource.
        public let account: String
        public let policy: NamedPolicy
        public let kind: ResourcePolicyKind

        public init(arn: String, account: String, policy: NamedPolicy, kind: ResourcePolicyKind) {
            self.arn = arn
            self.account = account
            self.policy = policy
            self.kind = kind
        }
    }

    public let entries: [Entry]
    private let byArn: [String: Int]
    /// Entries whose Allow statements name a principal ARN, by that ARN.
    private let byPrincipal: [String: [Int]]
    /// Entries with an Allow to everyone (`*`), which in the same account names every principal.
    private let toEveryone: [Int]

    public init(_ entries: [Entry] = []) {
        self.entries = entries
        var index: [String: Int] = [:]
        var named: [String: [Int]] = [:]
        var everyone: [Int] = []
        for (i, e) in entries.enumerated() {
            if index[e.arn] == nil { index[e.arn] = i }
            var arns = Set<String>()
            var wildcard = false
            for s in e.policy.document.statements where s.effect == .allow {
                guard let p = s.principal, !p.isNegated else { continue }
                if p.isWildcard || p.aws.contains("*") { wildcard = true }
                arns.formUnion(p.aws)
            }
            for arn in arns { named[arn, default: []].append(i) }
            if wildcard { everyone.append(i) }
        }
        byArn = index
        byPrincipal = named
        toEveryone = everyone
    }

    /// The policy that governs a request on `resource`: the resource's own, or for an S3 object
    /// (`arn:aws:s3:::bucket/key`) its bucket's.
    public func entry(for resource: String) -> Entry? {
        if let i = byArn[resource] { return entries[i] }
        if resource.hasPrefix("arn:"), resource.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).dropFirst(2).first == "s3",
            let slash = resource.firstIndex(of: "/"), let i = byArn[String(resource[..<slash])]
        {
            return entries[i]
        }
        return nil
    }

    /// `set` with the resource policy of `entry` added.
    static func adding(_ entry: Entry?, to set: PolicySet) -> PolicySet {
        guard let entry else { return set }
        var out = set
        out.resourcePolicy = entry.policy
        out.resourcePolicyKind = entry.kind
        return out
    }

    /// The resources in `account` whose policy has an Allow naming `principal` itself (its ARN,
    /// or everyone), with those statements: where a resource policy may grant what identity
    /// policies do not ("same account: union"; not KMS keys or role trusts, whose policies must
    /// allow in any case and are evaluated when asked about by ARN).
    func naming(_ principal: RequestPrincipal, in account: String) -> [(entry: Entry, statements: [Statement])] {
        let candidates = Set((byPrincipal[principal.arn] ?? []) + toEveryone).sorted()
        return candidates.compactMap { i in
            let e = entries[i]
            guard e.account == account, e.kind == .standard else { return nil }
            let statements = e.policy.document.statements.filter { s in
                guard s.effect == .allow, let p = s.principal, !p.isNegated else { return false }
                return p.isWildcard || p.aws.contains("*") || p.aws.contains(principal.arn)
            }
            return statements.isEmpty ? nil : (e, statements)
        }
    }

    /// The resource ARNs to ask about for `entry`: the resource itself, then what its
    /// statements name (wildcards made concrete; patterns with policy variables left out).
    static func targets(_ entry: Entry, _ statements: [Statement]) -> [String] {
        var out = [entry.arn]
        for s in statements {
            guard let r = s.resource, !r.isNegated else { continue }
            for p in r.patterns where !p.contains("${") {
                let concrete = String(p.map { $0 == "*" || $0 == "?" ? "x" : $0 })
                if !out.contains(concrete) { out.append(concrete) }
            }
        }
        return out
    }

    /// Whether `principal`'s request for `action` is allowed on one of `entry`'s resources by
    /// exact evaluation with its identity policies, boundary and the resource policy: the
    /// matched statements when allowed, or the missing context keys when the answer depends on
    /// them; nil when denied.
    static func evaluate(_ principal: IAMPrincipal, action: String, entry: Entry, statements: [Statement],
        context: [String: ContextValue]) -> (allows: [MatchedStatement], missing: [String])?
    {
        let set = adding(entry, to: principal.policySet)
        var missing: [String]?
        for target in targets(entry, statements) {
            let request = RequestContext(principal: principal.requestPrincipal, action: action, resource: target,
                resourceAccount: entry.account, context: context)
            let result = PolicyEvaluator.evaluate(request, policies: set)
            if result.decision == .allowed { return (result.matchedStatements, result.missingContextValues) }
            if result.decision == .implicitDeny, !result.missingContextValues.isEmpty, missing == nil { missing = result.missingContextValues }
        }
        guard let missing else { return nil }
        let lowered = action.lowercased()
        let allows = statements.filter { StatementMatcher.actionMatches($0, lowered) }.map {
            MatchedStatement(policyName: entry.policy.name, kind: .resource, statementIndex: $0.index, sid: $0.sid, effect: .allow)
        }
        return (allows, missing)
    }
}
