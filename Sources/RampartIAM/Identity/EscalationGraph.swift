import RampartJSON
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
    /// Per hub (one per method, then one per class of roles with the same trust text): its
    /// actors, its targets, and its method.
    let hubActors: [[Int]]
    let hubTargets: [[Int]]
    let hubMethod: [Int]
    let adminNodes: Set<Int>
    let selfGranters: [Int: Edge]
    /// Principals whose permissions boundary is not itself admin-level: what anyone grants them
    /// stays under it, so a grant to them reaches admin only by a method that lifts the boundary.
    let cappedNodes: Set<Int>
    /// For hub actors that are not allowed everywhere unconditionally: the statements and the
    /// conditions of their step, and the targets they cannot reach.
    let hubInfo: [Int: [Int: HubStep]]
    typealias HubStep = (statements: [MatchedStatement], conditions: [String], excluded: Set<Int>)
    typealias Outcome = (ok: Bool, statements: [MatchedStatement], missing: [String])
    /// Per node, the hubs it is an actor of.
    let actorHubs: [[Int]]
    let groupIndex: [String: Int]

    struct Edge: Sendable {
        let from: Int
        let to: Int
        let method: Int
        let statements: [MatchedStatement]
        let conditions: [String]
    }

    /// The graph over the methods `including` accepts (all of them by default); the others have
    /// no edges. Segregation of duties, for one, needs only `sts:AssumeRole`.
    public init(account: IAMAccount, permissions: EffectivePermissions, including: (EscalationMethod) -> Bool = { _ in true }) {
        self.account = account
        self.permissions = permissions
        let nodes = account.principals
        self.nodes = nodes
        let catalog = permissions.catalog
        var index: [String: Int] = [:]
        for (i, p) in nodes.enumerated() { index[p.arn] = i }
        let accesses = concurrentMap(nodes) { permissions.access(of: $0) }
        let methods = EscalationMethod.all
        let statementMasks = StatementMasks(nodes, actions: methods.filter(including).map(\.targetAction))
        let masks = concurrentMap(nodes) { statementMasks.masks(of: $0) }
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
        var holders: [String: [Int]] = [:]
        for (i, p) in nodes.enumerated() { for arn in p.attachedPolicyArns { holders[arn, default: []].append(i) } }
        let trusts = nodes.map { TrustedServices($0) }
        func targets(_ m: EscalationMethod) -> [(resource: String, gainers: [Int])] {
            switch m.target {
            case .user: return nodes.indices.filter { nodes[$0].kind == .user }.map { (nodes[$0].arn, [$0]) }
            case .role, .assumableRole:
                return nodes.indices.filter { nodes[$0].kind == .role && !nodes[$0].isServiceLinked }.map { (nodes[$0].arn, [$0]) }
            // Members hold a group's permissions through membership links; the edge goes to the group.
            case .group: return nodes.indices.filter { nodes[$0].kind == .group }.map { (nodes[$0].arn, [$0]) }
            case .attachedPolicy:
                return holders.keys.sorted().filter { !$0.contains(":iam::aws:policy/") }.compactMap { arn in
                    // A path needs a version in the snapshot that grants more than the default.
                    if m.targetAction == "iam:SetDefaultPolicyVersion" {
                        guard let current = account.managedPolicies[arn]?.document,
                            (account.otherPolicyVersions[arn] ?? []).contains(where: { permissions.versionGrantsMore($0, than: current) })
                        else { return nil }
                    }
                    return (arn, holders[arn] ?? [])
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
            // An RCP of the role's account could still refuse sts:AssumeRole: such roles are evaluated one by one.
            if shape.delegatesUnconditionally, p.organization.resourceControlPolicies.isEmpty || p.organization.isManagementAccount {
                unconditionalRoles.insert(i)
            }
        }

        let (namedBy, open, unconditional) = (namingRoles, openRoles, unconditionalRoles)
        let openIndex = TargetIndex(openRoles.map { nodes[$0].arn })
        // Roles delegating to the account under the same trust text answer every actor alike:
        // each such class is a hub of its own for sts:AssumeRole, after the one hub per method.
        var byTrust: [String: [Int]] = [:]
        for r in openRoles { byTrust[nodes[r].trustText ?? nodes[r].arn, default: []].append(r) }
        let classes = byTrust.values.filter { $0.count > 1 }.map { $0.sorted() }.sorted { $0[0] < $1[0] }
        let classOf: [Int] = {
            var classOf = [Int](repeating: -1, count: nodes.count)
            for (k, roles) in classes.enumerated() { for r in roles { classOf[r] = k } }
            return classOf
        }()
        let unclassedOpen = openRoles.filter { classOf[$0] < 0 }
        let assumeMethod = methods.firstIndex { $0.target == .assumableRole }!
        var hubActors: [[Int]] = Array(repeating: [], count: methods.count + classes.count)
        var hubTargets: [[Int]] = Array(repeating: [], count: methods.count + classes.count)
        for (k, roles) in classes.enumerated() { hubTargets[methods.count + k] = roles }
        let classActors = Mutex<[Int: [Int]]>([:])
        var byFrom: [[Edge]] = Array(repeating: [], count: nodes.count)
        let hubInfo = Mutex<[Int: [Int: HubStep]]>([:])
        var indexes: [[String]: TargetIndex] = [:]
        for (mi, method) in methods.enumerated() where including(method) {
            let targetList = method.target == .assumableRole ? [] : targets(method)
            if targetList.isEmpty && method.target != .assumableRole { continue }
            guard let actionIndex = catalog.index(of: method.targetAction) else { continue }
            let bit = statementMasks.bit(method.targetAction)
            // Methods on the same targets (every user, every role) share one index and its answers.
            let resources = targetList.map(\.resource)
            let targetIndex = indexes[resources] ?? TargetIndex(resources)
            indexes[resources] = targetIndex
            let allGainers = Set(targetList.flatMap(\.gainers))
            let companionIndices = method.companions.compactMap(catalog.index(of:))
            let onResource = method.evaluatesTargetResource
            let fullActors = Mutex<[Int]>([])
            let actors = Array(nodes.indices.filter { nodes[$0].kind != .group && (!method.usersOnly || nodes[$0].kind == .user) })
            let found = concurrentMap(actors) { actor -> [Edge] in
                let targetLevel = accesses[actor].access(toActionAt: actionIndex)
                // Most actors cannot do most methods: leave before copying the principal.
                if method.target != .assumableRole, targetLevel == .none { return [] }
                let access = accesses[actor]
                let principal = nodes[actor]
                var candidates: [(resource: String, gainers: [Int])] = []
                if method.target == .assumableRole {
                    // A trust naming the actor lets it assume the role without an identity allow.
                    var roles = namedBy[principal.arn] ?? []
                    if targetLevel == .full { fullActors.withLock { $0.append(actor) } }
                    if targetLevel != .none {
                        var request = RequestContext(principal: principal.requestPrincipal, action: method.targetAction, resource: "*",
                            context: principal.contextKeys)
                        // The open roles the actor's statements can name (nil: all of them), and per role the
                        // resource-specific statements that match it: roles of one trust class with the same
                        // statements answer alike, so the unnamed ones cost one evaluation per class.
                        let allowed = EscalationGraph.candidates(principal, masks[actor], bit, openIndex).map { $0.map { open[$0] } }
                        let signature = ResourceSignature(principal, masks[actor], bit, request)
                        let marks = signature.marks(openIndex) { open[$0] }
                        func skip(_ r: Int) -> Bool { targetLevel == .full && unconditional.contains(r) }
                        if let allowed {
                            roles += allowed.filter { classOf[$0] < 0 && !skip($0) }
                        } else {
                            roles += unclassedOpen.filter { !skip($0) }
                        }
                        let allowedByClass = allowed.map { Dictionary(grouping: $0.filter { classOf[$0] >= 0 }, by: { classOf[$0] }) }
                        for (k, members) in classes.enumerated() where !(targetLevel == .full && members.allSatisfy(unconditional.contains)) {
                            var cache: [[Int]: Outcome] = [:]
                            func outcome(_ r: Int) -> Outcome {
                                let key = marks[r] ?? []
                                if let hit = cache[key] { return hit }
                                request.resource = nodes[r].arn
                                let answer = EscalationGraph.evaluate(request, principal, trust: nodes[r].trustPolicy, bounds: nodes[r].organization)
                                cache[key] = answer
                                return answer
                            }
                            // The class's hub when most of it is reached, else its roles one by one.
                            func isHub(reached: Int, excluded: Int) -> Bool {
                                signature.statements.isEmpty || (reached > 16 && excluded < reached)
                            }
                            func joinHub(_ first: Outcome, excluding excluded: Set<Int>) {
                                let conditions = first.missing.map { "needs request context \($0)" }
                                hubInfo.withLock { $0[actor, default: [:]][methods.count + k] = (first.statements, conditions, excluded) }
                                classActors.withLock { $0[methods.count + k, default: []].append(actor) }
                            }
                            let reached: [Int]
                            if let allowedByClass {
                                reached = (allowedByClass[k] ?? []).filter { outcome($0).ok }
                            } else {
                                let named = members.filter { marks[$0] != nil }
                                if let rest = members.first(where: { marks[$0] == nil }).map(outcome), rest.ok {
                                    // The unnamed members answer alike: only the named ones can be set aside.
                                    let excluded = Set(named.filter { !outcome($0).ok })
                                    if isHub(reached: members.count - excluded.count, excluded: excluded.count) {
                                        joinHub(rest, excluding: excluded)
                                    } else {
                                        roles += members.filter { !excluded.contains($0) }
                                    }
                                    continue
                                }
                                reached = named.filter { outcome($0).ok }
                            }
                            guard let first = reached.first.map(outcome) else { continue }
                            let excluded = Set(members).subtracting(reached)
                            if isHub(reached: reached.count, excluded: excluded.count) {
                                joinHub(first, excluding: excluded)
                            } else {
                                roles += reached
                            }
                        }
                    }
                    candidates = Array(Set(roles)).sorted().map { (nodes[$0].arn, [$0]) }
                    if candidates.isEmpty { return [] }
                } else {
                    let companionLevels = companionIndices.map { access.access(toActionAt: $0) }
                    if companionLevels.contains(.none) { return [] }
                    // A trust rewrite is judged with its AssumeRole half (`evaluate`), never waved through.
                    if targetLevel == .full && !companionLevels.contains(.limited) && method.targetAction != "iam:UpdateAssumeRolePolicy" {
                        fullActors.withLock { $0.append(actor) }
                        return []
                    }
                }
                var notes = method.companions.filter { access.access(toActionAt: catalog.index(of: $0)!) == .limited }
                    .map { "\($0) is allowed only on some resources or under conditions" }
                if targetLevel == .limited, !onResource {
                    notes.append("\(method.targetAction) is allowed only on some resources or under conditions")
                }
                if let caveat = method.caveat { notes.append(caveat) }
                let allows = onResource ? [] : permissions.statements(of: principal, naming: method.targetAction).allows
                if !onResource {
                    // Every target alike (the resource it acts on is not collected): the hub, with the caveats.
                    hubInfo.withLock { $0[actor, default: [:]][mi] = (allows, notes, []) }
                    fullActors.withLock { $0.append(actor) }
                    return []
                }
                var keys = principal.contextKeys
                for (k, v) in method.context { keys[k] = .single(v) }
                var request = RequestContext(principal: principal.requestPrincipal, action: method.targetAction, resource: "*", context: keys)
                // Targets that the same statements match (and whose trust reads the same) get the same answer: evaluate once per kind.
                let signature = ResourceSignature(principal, masks[actor], bit, request)
                if signature.statements.isEmpty, method.target != .assumableRole, let first = targetList.indices.first {
                    // No statement depends on the resource: one answer for every target, through the hub.
                    request.resource = targetList[first].resource
                    let outcome = EscalationGraph.evaluate(request, principal, trust: nil)
                    if outcome.ok {
                        hubInfo.withLock { $0[actor, default: [:]][mi] = (outcome.statements, notes + outcome.missing.map { "needs request context \($0)" }, []) }
                        fullActors.withLock { $0.append(actor) }
                    }
                    return []
                }
                var edges: [Edge] = []
                if method.target == .assumableRole {
                    var cache: [String: Outcome] = [:]
                    for (resource, gainers) in candidates {
                        let trust = nodes[gainers[0]].trustPolicy
                        let key = signature.key(resource) + (nodes[gainers[0]].trustText ?? resource)
                        let outcome: Outcome
                        if let hit = cache[key] {
                            outcome = hit
                        } else {
                            request.resource = resource
                            outcome = EscalationGraph.evaluate(request, principal, trust: trust, bounds: nodes[gainers[0]].organization)
                            cache[key] = outcome
                        }
                        guard outcome.ok else { continue }
                        let stepNotes = outcome.missing.isEmpty ? notes : notes + outcome.missing.map { "needs request context \($0)" }
                        for g in gainers where g != actor {
                            edges.append(Edge(from: actor, to: g, method: mi, statements: outcome.statements, conditions: stepNotes))
                        }
                    }
                } else {
                    // Targets matched by the same resource-specific statements get the same answer: one
                    // evaluation per group, found through the index's per-pattern answers; the targets no
                    // such statement names form one group too, so each costs nothing on its own.
                    let marks = signature.marks(targetIndex) { $0 }
                    var groups: [[Int]: [Int]] = [:]
                    for (t, key) in marks { groups[key, default: []].append(t) }
                    var failed: [Int] = []
                    var reachedGroups: [(targets: [Int], outcome: Outcome)] = []
                    for (_, members) in groups {
                        var r = request
                        r.resource = targetList[members[0]].resource
                        let answer = EscalationGraph.evaluate(r, principal, trust: nil)
                        if answer.ok { reachedGroups.append((members, answer)) } else { failed += members }
                    }
                    let unnamed = targetList.indices.first { marks[$0] == nil }
                    let rest: Outcome? = unnamed.map { u in
                        var r = request
                        r.resource = targetList[u].resource
                        return EscalationGraph.evaluate(r, principal, trust: nil)
                    }
                    func conditions(_ o: Outcome) -> [String] { o.missing.isEmpty ? notes : notes + o.missing.map { "needs request context \($0)" } }
                    let reached = targetList.count - failed.count
                    if let rest, rest.ok, reached > 16, failed.count < reached {
                        // Allowed on most targets: the hub, with the few it cannot reach set aside.
                        var excluded = Set(failed.flatMap { targetList[$0].gainers })
                        if !excluded.isEmpty, method.target == .attachedPolicy {
                            let failedSet = Set(failed)
                            excluded.subtract(targetList.indices.filter { !failedSet.contains($0) }.flatMap { targetList[$0].gainers })
                        }
                        hubInfo.withLock { $0[actor, default: [:]][mi] = (rest.statements, conditions(rest), excluded) }
                        fullActors.withLock { $0.append(actor) }
                        return []
                    }
                    if let rest, rest.ok { reachedGroups.append((targetList.indices.filter { marks[$0] == nil }, rest)) }
                    for (members, answer) in reachedGroups {
                        for t in members {
                            for g in targetList[t].gainers where g != actor || method.effect == .grant {
                                edges.append(Edge(from: actor, to: g, method: mi, statements: answer.statements, conditions: conditions(answer)))
                            }
                        }
                    }
                }
                if method.target == .assumableRole {
                    // Most roles of a trust class reached: that class's hub, with the rest set aside.
                    for (k, members) in classes.enumerated() {
                        let memberSet = Set(members)
                        let inClass = edges.filter { memberSet.contains($0.to) }
                        guard inClass.count > 16, let first = inClass.first else { continue }
                        let excluded = memberSet.subtracting(inClass.map(\.to))
                        guard excluded.count < inClass.count else { continue }
                        hubInfo.withLock { $0[actor, default: [:]][methods.count + k] = (first.statements, first.conditions, excluded) }
                        classActors.withLock { $0[methods.count + k, default: []].append(actor) }
                        edges.removeAll { memberSet.contains($0.to) }
                    }
                }
                // Allowed on most targets: the hub, with the few it cannot reach set aside.
                if method.target != .assumableRole, edges.count > 16, let first = edges.first {
                    let reached = Set(edges.map(\.to))
                    let excluded = allGainers.subtracting(reached)
                    if excluded.count < reached.count {
                        hubInfo.withLock { $0[actor, default: [:]][mi] = (first.statements, first.conditions, excluded) }
                        fullActors.withLock { $0.append(actor) }
                        return []
                    }
                }
                return edges
            }
            for (actor, edges) in zip(actors, found) where !edges.isEmpty { byFrom[actor] += edges }
            hubActors[mi] = fullActors.withLock { $0.sorted() }
            hubTargets[mi] = method.target == .assumableRole ? unconditional.sorted() : allGainers.sorted()
        }
        for (h, actors) in classActors.withLock({ $0 }) { hubActors[h] = actors.sorted() }
        hubMethod = Array(methods.indices) + classes.map { _ in assumeMethod }
        byFrom = concurrentMap(byFrom) { $0.sorted { ($0.to, $0.method) < ($1.to, $1.method) } }
        // Membership: a user has its groups' permissions.
        self.exactEdges = byFrom
        self.hubActors = hubActors
        self.hubTargets = hubTargets
        let hubSteps = hubInfo.withLock { $0 }
        self.hubInfo = hubSteps
        var actorHubs: [[Int]] = Array(repeating: [], count: nodes.count)
        for (mi, actors) in hubActors.enumerated() { for a in actors { actorHubs[a].append(mi) } }
        self.actorHubs = actorHubs
        groupIndex = index.filter { nodes[$0.value].kind == .group }
        // Self-grants: a grant edge whose target is the actor or one of its groups. A permissions
        // boundary caps what an actor can grant itself ("Permissions boundaries for IAM
        // entities": the effective permissions are the intersection), so a self-grant reaches
        // admin only for an actor without a boundary, or with one that is itself admin-level, or
        // by a method that lifts the boundary.
        let cappedActors = Set(nodes.indices.filter { i in
            guard let boundary = nodes[i].permissionsBoundary else { return false }
            let b = EffectivePermissions.summarize(boundary.document, catalog: catalog) { catalog.actionIndices(matching: $0) }
            var full = b.allowAll
            full.subtract(b.denyAny)
            return !(full.isAll || full.intersectionCount(iamWrite) == iamWrite.count)
        })
        var selfGrants: [Int: Edge] = [:]
        for (mi, method) in methods.enumerated() where method.effect == .grant {
            // Grant methods have one hub each, at their own index.
            let targetSet = Set(hubTargets[mi])
            for actor in hubActors[mi] where method.target == .boundedPrincipal || !cappedActors.contains(actor) {
                let own = [actor] + nodes[actor].groupArns.compactMap { index[$0] }
                let info = hubSteps[actor]?[mi]
                if own.contains(where: { targetSet.contains($0) && !(info?.excluded.contains($0) ?? false) }), selfGrants[actor] == nil {
                    let allows = info?.statements ?? permissions.statements(of: nodes[actor], naming: method.targetAction).allows
                    selfGrants[actor] = Edge(from: actor, to: actor, method: mi, statements: allows,
                        conditions: info?.conditions ?? method.caveat.map { [$0] } ?? [])
                }
            }
        }
        for (from, edges) in byFrom.enumerated() where selfGrants[from] == nil && !edges.isEmpty {
            let own = Set([from] + nodes[from].groupArns.compactMap { index[$0] })
            if let e = edges.first(where: {
                methods[$0.method].effect == .grant && own.contains($0.to)
                    && (!cappedActors.contains(from) || methods[$0.method].target == .boundedPrincipal)
            }) {
                selfGrants[from] = e
            }
        }
        selfGranters = selfGrants
        cappedNodes = cappedActors
    }

    /// The targets whose resource ARN the principal's allow statements for `action` can match
    /// (policy variables resolved for the principal), found through the sorted index instead of
    /// testing every target; exact evaluation follows. Nil when a statement names every resource.
    static func candidates(_ principal: IAMPrincipal, _ masks: StatementMasks.OfPrincipal, _ bit: UInt64, _ index: TargetIndex) -> [Int]? {
        let request = RequestContext(principal: principal.requestPrincipal, action: "", resource: "*", context: principal.contextKeys)
        var found = Set<Int>()
        for (policy, mask) in zip(principal.identityPolicies, masks.identity) {
            for i in mask.indices where mask[i] & bit != 0 {
                let statement = policy.document.statements[i]
                guard statement.effect == .allow else { continue }
                guard let resource = statement.resource, !resource.isNegated,
                    !resource.patterns.contains(where: { !$0.isEmpty && $0.allSatisfy { $0 == "*" } })
                else { return nil }
                for template in statement.resourceTemplates {
                    guard let pattern = template.pattern({ request.variable($0) }) else { continue }
                    found.formUnion(index.matching(pattern))
                }
            }
        }
        return found.sorted()
    }

    /// Edges evaluated one by one, and actors that reach every target of a method through its hub.
    /// Exact edges per method id, largest first (for --debug).
    public var exactEdgesByMethod: [(String, Int)] {
        var counts: [Int: Int] = [:]
        for edges in exactEdges { for e in edges { counts[e.method, default: 0] += 1 } }
        return counts.map { (EscalationMethod.all[$0.key].id, $0.value) }.sorted { $0.1 > $1.1 }
    }

    public var edgeCounts: (exact: Int, hubActors: Int) {
        (exactEdges.reduce(0) { $0 + $1.count }, hubActors.reduce(0) { $0 + $1.count })
    }

    /// Exact evaluation of a method's request by `principal`; for `sts:AssumeRole`, with the
    /// role's trust policy. A step judged with everything that applies to it: for
    /// `iam:UpdateAssumeRolePolicy`, its second half too — assuming the role once its trust names
    /// the principal, which in the same account needs no identity allow, but which an explicit
    /// deny or a permissions boundary of the principal still stops ("Policy evaluation logic").
    /// `bounds`: the organization policies of the role's account, whose RCPs govern `sts:AssumeRole` on it.
    static func evaluate(_ request: RequestContext, _ principal: IAMPrincipal, trust: NamedPolicy?, bounds: OrganizationBoundary = .none)
        -> (ok: Bool, statements: [MatchedStatement], missing: [String])
    {
        let first = evaluateOne(request, principal, trust: trust, bounds: bounds)
        guard first.ok, request.lowercasedAction == "iam:updateassumerolepolicy" else { return first }
        var assume = request
        assume.action = "sts:AssumeRole"
        let text = JSONWriter.string(.object([
            "Version": "2012-10-17",
            "Statement": .array([.object(["Effect": "Allow", "Principal": .object(["AWS": .string(principal.arn)]), "Action": "sts:AssumeRole"])]),
        ]))
        guard let rewritten = try? PolicyDocument(text: text) else { return first }
        let second = evaluateOne(assume, principal, trust: NamedPolicy("trust policy naming \(principal.arn)", rewritten), bounds: bounds)
        guard second.ok else { return (false, [], []) }
        return (true, first.statements, first.missing + second.missing.filter { !first.missing.contains($0) })
    }

    static func evaluateOne(_ request: RequestContext, _ principal: IAMPrincipal, trust: NamedPolicy?, bounds: OrganizationBoundary)
        -> (ok: Bool, statements: [MatchedStatement], missing: [String])
    {
        var set = principal.policySet
        if let trust {
            set.resourcePolicy = trust
            set.resourcePolicyKind = .roleTrust
            set.resourceControlPolicies = bounds.resourceControlPolicies
            set.resourceInManagementAccount = bounds.isManagementAccount
        }
        let result = PolicyEvaluator.evaluate(request, policies: set)
        switch result.decision {
        case .allowed: return (true, result.matchedStatements, [])
        case .implicitDeny where !result.missingContextValues.isEmpty:
            // Allowed only if the request carries context the policies ask for: a conditional edge,
            // when an allow reads a missing key (a key that only denies read can only deny).
            let conditional = allowsReading(result.missingContextValues, request, set)
            guard !conditional.isEmpty else { return (false, [], []) }
            guard let relaxed = EscalationGraph.relaxed(request, set, result.missingContextValues) else {
                return (true, conditional, result.missingContextValues)
            }
            return (relaxed.decision == .allowed, relaxed.matchedStatements, result.missingContextValues)
        default: return (false, [], [])
        }
    }

    /// The allow statements matching the request's action and resource, in the identity policies
    /// or the resource policy, with a condition on one of `keys`: those a value of a missing key
    /// could satisfy.
    static func allowsReading(_ keys: [String], _ request: RequestContext, _ set: PolicySet) -> [MatchedStatement] {
        let lowered = Set(keys.map { $0.lowercased() })
        let policies = set.identityPolicies.map { ($0, PolicyKind.identity) } + (set.resourcePolicy.map { [($0, PolicyKind.resource)] } ?? [])
        return policies.flatMap { policy, kind in
            policy.document.statements.filter { s in
                s.effect == .allow && s.conditions.contains { lowered.contains($0.lowercasedKey) }
                    && StatementMatcher.actionMatches(s, request.lowercasedAction) && StatementMatcher.resourceMatches(s, request)
            }.map { MatchedStatement(policyName: policy.name, kind: kind, statementIndex: $0.index, sid: $0.sid, effect: $0.effect) }
        }
    }

    /// The request evaluated again with the values an actor controls for the missing keys (MFA
    /// and TLS present); nil when some missing key is not one of those, so any value might allow it.
    static func relaxed(_ request: RequestContext, _ set: PolicySet, _ missing: [String]) -> EvaluationResult? {
        var r = request
        for key in missing {
            switch key.lowercased() {
            case "aws:multifactorauthpresent", "aws:securetransport", "aws:viaawsservice": r.set(key, "true")
            case "aws:multifactorauthage": r.set(key, "0")
            default: return nil
            }
        }
        return PolicyEvaluator.evaluate(r, policies: set)
    }

    /// Every principal that is an admin or can reach admin power, with its shortest path.
    public func findings() -> [EscalationFinding] {
        let methods = EscalationMethod.all
        let n = nodes.count
        var targets = adminNodes.union(selfGranters.keys)
        var reach = BecomeSearch(self)
        reach.search(from: targets.sorted())

        // A principal that can grant anything to another it can also become reaches admin too.
        // Grant reach, kept as exact edges plus hubs (never expanded per target).
        var exactGrants: [Int: [Edge]] = [:]
        for edges in exactEdges {
            for e in edges where methods[e.method].effect == .grant { exactGrants[e.from, default: []].append(e) }
        }
        var hubGrants: [Int: [Int]] = [:]
        for (mi, method) in methods.enumerated() where method.effect == .grant { for a in hubActors[mi] { hubGrants[a, default: []].append(mi) } }
        let hubTargetSets = hubTargets.map(Set.init)
        var grantPaths: [Int: [EscalationStep]] = [:]
        var newTargets: [Int] = []
        for actor in Set(exactGrants.keys).union(hubGrants.keys).sorted() where !reach.seen[actor] && nodes[actor].kind != .group {
            let edges = exactGrants[actor] ?? []
            let hubs = hubGrants[actor] ?? []
            // The grant that reaches `node`, if any.
            func grant(to node: Int) -> EscalationStep? {
                let capped = cappedNodes.contains(node)
                func lifts(_ mi: Int) -> Bool { mi < methods.count && methods[mi].target == .boundedPrincipal }
                if let e = edges.first(where: { $0.to == node && (!capped || lifts($0.method)) }) { return step(e.from, e.to, e.method, e) }
                for h in hubs where hubTargetSets[h].contains(node) && !(hubInfo[actor]?[h]?.excluded.contains(node) ?? false) && (!capped || lifts(h)) {
                    return step(actor, node, h, nil, hub: h)
                }
                return nil
            }
            guard let (goal, becomePath) = becomePath(from: actor, until: { grant(to: $0) != nil }) else { continue }
            grantPaths[actor] = [grant(to: goal)!] + becomePath
            targets.insert(actor)
            newTargets.append(actor)
        }
        reach.search(from: newTargets)

        var out: [EscalationFinding] = []
        for i in 0..<n where reach.seen[i] && nodes[i].kind != .group {
            let isAdmin = adminNodes.contains(i)
            var path: [EscalationStep] = []
            if !isAdmin {
                var cursor = i
                var hops = 0
                while !targets.contains(cursor), let hop = reach.next[cursor], hops <= n {
                    hops += 1
                    if let h = hop.hub {
                        path.append(step(cursor, hop.via, hubMethod[h], nil, hub: h))
                    } else if let edge = hop.edge {
                        path.append(step(edge.from, edge.to, edge.method, edge))
                    } else {
                        path.append(EscalationStep(from: nodes[cursor].arn, to: nodes[hop.via].arn, method: .membership, statements: [],
                            conditions: []))
                    }
                    cursor = hop.via
                }
                if !adminNodes.contains(cursor) {
                    if let g = selfGranters[cursor] {
                        path.append(step(g.from, g.to, g.method, g))
                    } else if let steps = grantPaths[cursor] {
                        path += steps
                    }
                }
            }
            out.append(EscalationFinding(principal: nodes[i], isAdmin: isAdmin, reachesAdmin: true,
                adminStatements: isAdmin ? adminStatements(nodes[i]) : [], path: path))
        }
        return out
    }

    /// Every principal that can become one of `arns` (through `become` steps and group
    /// membership; the ARNs themselves excluded), with the one of them it reaches first.
    public func principals(thatCanBecome arns: Set<String>) -> [String: String] {
        let sources = nodes.indices.filter { arns.contains(nodes[$0].arn) }
        guard !sources.isEmpty else { return [:] }
        var reach = BecomeSearch(self)
        reach.search(from: sources)
        var out: [String: String] = [:]
        for i in nodes.indices where reach.seen[i] && !arns.contains(nodes[i].arn) {
            var cursor = i
            var hops = 0
            while let hop = reach.next[cursor], hops <= nodes.count {
                cursor = hop.via
                hops += 1
            }
            out[nodes[i].arn] = nodes[cursor].arn
        }
        return out
    }

    /// A breadth-first search backwards over `become` steps (exact edges, group membership, and
    /// hub steps less the targets each actor's step excludes): every principal that can become
    /// one of the sources, with its next hop towards it. Searches can be resumed from more sources.
    struct BecomeSearch {
        let graph: EscalationGraph
        var reverse: [[(node: Int, edge: Edge?)]]
        var targetHubs: [[Int]]
        /// Per hub, its actors not reached yet.
        var pending: [[Int]]
        var next: [(via: Int, edge: Edge?, hub: Int?)?]
        var seen: [Bool]

        init(_ graph: EscalationGraph) {
            let methods = EscalationMethod.all
            let n = graph.nodes.count
            self.graph = graph
            reverse = Array(repeating: [], count: n)
            for edges in graph.exactEdges {
                for e in edges where methods[e.method].effect == .become { reverse[e.to].append((e.from, e)) }
            }
            for (i, p) in graph.nodes.enumerated() {
                for g in p.groupArns { if let gi = graph.groupIndex[g] { reverse[gi].append((i, nil)) } }
            }
            targetHubs = Array(repeating: [], count: n)
            for (h, targets) in graph.hubTargets.enumerated() where methods[graph.hubMethod[h]].effect == .become {
                for t in targets { targetHubs[t].append(h) }
            }
            pending = graph.hubActors
            next = Array(repeating: nil, count: n)
            seen = Array(repeating: false, count: n)
        }

        mutating func search(from sources: [Int]) {
            var queue = sources.filter { !seen[$0] }
            for q in queue { seen[q] = true }
            var head = 0
            while head < queue.count {
                let node = queue[head]
                head += 1
                for (p, edge) in reverse[node] where !seen[p] {
                    seen[p] = true
                    next[p] = (node, edge, nil)
                    queue.append(p)
                }
                for h in targetHubs[node] where !pending[h].isEmpty {
                    var still: [Int] = []
                    for a in pending[h] where !seen[a] {
                        if graph.hubInfo[a]?[h]?.excluded.contains(node) == true {
                            still.append(a)
                            continue
                        }
                        seen[a] = true
                        next[a] = (node, nil, h)
                        queue.append(a)
                    }
                    pending[h] = still
                }
            }
        }
    }

    /// A step of a path: an exact edge, or a hub step (`hub`: the hub's index).
    func step(_ from: Int, _ to: Int, _ method: Int, _ edge: Edge?, hub: Int? = nil) -> EscalationStep {
        let m = EscalationMethod.all[method]
        let info = hub.flatMap { hubInfo[from]?[$0] }
        let statements = edge?.statements ?? info?.statements ?? permissions.statements(of: nodes[from], naming: m.targetAction).allows
        let conditions = edge?.conditions ?? info?.conditions ?? (m.caveat.map { [$0] } ?? [])
        return EscalationStep(from: nodes[from].arn, to: nodes[to].arn, method: m, statements: statements, conditions: conditions)
    }

    /// The shortest chain of `become` steps from `start` to one of `goals` (which may be
    /// `start` itself, or one of its groups).
    func becomePath(from start: Int, until isGoal: (Int) -> Bool) -> (Int, [EscalationStep])? {
        let methods = EscalationMethod.all
        let n = nodes.count
        if isGoal(start) { return (start, []) }
        var previous: [Int: (node: Int, edge: Edge?, method: Int?)] = [start: (start, nil, nil)]
        var hubDone = Set<Int>()
        var queue = [start]
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            var steps: [(to: Int, edge: Edge?, method: Int?)] = []
            for e in exactEdges[node] where methods[e.method].effect == .become { steps.append((e.to, e, e.method)) }
            for h in actorHubs[node] where methods[hubMethod[h]].effect == .become {
                if let excluded = hubInfo[node]?[h]?.excluded, !excluded.isEmpty {
                    steps += hubTargets[h].filter { !excluded.contains($0) }.map { ($0, nil, h) }
                } else if hubDone.insert(h).inserted {
                    steps += hubTargets[h].map { ($0, nil, h) }
                }
            }
            steps += nodes[node].groupArns.compactMap { groupIndex[$0] }.map { ($0, nil, nil) }
            for (to, edge, method) in steps where previous[to] == nil && to < n {
                previous[to] = (node, edge, method)
                if isGoal(to) {
                    var chain: [EscalationStep] = []
                    var cursor = to
                    while cursor != start, let p = previous[cursor] {
                        if let method = p.method {
                            chain.append(p.edge.map { step($0.from, $0.to, $0.method, $0) }
                                ?? step(p.node, cursor, hubMethod[method], nil, hub: method))
                        } else {
                            chain.append(EscalationStep(from: nodes[p.node].arn, to: nodes[cursor].arn, method: .membership, statements: [],
                                conditions: []))
                        }
                        cursor = p.node
                    }
                    return (to, chain.reversed())
                }
                queue.append(to)
            }
        }
        return nil
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

/// Which statements of a principal's policies name each of a few actions (the methods' target
/// actions), as one bit per action per statement: worked out once per distinct policy, since
/// the graph asks it of the same managed policy for thousands of principals.
struct StatementMasks: Sendable {
    /// The watched actions, lowercased, by bit position (at most 64).
    private let bits: [String: Int]
    /// Per policy name, per statement, the bits of the watched actions it names.
    private let byPolicy: [String: [UInt64]]

    /// One principal's masks, in the order of its identity policies, then its boundary's.
    struct OfPrincipal: Sendable {
        let identity: [[UInt64]]
        let boundary: [UInt64]
    }

    init(_ principals: [IAMPrincipal], actions: [String]) {
        var bits: [String: Int] = [:]
        for action in actions.map({ $0.lowercased() }) where bits[action] == nil { bits[action] = bits.count }
        precondition(bits.count <= 64, "at most 64 watched actions")
        var unique: [String: NamedPolicy] = [:]
        for p in principals {
            for policy in p.identityPolicies + (p.permissionsBoundary.map { [$0] } ?? []) where unique[policy.name] == nil {
                unique[policy.name] = policy
            }
        }
        let policies = Array(unique.values)
        let watched = bits.sorted { $0.value < $1.value }.map(\.key)
        self.watched = watched
        self.bits = bits
        byPolicy = Dictionary(uniqueKeysWithValues: zip(policies.map(\.name), concurrentMap(policies) { Self.masks(of: $0, watched) }))
    }

    private let watched: [String]

    private static func masks(of policy: NamedPolicy, _ watched: [String]) -> [UInt64] {
        policy.document.statements.map { statement in
            var mask: UInt64 = 0
            for (i, action) in watched.enumerated() where StatementMatcher.actionMatches(statement, action) { mask |= 1 << UInt64(i) }
            return mask
        }
    }

    /// The bit of a watched action.
    func bit(_ action: String) -> UInt64 { 1 << UInt64(bits[action.lowercased()]!) }

    func masks(of principal: IAMPrincipal) -> OfPrincipal {
        // By name, checked: two policies of one name (a file listing an owner twice) are told apart.
        func of(_ policy: NamedPolicy) -> [UInt64] {
            if let known = byPolicy[policy.name], known.count == policy.document.statements.count { return known }
            return Self.masks(of: policy, watched)
        }
        return OfPrincipal(identity: principal.identityPolicies.map(of), boundary: principal.permissionsBoundary.map(of) ?? [])
    }
}

/// Which of a principal's resource-specific statements naming an action match a resource: two
/// resources with the same signature (and the same trust policy) get the same decision.
struct ResourceSignature {
    /// Per statement, its resolved patterns (nil: a variable without a value, matching nothing) and whether it is NotResource.
    let statements: [(patterns: [WildcardPattern?], negated: Bool)]

    /// `bit`: the action's bit in `masks`.
    init(_ principal: IAMPrincipal, _ masks: StatementMasks.OfPrincipal, _ bit: UInt64, _ request: RequestContext) {
        var out: [(patterns: [WildcardPattern?], negated: Bool)] = []
        func add(_ policy: NamedPolicy, _ mask: [UInt64]) {
            for i in mask.indices where mask[i] & bit != 0 {
                let statement = policy.document.statements[i]
                guard let resource = statement.resource else { continue }
                if !resource.isNegated, resource.patterns.contains(where: { !$0.isEmpty && $0.allSatisfy { $0 == "*" } }) { continue }
                out.append((statement.resourceTemplates.map { $0.pattern({ request.variable($0) }) }, resource.isNegated))
            }
        }
        for (policy, mask) in zip(principal.identityPolicies, masks.identity) { add(policy, mask) }
        if let boundary = principal.permissionsBoundary { add(boundary, masks.boundary) }
        if principal.isRestrictedBySCPs {
            // SCP statements naming particular resources tell targets apart too.
            for level in principal.organization.serviceControlPolicies {
                for policy in level {
                    let mask = policy.document.statements.map { StatementMatcher.actionMatches($0, request.lowercasedAction) ? bit : 0 }
                    add(policy, mask)
                }
            }
        }
        statements = out
    }

    /// Per target of `index` (as `node` names it), the positions of the statements whose patterns
    /// match it; targets that no statement matches are absent, and all answer alike.
    func marks(_ index: TargetIndex, _ node: (Int) -> Int) -> [Int: [Int]] {
        var marks: [Int: [Int]] = [:]
        for (position, statement) in statements.enumerated() {
            let answers = statement.patterns.compactMap { $0.map(index.matching) }
            // A statement matching every target tells none apart.
            if answers.contains(where: { $0.count == index.count }) { continue }
            var hit = Set<Int>()
            for answer in answers { hit.formUnion(answer) }
            for t in hit { marks[node(t), default: []].append(position) }
        }
        return marks
    }

    func key(_ resource: String) -> String {
        var key = ""
        for s in statements { key.append(s.patterns.contains { $0?.matches(resource) ?? false } ? "1" : "0") }
        return key + "|"
    }
}

/// A method's targets sorted by resource ARN, forwards and backwards, so that a pattern with a
/// literal prefix (`arn:aws:iam::1111:role/app-*`) or a literal suffix
/// (`arn:aws:iam::*:user/alice`) looks only at the targets sharing it. The ARNs are kept end to
/// end as UTF-8 bytes: a pattern is matched against thousands of them.
final class TargetIndex: Sendable {
    /// The resources sorted by their bytes, and sorted by their bytes read backwards.
    private let forwards: SortedBytes
    private let backwards: SortedBytes
    /// Per target, its position in `forwards`.
    private let forwardPosition: [Int]
    /// Answers by pattern: managed policies share their patterns across thousands of principals.
    private let answers = Mutex<[WildcardPattern: [Int]]>([:])

    /// Byte strings end to end in sorted order: the i-th is `bytes[starts[i]..<starts[i + 1]]`,
    /// at position `targets[i]` of the method's target list.
    private struct SortedBytes: Sendable {
        let bytes: [UInt8]
        let starts: [Int]
        let targets: [Int]

        init(_ resources: [[UInt8]]) {
            let sorted = resources.indices.sorted { resources[$0].lexicographicallyPrecedes(resources[$1]) }
            var bytes: [UInt8] = []
            var starts = [0]
            for i in sorted {
                bytes += resources[i]
                starts.append(bytes.count)
            }
            self.bytes = bytes
            self.starts = starts
            targets = sorted
        }

        /// The positions in `range` of the strings that contain `literal`, found by one search
        /// through the range's bytes end to end, not one search per string.
        func containing(_ literal: [UInt8], in range: Range<Int>) -> [Int] {
            guard literal.count > 1, range.count > 8 else { return Array(range) }
            var out: [Int] = []
            // Boyer-Moore-Horspool: how far the window may move when its last byte is b.
            var shift = [Int](repeating: literal.count, count: 256)
            for (i, b) in literal.dropLast().enumerated() { shift[Int(b)] = literal.count - 1 - i }
            bytes.withUnsafeBufferPointer { all in
                literal.withUnsafeBufferPointer { needle in
                    let last = needle.count - 1
                    let end = starts[range.upperBound]
                    /// The first offset at or after `from` where the literal occurs, before `end`.
                    func find(from: Int) -> Int? {
                        var at = from
                        while at + last < end {
                            let tail = all[at + last]
                            if tail == needle[last] {
                                var k = last - 1
                                while k >= 0, all[at + k] == needle[k] { k -= 1 }
                                if k < 0 { return at }
                            }
                            at += shift[Int(tail)]
                        }
                        return nil
                    }
                    var position = starts[range.lowerBound]
                    var string = range.lowerBound
                    while position < end, let offset = find(from: position) {
                        while starts[string + 1] <= offset { string += 1 }
                        if offset + needle.count <= starts[string + 1] {
                            // Inside one string: it is a candidate; go on from the next string.
                            out.append(string)
                            string += 1
                            position = starts[string]
                        } else {
                            // Across two strings: search again from the next byte.
                            position = offset + 1
                        }
                    }
                }
            }
            return out
        }

        /// The positions (in sorted order) of the strings that start with `prefix`.
        func range(startingWith prefix: [UInt8]) -> Range<Int> {
            bytes.withUnsafeBufferPointer { all in
                func string(_ i: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: all[starts[i]..<starts[i + 1]]) }
                var low = 0
                var high = targets.count
                while low < high {
                    let mid = (low + high) / 2
                    if string(mid).lexicographicallyPrecedes(prefix) { low = mid + 1 } else { high = mid }
                }
                var end = low
                while end < targets.count, string(end).starts(with: prefix) { end += 1 }
                return low..<end
            }
        }
    }

    init(_ resources: [String]) {
        let utf8 = resources.map { Array($0.utf8) }
        forwards = SortedBytes(utf8)
        backwards = SortedBytes(utf8.map { $0.reversed() })
        var position = [Int](repeating: 0, count: resources.count)
        for (i, target) in forwards.targets.enumerated() { position[target] = i }
        forwardPosition = position
    }

    var count: Int { forwards.targets.count }

    /// Positions in the method's target list of the targets whose resource matches.
    func matching(_ pattern: WildcardPattern) -> [Int] {
        if let known = answers.withLock({ $0[pattern] }) { return known }
        let found = scan(pattern)
        answers.withLock { $0[pattern] = found }
        return found
    }

    /// Tests only the targets sharing the pattern's literal prefix, or its literal suffix,
    /// whichever are fewer.
    private func scan(_ pattern: WildcardPattern) -> [Int] {
        // Literal runs compare byte for byte only when case matters (ARNs); else every target is tested.
        let exact = pattern.isCaseSensitive
        let byPrefix = forwards.range(startingWith: exact ? Array(pattern.literalPrefix.utf8) : [])
        let bySuffix = backwards.range(startingWith: exact ? Array(pattern.literalSuffix.utf8.reversed()) : [])
        // Forward positions to test: the prefix's range, or the suffix's candidates in forward order.
        let candidates = byPrefix.count <= bySuffix.count ? forwards.containing(exact ? pattern.longestLiteral : [], in: byPrefix)
            : bySuffix.map { forwardPosition[backwards.targets[$0]] }.sorted()
        return forwards.bytes.withUnsafeBufferPointer { all in
            candidates.compactMap { i in
                pattern.matches(utf8: UnsafeBufferPointer(rebasing: all[forwards.starts[i]..<forwards.starts[i + 1]])) ? forwards.targets[i] : nil
            }
        }
    }
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

