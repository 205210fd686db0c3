/// A principal of one account that can assume a role of another account of the same source.
public struct CrossAccountAssumption: Sendable {
    public let from: IAMPrincipal
    public let to: IAMPrincipal
    /// The allow statements of the caller's policies and of the role's trust policy that let it.
    public let statements: [MatchedStatement]
    /// Context keys the request would need (empty when it is allowed as is).
    public let conditions: [String]

    /// The assumption as a step of an escalation path.
    public var step: EscalationStep {
        EscalationStep(from: from.arn, to: to.arn, method: EscalationMethod.all.first { $0.target == .assumableRole }!,
            statements: statements, conditions: conditions)
    }
}

/// IAM across the accounts of one source (an organization snapshot or scan): each account's own
/// escalation graph, bounded by its SCPs and RCPs, joined by the roles that principals of one
/// account can assume in another.
///
/// Encodes IAM User Guide, "Cross-account policy evaluation logic": a principal of account A
/// can assume a role of account B only when both A's policies (its identity policies, its
/// boundary and A's SCPs: "SCP evaluation") allow `sts:AssumeRole` on the role and the role's
/// trust policy in B allows A (its root or id) or the principal itself; B's RCPs govern the
/// request as well. Escalation paths, who-can and segregation of duties then follow such
/// assumptions as they follow a role assumed inside one account.
public struct OrganizationIdentity: Sendable {
    public let accounts: [IAMAccount]
    public let permissions: [EffectivePermissions]
    public let graphs: [EscalationGraph]
    /// Every assumption of a role by a principal of another account, found by exact evaluation.
    public let assumptions: [CrossAccountAssumption]
    private let accountIndex: [String: Int]

    /// The graphs over the methods `including` accepts (all of them by default).
    public init(accounts: [IAMAccount], including: (EscalationMethod) -> Bool = { _ in true }) {
        self.accounts = accounts
        let permissions = accounts.map { EffectivePermissions(account: $0) }
        self.permissions = permissions
        graphs = zip(accounts, permissions).map { EscalationGraph(account: $0, permissions: $1, including: including) }
        var index: [String: Int] = [:]
        for (i, a) in accounts.enumerated() where index[a.accountId] == nil { index[a.accountId] = i }
        accountIndex = index
        assumptions = accounts.count < 2 ? [] : Self.crossAccountAssumptions(accounts, permissions, index)
    }

    /// The account holding `arn`.
    func account(of arn: String) -> Int? { RequestPrincipal(arn: arn).accountId.flatMap { accountIndex[$0] } }

    static func crossAccountAssumptions(_ accounts: [IAMAccount], _ permissions: [EffectivePermissions], _ index: [String: Int])
        -> [CrossAccountAssumption]
    {
        // Per account, the users and roles whose effective permissions allow sts:AssumeRole somewhere.
        let callers: [[IAMPrincipal]] = zip(accounts, permissions).map { account, p in
            guard let action = p.catalog.index(of: "sts:AssumeRole") else { return [] }
            return account.requestingPrincipals.filter { p.access(of: $0).access(toActionAt: action) != .none }
        }
        var byArn: [String: IAMPrincipal] = [:]
        for list in callers { for p in list { byArn[p.arn] = p } }
        var work: [(role: IAMPrincipal, candidates: [IAMPrincipal])] = []
        for (k, account) in accounts.enumerated() {
            for role in account.principals where role.kind == .role && !role.isServiceLinked {
                guard let trust = role.trustPolicy else { continue }
                var candidates: [String: IAMPrincipal] = [:]
                for statement in trust.document.statements where statement.effect == .allow {
                    guard let p = statement.principal, !p.isNegated, StatementMatcher.actionMatches(statement, "sts:assumerole") else { continue }
                    for value in p.isWildcard ? ["*"] : p.aws {
                        if value == "*" {
                            for (j, list) in callers.enumerated() where j != k { for c in list { candidates[c.arn] = c } }
                        } else if let caller = byArn[value] {
                            if index[caller.accountId] != k { candidates[caller.arn] = caller }
                        } else {
                            let trusted = value.hasPrefix("arn:") ? RequestPrincipal(arn: value).accountId : value
                            guard let trusted, let j = index[trusted], j != k,
                                value == trusted || value.hasSuffix(":root") || value.contains("*")
                            else { continue }
                            for c in callers[j] { candidates[c.arn] = c }
                        }
                    }
                }
                if !candidates.isEmpty { work.append((role, candidates.keys.sorted().map { candidates[$0]! })) }
            }
        }
        let found = concurrentMap(work) { item -> [CrossAccountAssumption] in
            item.candidates.compactMap { caller in
                let request = RequestContext(principal: caller.requestPrincipal, action: "sts:AssumeRole", resource: item.role.arn,
                    context: caller.contextKeys)
                let outcome = EscalationGraph.evaluate(request, caller, trust: item.role.trustPolicy, bounds: item.role.organization)
                guard outcome.ok else { return nil }
                return CrossAccountAssumption(from: caller, to: item.role, statements: outcome.statements,
                    conditions: outcome.missing.map { "needs request context \($0)" })
            }
        }
        return found.flatMap { $0 }
    }

    /// Every principal of any account that can become one of `goals` (keys: ARNs; values: the
    /// path each goal continues with), through `become` steps inside its account and
    /// cross-account role assumptions, with its whole path. The goals themselves are not listed.
    public func paths(toBecome goals: [String: [EscalationStep]]) -> [String: [EscalationStep]] {
        var known = goals
        var found: [String: [EscalationStep]] = [:]
        var byTarget: [String: [CrossAccountAssumption]] = [:]
        for a in assumptions { byTarget[a.to.arn, default: []].append(a) }
        var frontier = Array(goals.keys)
        while !frontier.isEmpty {
            var reached = frontier
            // Inside each account: principals that can become a frontier node.
            let grouped = Dictionary(grouping: frontier) { account(of: $0) ?? -1 }
            for (k, arns) in grouped.sorted(by: { $0.key < $1.key }) where k >= 0 {
                let graph = graphs[k]
                for (arn, goal) in graph.principals(thatCanBecome: Set(arns)).sorted(by: { $0.key < $1.key }) where known[arn] == nil {
                    guard let start = graph.nodes.firstIndex(where: { $0.arn == arn }), graph.nodes[start].kind != .group,
                        let (_, steps) = graph.becomePath(from: start, until: { graph.nodes[$0].arn == goal })
                    else { continue }
                    known[arn] = steps + (known[goal] ?? [])
                    found[arn] = known[arn]
                    reached.append(arn)
                }
            }
            // Across accounts: callers that can assume a reached role.
            var next: [String] = []
            for target in reached {
                for a in byTarget[target] ?? [] where known[a.from.arn] == nil {
                    known[a.from.arn] = [a.step] + (known[target] ?? [])
                    found[a.from.arn] = known[a.from.arn]
                    next.append(a.from.arn)
                }
            }
            frontier = next
        }
        return found
    }

    /// Every account's escalation findings, plus the principals that reach administrator power
    /// only through a role of another account (their path starts with that assumption or leads to it).
    public func findings() -> [EscalationFinding] {
        let own = graphs.flatMap { $0.findings() }
        return own + crossAccountFindings(own)
    }

    /// The principals that reach administrator power only through a role of another account,
    /// given every account's own findings (`own`).
    public func crossAccountFindings(_ own: [EscalationFinding]) -> [EscalationFinding] {
        guard !assumptions.isEmpty else { return [] }
        var goals: [String: [EscalationStep]] = [:]
        for f in own { goals[f.principal.arn] = f.path }
        var principals: [String: IAMPrincipal] = [:]
        for a in accounts { for p in a.principals { principals[p.arn] = p } }
        var out: [EscalationFinding] = []
        for (arn, path) in paths(toBecome: goals).sorted(by: { $0.key < $1.key }) {
            guard let p = principals[arn], p.kind != .group else { continue }
            out.append(EscalationFinding(principal: p, isAdmin: false, reachesAdmin: true, adminStatements: [], path: path))
        }
        return out
    }

    /// Who can perform `action` (on `resource`, when given) in any account: each account's own
    /// grants, and, with `via`, the principals of any account that can become a granted one.
    public func whoCan(action: String, resource: String? = nil, context: [String: ContextValue] = [:]) throws(UnknownActionError)
        -> (grants: [PrincipalGrant], via: [String: [EscalationStep]])
    {
        var grants: [PrincipalGrant] = []
        for (p, account) in zip(permissions, accounts) {
            // A resource of another account: only that account's principals are judged by its own grants here
            // (a resource policy could let others in; `rampart access` answers that).
            grants += try p.whoCan(action: action, resource: resource, context: context, in: account)
        }
        var goals: [String: [EscalationStep]] = [:]
        for g in grants { goals[g.principal.arn] = [] }
        return (grants, paths(toBecome: goals))
    }

    /// Segregation-of-duties conflicts in every account, counting the duties a principal holds
    /// through roles of other accounts it can assume.
    public func conflicts(rules: [DutyRule] = DutyRule.builtIn) -> [DutyConflict] {
        var extra: [String: [(role: IAMPrincipal, access: PrincipalAccess)]] = [:]
        for a in assumptions {
            guard let k = account(of: a.to.arn) else { continue }
            extra[a.from.arn, default: []].append((a.to, permissions[k].access(of: a.to)))
        }
        return graphs.flatMap { SegregationOfDuties.conflicts($0, rules: rules, crossAccountRoles: extra) }
    }
}
