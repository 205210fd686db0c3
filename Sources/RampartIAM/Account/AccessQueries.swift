/// How a principal holds an action in a who-can answer.
public enum GrantLevel: String, Sendable, Hashable {
    /// On every resource, unconditionally (no resource was asked about).
    case full
    /// On some resources or under conditions (no resource was asked about).
    case limited
    /// The exact evaluation of the resource asked about allows it.
    case allowed
    /// The resource asked about is allowed only when context keys the request did not carry
    /// (listed in `missingContextValues`) have suitable values.
    case conditional
}

/// One principal that can perform an action, with the statements that say so.
public struct PrincipalGrant: Sendable {
    public let principal: IAMPrincipal
    public let level: GrantLevel
    /// The allow statements naming the action (for `allowed`, those that matched the request).
    public let allows: [MatchedStatement]
    /// Deny statements naming the action that limit it.
    public let denies: [MatchedStatement]
    public let missingContextValues: [String]
    /// For `limited`: what keeps the grant from covering every resource unconditionally, in
    /// words (the allows' resource restrictions and conditions, the permissions boundary); never
    /// empty for `limited`. Deny statements are in `denies`.
    public internal(set) var limits: [String] = []
}

/// One action a principal can perform.
public struct ActionGrant: Sendable {
    public let action: IAMAction
    public let access: ActionAccess
    /// The resources whose resource policy grants the action when identity policies do not.
    public var throughResourcePolicies: [String] = []
}

/// What a principal can do, counted: the summary `what-can --all` prints per principal.
public struct AccessSummary: Sendable {
    public let principal: IAMPrincipal
    public let full: Int
    public let limited: Int
    /// Actions held in full, per access level.
    public let fullByLevel: [AccessLevel: Int]
    /// Whether every action of the catalogue is held in full: administrator power.
    public let hasEveryAction: Bool
}

/// An action name the catalogue does not know.
public struct UnknownActionError: Error, Sendable, CustomStringConvertible {
    public let action: String
    public var description: String {
        "\"\(action)\" is not an action of the IAM action catalogue (service:Action, no wildcards)"
    }
}

extension EffectivePermissions {
    /// Every user and role that can perform `action`: by effective permissions over all
    /// resources when `resource` is nil, else by exact evaluation of that resource with `context`.
    /// `resourcePolicies` adds what resource-based policies grant: the resource's own policy in
    /// the exact evaluation, and without `resource`, a `limited` grant to principals that only a
    /// same-account resource policy lets in.
    public func whoCan(action: String, resource: String? = nil, context: [String: ContextValue] = [:], in account: IAMAccount,
        resourcePolicies: ResourcePolicies = ResourcePolicies()) throws(UnknownActionError) -> [PrincipalGrant]
    {
        guard let index = catalog.index(of: action) else { throw UnknownActionError(action: action) }
        let canonical = catalog.allActions[index].fullName
        let principals = account.requestingPrincipals
        let entry = resource.flatMap { resourcePolicies.entry(for: $0) }
        let grants = concurrentMap(principals) { principal -> PrincipalGrant? in
            let access = self.access(of: principal).access(toActionAt: index)
            if access == .none, resource == nil {
                return self.throughResourcePolicies(principal, action: canonical, resourcePolicies, context: context)
            }
            if access == .none, entry == nil { return nil }
            let (allows, denies) = self.statements(of: principal, naming: canonical)
            guard let resource else {
                var grant = PrincipalGrant(principal: principal, level: access == .full ? .full : .limited, allows: allows, denies: denies,
                    missingContextValues: [])
                if access != .full { grant.limits = self.limits(of: principal, naming: canonical, denied: !denies.isEmpty) }
                return grant
            }
            var keys = principal.contextKeys
            for (k, v) in context { keys[k] = v }
            let request = RequestContext(principal: principal.requestPrincipal, action: canonical, resource: resource,
                resourceAccount: entry?.account ?? PolicySimulator.resourceAccount(resource), context: keys)
            var policies = ResourcePolicies.adding(entry, to: principal.policySet)
            if request.effectiveResourceAccount == account.accountId {
                // The resource is the account's own: its RCPs apply ("RCP evaluation").
                policies.resourceControlPolicies = account.organization.resourceControlPolicies
                policies.resourceInManagementAccount = account.organization.isManagementAccount
            }
            let result = PolicyEvaluator.evaluate(request, policies: policies)
            switch result.decision {
            case .allowed:
                return PrincipalGrant(principal: principal, level: .allowed, allows: result.matchedStatements, denies: [],
                    missingContextValues: result.missingContextValues)
            case .implicitDeny where !result.missingContextValues.isEmpty:
                return PrincipalGrant(principal: principal, level: .conditional, allows: allows, denies: denies,
                    missingContextValues: result.missingContextValues)
            default:
                return nil
            }
        }
        return grants.compactMap { $0 }
    }

    /// A `limited` grant of `action` to a principal whose identity policies do not allow it but a
    /// same-account resource policy naming it does, by exact evaluation on the resources that
    /// policy covers; nil when none does.
    func throughResourcePolicies(_ principal: IAMPrincipal, action: String, _ policies: ResourcePolicies,
        context: [String: ContextValue]) -> PrincipalGrant?
    {
        guard !policies.entries.isEmpty, let accountId = principal.requestPrincipal.accountId else { return nil }
        var keys = principal.contextKeys
        for (k, v) in context { keys[k] = v }
        let lowered = action.lowercased()
        var allows: [MatchedStatement] = []
        var missing: [String] = []
        var limits: [String] = []
        for (entry, statements) in policies.naming(principal.requestPrincipal, in: accountId)
        where statements.contains(where: { StatementMatcher.actionMatches($0, lowered) }) {
            guard let hit = ResourcePolicies.evaluate(principal, action: action, entry: entry, statements: statements, context: keys) else { continue }
            allows += hit.allows.filter { $0.kind == .resource }
            for key in hit.missing where !missing.contains(key) { missing.append(key) }
            limits.append("only \(entry.arn), through its resource policy")
        }
        guard !limits.isEmpty else { return nil }
        var grant = PrincipalGrant(principal: principal, level: .limited, allows: allows, denies: [], missingContextValues: missing)
        grant.limits = limits
        return grant
    }

    /// Why `principal` holds `action` only on some resources or under conditions: each identity
    /// allow naming it that is restricted (`Resource` without `*`, `NotResource`, conditions), and
    /// a permissions boundary without an unconditional allow of it on every resource. When none
    /// of these and no deny (`denied`) explains it, says so rather than nothing.
    func limits(of principal: IAMPrincipal, naming action: String, denied: Bool) -> [String] {
        let lowered = action.lowercased()
        func name(_ policy: NamedPolicy, _ statement: Statement) -> String { "\(policy.name)#\(statement.sid ?? String(statement.index))" }
        func unrestricted(_ statement: Statement) -> Bool {
            statement.conditions.isEmpty && (statement.resource.map { !$0.isNegated && $0.patterns.contains("*") } ?? true)
        }
        var out: [String] = []
        for policy in principal.identityPolicies {
            for statement in policy.document.statements where statement.effect == .allow && StatementMatcher.actionMatches(statement, lowered) {
                if let resource = statement.resource, resource.isNegated {
                    out.append("\(name(policy, statement)): every resource except \(resource.patterns.joined(separator: ", "))")
                } else if let resource = statement.resource, !resource.patterns.contains("*") {
                    out.append("\(name(policy, statement)): only \(resource.patterns.joined(separator: ", "))")
                }
                if !statement.conditions.isEmpty {
                    let keys = Array(Set(statement.conditions.map(\.key))).sorted()
                    out.append("\(name(policy, statement)): only when \(keys.joined(separator: ", ")) match")
                }
            }
        }
        if let boundary = principal.permissionsBoundary,
            !boundary.document.statements.contains(where: { $0.effect == .allow && StatementMatcher.actionMatches($0, lowered) && unrestricted($0) })
        {
            out.append("permissions boundary \(boundary.name)")
        }
        if principal.isRestrictedBySCPs {
            for (depth, level) in principal.organization.serviceControlPolicies.enumerated() where !level.contains(where: { policy in
                policy.document.statements.contains { $0.effect == .allow && StatementMatcher.actionMatches($0, lowered) && unrestricted($0) }
            }) {
                out.append("service control policies at organization level \(depth) (\(level.map(\.name).joined(separator: ", ")))")
            }
        }
        if out.isEmpty, !denied {
            out.append("organization policies or the combination of statements (no single allow covers every resource unconditionally)")
        }
        return out
    }

    /// The catalogue actions `principal` can perform, in catalogue order, optionally only those
    /// of one access level or service.
    /// `resourcePolicies` adds, as `limited`, the actions only a same-account resource policy
    /// naming the principal grants (checked by exact evaluation on that resource).
    public func whatCan(_ principal: IAMPrincipal, accessLevel: AccessLevel? = nil, service: String? = nil,
        resourcePolicies: ResourcePolicies = ResourcePolicies()) -> [ActionGrant]
    {
        let access = self.access(of: principal)
        var out: [ActionGrant] = []
        var all = access.full
        all.formUnion(access.limited)
        var through: [Int: [String]] = [:]
        if let accountId = principal.requestPrincipal.accountId {
            for (entry, statements) in resourcePolicies.naming(principal.requestPrincipal, in: accountId) {
                var candidates = Set<Int>()
                for s in statements where !s.action.isNegated {
                    for pattern in s.actionPatterns { candidates.formUnion(catalog.actionIndices(matching: pattern)) }
                }
                for index in candidates.sorted() where !all.contains(index) {
                    let action = catalog.allActions[index]
                    if let accessLevel, action.accessLevel != accessLevel { continue }
                    if let service, action.servicePrefix.lowercased() != service.lowercased() { continue }
                    guard ResourcePolicies.evaluate(principal, action: action.fullName, entry: entry, statements: statements,
                        context: principal.contextKeys) != nil
                    else { continue }
                    through[index, default: []].append(entry.arn)
                }
            }
        }
        for index in through.keys { all.insert(index) }
        for index in all.indices {
            let action = catalog.allActions[index]
            if let accessLevel, action.accessLevel != accessLevel { continue }
            if let service, action.servicePrefix.lowercased() != service.lowercased() { continue }
            if let arns = through[index] {
                out.append(ActionGrant(action: action, access: .limited, throughResourcePolicies: arns))
            } else {
                out.append(ActionGrant(action: action, access: access.access(toActionAt: index)))
            }
        }
        return out
    }

    /// Counts for every principal of the account (users, roles and groups), computed in parallel.
    public func summaries(of account: IAMAccount) -> [AccessSummary] {
        var levels: [AccessLevel: ActionSet] = [:]
        for (index, action) in catalog.allActions.enumerated() {
            levels[action.accessLevel, default: ActionSet(capacity: catalog.allActions.count)].insert(index)
        }
        let levelSets = levels
        return concurrentMap(account.principals) { principal in
            let access = self.access(of: principal)
            var byLevel: [AccessLevel: Int] = [:]
            for (level, set) in levelSets { byLevel[level] = access.full.intersectionCount(set) }
            return AccessSummary(principal: principal, full: access.full.count, limited: access.limited.count, fullByLevel: byLevel,
                hasEveryAction: access.full.isAll)
        }
    }
}
