import Synchronization

/// One step of an escalation path: `from` obtains `to`'s permissions (`become`), or gives `to`
/// any permission (`grant`), by `method`, because of `statements`.
public struct EscalationStep: Sendable {
    public let from: String
    public let to: String
    public let method: EscalationMethod
    /// The allow statements of `from`'s policies that let it (for `sts:AssumeRole`, also the trust statement).
    public let statements: [MatchedStatement]
    /// What the step depends on beyond the policies: context keys the request would need, actions
    /// allowed only on some resources or under conditions, and things Rampart cannot see.
    public let conditions: [String]
}

/// A principal that holds administrator power or can obtain it, with how.
public struct EscalationFinding: Sendable {
    public let principal: IAMPrincipal
    /// Holds administrator power itself: every action, or full IAM write.
    public let isAdmin: Bool
    /// Can obtain administrator power (true for admins too).
    public let reachesAdmin: Bool
    /// For an admin, the statements that grant the power.
    public let adminStatements: [MatchedStatement]
    /// For a principal that reaches admin without being one: the shortest path found.
    public let path: [EscalationStep]
}

/// The privilege-escalation graph of an account: principals (users, roles, groups) are nodes;
/// an edge exists where one can become, or grant anything to, another through a known
/// ``EscalationMethod``. Denies, boundaries, conditions and resource restrictions are honoured
/// by evaluating each candidate edge with ``PolicyEvaluator``.
///
/// "Administrator power" is holding every action, or every IAM write and permissions-management
/// action (which lets a principal grant itself anything). A principal reaches admin when a path
/// of `become` steps leads to an admin, or to a principal that can grant itself, or a principal
/// it can also become, anything.
///
/// Scales to tens of thousands of principals: an actor allowed a method's actions on every
/// resource, unconditionally, reaches all of its targets through one shared hub node instead of
/// one edge each; other actors are evaluated only against targets their statements can match.
public struct EscalationGraph: Sendable {
    public let account: IAMAccount
    public let permissions: EffectivePermissions
    /// Every edge actor → target, with the hub edges expanded lazily.
    let nodes: [IAMPrincipal]
    let exactEdges: [[Edge]]
    /// Per method index: the actors allowed everywhere, and the method's targets.
    let hubActors: [[Int]]
    let hubTargets: [[Int]]
    let adminNodes: Set<Int>
    let selfGranters: [Int: Edge]
    /// Per node, the methods for which it is a hub actor.
    let actorHubs: [[Int]]
    let groupIndex: [String: Int]

    struct Edge: Sendable {
        let from: Int
        let to: Int
        let method: Int
        let statements: [MatchedStatement]
        let conditions: [String]
    }

    public init(account: IAMAccount, permissions: EffectivePermissions) {
        self.account = account
        self.permissions = permissions
        let nodes = account.principals
        self.nodes = nodes
        let catalog = permissions.catalog
        var index: [String: Int] = [:]
        for (i, p) in nodes.enumerated() { index[p.arn] = i }
        let accesses = concurrentMap(nodes) { permissions.access(of: $0) }
        let iamWrite: ActionSet = {
            var s = ActionSet(capacity: catalog.allActions.count)
            for (i, a) in catalog.allActions.enumerated() where a.servicePrefix == "iam"
                && (a.accessLevel == .write || a.accessLevel == .permissionsManagement)
            {
                s.insert(i)
            }
            return s
        }()
        var admins = Set<Int>()
        for (i, a) in accesses.enumerated() where a.full.isAll || a.full.intersectionCount(iamWrite) == iamWrite.count { admins.insert(i) }
        adminNodes = admins

        // Targets of each method: (resource ARN to evaluate, node indices that gain).
        var members: [String: [Int]] = [:]
        for (i, p) in nodes.enumerated() { for g in p.groupArns { members[g, default: []].append(i) } }
        var holders: [String: [Int]] = [:]
        for (i, p) in nodes.enumerated() { for arn in p.attachedPolicyArns { holders[arn, default: []].append(i) } }
        let trusts = nodes.map { TrustedServices($0) }
        func targets(_ m: EscalationMethod) -> [(resource: String, gainers: [Int])] {
            switch m.target {
            case .user: return nodes.indices.filter { nodes[$0].kind == .user }.map { (nodes[$0].arn, [$0]) }
            case .role, .assumableRole:
                return nodes.indices.filter { nodes[$0].kind == .role && !nodes[$0].isServiceLinked }.map { (nodes[$0].arn, [$0]) }
            case .group: return nodes.indices.filter { nodes[$0].kind == .group }.map { (nodes[$0].arn, [$0] + (members[nodes[$0].arn] ?? [])) }
            case .attachedPolicy:
                return holders.keys.sorted().filter { !$0.contains(":iam::aws:policy/") }.compactMap { arn in
                    if m.targetAction == "iam:SetDefaultPolicyVersion", (account.policyVersionCounts[arn] ?? 1) < 2 { return nil }
                    let direct = holders[arn] ?? []
                    return (arn, direct + direct.flatMap { nodes[$0].kind == .group ? members[nodes[$0].arn] ?? [] : [] })
                }
            case .boundedPrincipal:
                let kind: IAMPrincipal.Kind = m.targetAction.contains("User") ? .user : .role
                return nodes.indices.filter { nodes[$0].kind == kind && nodes[$0].permissionsBoundary != nil }.map { (nodes[$0].arn, [$0]) }
            case .serviceRole(let service):
                return nodes.indices.filter { trusts[$0].services.contains(service) && (service != "ec2.amazonaws.com" || nodes[$0].hasInstanceProfile) }
                    .map { (nodes[$0].arn, [$0]) }
            case .instanceRole:
                return nodes.indices.filter { trusts[$0].services.contains("ec2.amazonaws.com") && nodes[$0].hasInstanceProfile }
                    .map { (nodes[$0].arn, [$0]) }
            }
        }

        // Roles by trust: those naming a principal directly, and those delegating to the account.
        var namingRoles: [String: [Int]] = [:]
        var openRoles: [Int] = []
        var unconditionalRoles = Set<Int>()
        for (i, p) in nodes.enumerated() where p.kind == .role && !p.isServiceLinked {
            guard let trust = p.trustPolicy else { continue }
            let shape = TrustShape(trust, account: account.accountId)
            for arn in shape.named { namingRoles[arn, default: []].append(i) }
            if shape.delegates { openRoles.append(i) }
            if shape.delegatesUnconditionally { unconditionalRoles.insert(i) }
        }

        let (namedBy, open, unconditional) = (namingRoles, openRoles, unconditionalRoles)
        let methods = EscalationMethod.all
        var hubActors: [[Int]] = Array(repeating: [], count: methods.count)
        var hubTargets: [[Int]] = Array(repeating: [], count: methods.count)
        let exact = Mutex<[Edge]>([])
        for (mi, method) in methods.enumerated() {
            let targetList = method.target == .assumableRole ? [] : targets(method)
            if targetList.isEmpty && method.target != .assumableRole { continue }
            guard let targetIndex = catalog.index(of: method.targetAction) else { continue }
            let companionIndices = method.companions.compactMap(catalog.index(of:))
            let onResource = method.evaluatesTargetResource
            let fullActors = Mutex<[Int]>([])
            let actors = Array(nodes.indices.filter { nodes[$0].kind != .group && (!method.usersOnly || nodes[$0].kind == .user) })
            _ = concurrentMap(actors) { actor -> Int in
                let access = accesses[actor]
                let principal = nodes[actor]
                let targetLevel = access.access(toActionAt: targetIndex)
                var candidates: [(resource: String, gainers: [Int])]
                if method.target == .assumableRole {
                    // A trust naming the actor lets it assume the role without an identity allow.
                    let naming = (namedBy[principal.arn] ?? []).map { (nodes[$0].arn, [$0]) }
                    var reachable: [Int] = []
                    if targetLevel == .full {
                        fullActors.withLock { $0.append(actor) }
                        reachable = open.filter { !unconditional.contains($0) }
                    } else if targetLevel == .limited {
                        reachable = open
                    }
                    let filter = EscalationGraph.resourceFilter(principal, method.targetAction, permissions)
                    candidates = naming + reachable.filter { filter(nodes[$0].arn) }.map { (nodes[$0].arn, [$0]) }
                    if candidates.isEmpty { return 0 }
                } else {
                    let companionLevels = companionIndices.map { access.access(toActionAt: $0) }
                    if targetLevel == .none || companionLevels.contains(.none) { return 0 }
                    if targetLevel == .full && !companionLevels.contains(.limited) {
                        fullActors.withLock { $0.append(actor) }
                        return 0
                    }
                    if onResource && targetLevel == .limited {
                        let filter = EscalationGraph.resourceFilter(principal, method.targetAction, permissions)
                        candidates = targetList.filter { filter($0.resource) }
                    } else {
                        candidates = targetList
                    }
                }
                var notes = method.companions.filter { access.access(toActionAt: catalog.index(of: $0)!) == .limited }
                    .map { "\($0) is allowed only on some resources or under conditions" }
                if targetLevel == .limited, !onResource {
                    notes.append("\(method.targetAction) is allowed only on some resources or under conditions")
                }
                if let caveat = method.caveat { notes.append(caveat) }
                let allows = onResource ? [] : permissions.statements(of: principal, naming: method.targetAction).allows
                var edges: [Edge] = []
                for (resource, gainers) in candidates {
                    var statements = allows
                    var missing: [String] = []
                    if onResource {
                        let trust = method.target == .assumableRole ? nodes[gainers[0]].trustPolicy : nil
                        let outcome = EscalationGraph.evaluate(principal, method, resource: resource, trust: trust)
                        guard outcome.ok else { continue }
                        statements = outcome.statements
                        missing = outcome.missing
                    }
                    let stepNotes = notes + missing.map { "needs request context \($0)" }
                    for g in gainers where g != actor || method.effect == .grant {
                        edges.append(Edge(from: actor, to: g, method: mi, statements: statements, conditions: stepNotes))
                    }
                }
                if !edges.isEmpty { exact.withLock { $0 += edges } }
                return 0
            }
            hubActors[mi] = fullActors.withLock { $0.sorted() }
            hubTargets[mi] = method.target == .assumableRole ? unconditional.sorted() : Array(Set(targetList.flatMap(\.gainers))).sorted()
        }
        var byFrom: [[Edge]] = Array(repeating: [], count: nodes.count)
        for e in exact.withLock({ $0 }).sorted(by: { ($0.from, $0.to, $0.method) < ($1.from, $1.to, $1.method) }) { byFrom[e.from].append(e) }
        // Membership: a user has its groups' permissions.
        self.exactEdges = byFrom
        self.hubActors = hubActors
        self.hubTargets = hubTargets
        var actorHubs: [[Int]] = Array(repeating: [], count: nodes.count)
        for (mi, actors) in hubActors.enumerated() { for a in actors { actorHubs[a].append(mi) } }
        self.actorHubs = actorHubs
        groupIndex = index.filter { nodes[$0.value].kind == .group }
        // Self-grants: a grant edge whose target is the actor or one of its groups.
        var selfGrants: [Int: Edge] = [:]
        for (mi, method) in methods.enumerated() where method.effect == .grant {
            for actor in hubActors[mi] {
                let own = Set([actor] + nodes[actor].groupArns.compactMap { index[$0] })
                if hubTargets[mi].contains(where: own.contains), selfGrants[actor] == nil {
                    let allows = permissions.statements(of: nodes[actor], naming: method.targetAction).allows
                    selfGrants[actor] = Edge(from: actor, to: actor, method: mi, statements: allows, conditions: method.caveat.map { [$0] } ?? [])
                }
            }
        }
        for edges in byFrom {
            for e in edges where methods[e.method].effect == .grant && selfGrants[e.from] == nil {
                let own = Set([e.from] + nodes[e.from].groupArns.compactMap { index[$0] })
                if own.contains(e.to) { selfGrants[e.from] = e }
            }
        }
        selfGranters = selfGrants
    }

    /// A cheap first test of which resources the principal's allow statements for `action` can
    /// match (policy variables resolved for the principal); exact evaluation follows.
    static func resourceFilter(_ principal: IAMPrincipal, _ action: String, _ permissions: EffectivePermissions) -> (String) -> Bool {
        let lowered = action.lowercased()
        var statements: [Statement] = []
        for policy in principal.identityPolicies {
            for s in policy.document.statements where s.effect == .allow && StatementMatcher.actionMatches(s, lowered) { statements.append(s) }
        }
        var request = RequestContext(principal: principal.requestPrincipal, action: action, resource: "*", context: principal.contextKeys)
        return { resource in
            request.resource = resource
            return statements.contains { StatementMatcher.resourceMatches($0, request) }
        }
    }

    /// Exact evaluation of the method's target action by `principal` on `resource`, with the
    /// method's request context; for `sts:AssumeRole`, with the role's trust policy.
    static func evaluate(_ principal: IAMPrincipal, _ method: EscalationMethod, resource: String, trust: NamedPolicy?)
        -> (ok: Bool, statements: [MatchedStatement], missing: [String])
    {
        var keys = principal.contextKeys
        for (k, v) in method.context { keys[k] = .single(v) }
        let request = RequestContext(principal: principal.requestPrincipal, action: method.targetAction, resource: resource, context: keys)
        var set = principal.policySet
        if let trust {
            set.resourcePolicy = trust
            set.resourcePolicyKind = .roleTrust
        }
        let result = PolicyEvaluator.evaluate(request, policies: set)
        switch result.decision {
        case .allowed: return (true, result.matchedStatements, [])
        case .implicitDeny where !result.missingContextValues.isEmpty:
            // Allowed only if the request carries context the policies ask for: a conditional edge.
            return (EscalationGraph.couldAllow(request, set, result.missingContextValues), [], result.missingContextValues)
        default: return (false, [], [])
        }
    }

    /// Whether some value of the missing keys could make the request allowed: tried with the
    /// values an actor controls (MFA and TLS present, the request from anywhere).
    static func couldAllow(_ request: RequestContext, _ set: PolicySet, _ missing: [String]) -> Bool {
        var r = request
        for key in missing {
            switch key.lowercased() {
            case "aws:multifactorauthpresent", "aws:securetransport", "aws:viaawsservice": r.set(key, "true")
            case "aws:multifactorauthage": r.set(key, "0")
            default: return true
            }
        }
        return PolicyEvaluator.evaluate(r, policies: set).decision == .allowed
    }

    /// Every principal that is an admin or can reach admin power, with its shortest path.
    public func findings() -> [EscalationFinding] {
        let methods = EscalationMethod.all
        // Reverse breadth-first search from the principals that hold or can grant themselves admin.
        let n = nodes.count
        let hubBase = n
        var reverse: [[(node: Int, edge: Edge?)]] = Array(repeating: [], count: n + methods.count)
        for edges in exactEdges {
            for e in edges where methods[e.method].effect == .become { reverse[e.to].append((e.from, e)) }
        }
        for (mi, method) in methods.enumerated() where method.effect == .become {
            for t in hubTargets[mi] { reverse[t].append((hubBase + mi, nil)) }
            for a in hubActors[mi] { reverse[hubBase + mi].append((a, nil)) }
        }
        // Membership: a user has its groups' permissions, so reaching a group's power is free.
        var membershipTo: [[Int]] = Array(repeating: [], count: n)
        for (i, p) in nodes.enumerated() { for g in p.groupArns { if let gi = groupIndex[g] { membershipTo[gi].append(i) } } }

        // Grant sources: a principal that can grant anything to another one it can also become.
        var targets = adminNodes.union(selfGranters.keys)
        var grantSteps: [Int: Edge] = [:]
        for (actor, edges) in exactEdges.enumerated() where !targets.contains(actor) {
            let grants = edges.filter { methods[$0.method].effect == .grant }
            guard !grants.isEmpty else { continue }
            let reach = forwardReach(from: actor)
            if let g = grants.first(where: { reach[$0.to] != nil }) {
                targets.insert(actor)
                grantSteps[actor] = g
            }
        }

        var next: [Int: (via: Int, edge: Edge?)] = [:]
        var queue = Array(targets)
        var seen = Set(targets)
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            var predecessors = reverse[node]
            if node < n { predecessors += membershipTo[node].map { ($0, nil) } }
            for (p, edge) in predecessors where !seen.contains(p) {
                seen.insert(p)
                next[p] = (node, edge)
                queue.append(p)
            }
        }

        var out: [EscalationFinding] = []
        for i in 0..<n where seen.contains(i) && nodes[i].kind != .group {
            let isAdmin = adminNodes.contains(i)
            var path: [EscalationStep] = []
            if !isAdmin {
                var cursor = i
                var guardCount = 0
                while !targets.contains(cursor), let hop = next[cursor], guardCount < n + methods.count {
                    guardCount += 1
                    if hop.via >= n {
                        // A hub: the actor reaches the hub's target next in the search order.
                        let (target, _) = next[hop.via]!
                        let mi = hop.via - n
                        path.append(step(cursor, target, mi, nil))
                        cursor = target
                    } else {
                        if let edge = hop.edge {
                            path.append(step(edge.from, edge.to, edge.method, edge))
                        } else {
                            path.append(EscalationStep(from: nodes[cursor].arn, to: nodes[hop.via].arn,
                                method: EscalationMethod.membership, statements: [], conditions: []))
                        }
                        cursor = hop.via
                    }
                }
                if !adminNodes.contains(cursor) {
                    if let g = selfGranters[cursor] { path.append(step(g.from, g.to, g.method, g)) } else if let g = grantSteps[cursor] {
                        path.append(step(g.from, g.to, g.method, g))
                    }
                }
            }
            out.append(EscalationFinding(principal: nodes[i], isAdmin: isAdmin, reachesAdmin: true,
                adminStatements: isAdmin ? adminStatements(nodes[i]) : [], path: path))
        }
        return out
    }

    func step(_ from: Int, _ to: Int, _ method: Int, _ edge: Edge?) -> EscalationStep {
        let m = EscalationMethod.all[method]
        let statements = edge?.statements ?? permissions.statements(of: nodes[from], naming: m.targetAction).allows
        let conditions = edge?.conditions ?? (m.caveat.map { [$0] } ?? [])
        return EscalationStep(from: nodes[from].arn, to: nodes[to].arn, method: m, statements: statements, conditions: conditions)
    }

    /// The nodes `start` can become, through exact and hub `become` edges and group membership.
    func forwardReach(from start: Int) -> [Int: Int] {
        let methods = EscalationMethod.all
        var reach: [Int: Int] = [start: start]
        var queue = [start]
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            var nextNodes = exactEdges[node].filter { methods[$0.method].effect == .become }.map(\.to)
            for mi in actorHubs[node] where methods[mi].effect == .become { nextNodes += hubTargets[mi] }
            nextNodes += nodes[node].groupArns.compactMap { groupIndex[$0] }
            for m in nextNodes where reach[m] == nil {
                reach[m] = node
                queue.append(m)
            }
        }
        return reach
    }

    /// The allow statements behind administrator power: those naming `iam:PutRolePolicy` (a
    /// representative IAM write action) or every action.
    public func adminStatements(_ principal: IAMPrincipal) -> [MatchedStatement] {
        permissions.statements(of: principal, naming: "iam:PutRolePolicy").allows
    }
}

extension EscalationMethod {
    /// Whether the target action is evaluated on the target's own ARN (else on resources
    /// Rampart does not collect, judged by effective permissions).
    var evaluatesTargetResource: Bool {
        switch target {
        case .user, .role, .group, .attachedPolicy, .boundedPrincipal, .assumableRole: return true
        case .serviceRole, .instanceRole: return targetAction == "iam:PassRole"
        }
    }

    /// Not a method: a user holds its groups' permissions.
    public static let membership = EscalationMethod("iam:GroupMembership", effect: .become, target: .group,
        "is a member of the group and holds its permissions")
}

/// Who a role's trust policy lets in, by shape: principals it names, and whether it delegates
/// to the whole account (its root or id, or `*`), with or without conditions.
struct TrustShape {
    var named: Set<String> = []
    var delegates = false
    var delegatesUnconditionally = false

    init(_ trust: NamedPolicy, account: String) {
        let hasDeny = trust.document.statements.contains { $0.effect == .deny }
        for statement in trust.document.statements where statement.effect == .allow {
            guard let p = statement.principal, !p.isNegated, StatementMatcher.actionMatches(statement, "sts:assumerole") else { continue }
            let values = p.isWildcard ? ["*"] : p.aws
            for value in values {
                if value == "*" || value == account || value == "arn:aws:iam::\(account):root" {
                    delegates = true
                    if statement.conditions.isEmpty && !hasDeny { delegatesUnconditionally = true }
                } else {
                    named.insert(value)
                }
            }
        }
    }
}

/// The services a role's trust policy lets assume it.
struct TrustedServices {
    let services: Set<String>

    init(_ principal: IAMPrincipal) {
        var services = Set<String>()
        if principal.kind == .role, let trust = principal.trustPolicy {
            for statement in trust.document.statements where statement.effect == .allow {
                guard let p = statement.principal, !p.isNegated else { continue }
                let names = p.isWildcard ? [] : p.service
                for service in names {
                    let request = RequestContext(principal: RequestPrincipal(arn: service), action: "sts:AssumeRole", resource: principal.arn)
                    let decision = PolicyEvaluator.evaluate(request, policies: PolicySet(resourcePolicy: trust, resourcePolicyKind: .roleTrust)).decision
                    if decision == .allowed { services.insert(service) }
                }
            }
        }
        self.services = services
    }
}
