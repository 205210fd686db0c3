import Dispatch
import Synchronization

/// A set of catalogue actions: one bit per entry of ``ActionCatalog/allActions``.
public struct ActionSet: Sendable, Hashable {
    /// The number of actions the set ranges over.
    public let capacity: Int
    private(set) var words: [UInt64]

    /// The empty set over `capacity` actions.
    public init(capacity: Int) {
        self.capacity = capacity
        words = Array(repeating: 0, count: (capacity + 63) / 64)
    }

    /// Every action.
    public static func all(capacity: Int) -> ActionSet {
        var s = ActionSet(capacity: capacity)
        for i in s.words.indices { s.words[i] = ~0 }
        let extra = s.words.count * 64 - capacity
        if extra > 0, !s.words.isEmpty { s.words[s.words.count - 1] >>= UInt64(extra) }
        return s
    }

    public func contains(_ index: Int) -> Bool { words[index >> 6] & (1 << UInt64(index & 63)) != 0 }

    public mutating func insert(_ index: Int) { words[index >> 6] |= 1 << UInt64(index & 63) }

    public mutating func formUnion(_ other: ActionSet) {
        for i in words.indices { words[i] |= other.words[i] }
    }

    public mutating func formIntersection(_ other: ActionSet) {
        for i in words.indices { words[i] &= other.words[i] }
    }

    public mutating func subtract(_ other: ActionSet) {
        for i in words.indices { words[i] &= ~other.words[i] }
    }

    public var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// The size of the intersection with `other`, without building it.
    public func intersectionCount(_ other: ActionSet) -> Int {
        var n = 0
        for i in words.indices { n += (words[i] & other.words[i]).nonzeroBitCount }
        return n
    }
    public var isEmpty: Bool { words.allSatisfy { $0 == 0 } }
    /// Whether every action of the catalogue is in the set.
    public var isAll: Bool { count == capacity }

    /// The positions of the actions in the set, ascending.
    public var indices: [Int] {
        var out: [Int] = []
        for (w, word) in words.enumerated() where word != 0 {
            var bits = word
            while bits != 0 {
                out.append(w * 64 + bits.trailingZeroBitCount)
                bits &= bits - 1
            }
        }
        return out
    }
}

/// How much of an action a principal may do.
public enum ActionAccess: String, Sendable, Hashable {
    /// On every resource, under every condition: an unconditional allow on `"Resource": "*"`
    /// and no deny that could apply.
    case full
    /// On some resources or under some conditions only (a resource-specific or conditional
    /// allow, or a deny that covers part of it).
    case limited
    /// Never: no allow applies, or an unconditional deny on every resource does.
    case none
}

/// One principal's effective permissions over the whole action catalogue.
public struct PrincipalAccess: Sendable {
    /// Actions allowed on every resource without conditions.
    public let full: ActionSet
    /// Actions allowed only on some resources or under conditions.
    public let limited: ActionSet

    public func access(toActionAt index: Int) -> ActionAccess {
        full.contains(index) ? .full : limited.contains(index) ? .limited : .none
    }
}

/// Effective permissions: for every principal, which catalogue actions its identity policies,
/// group policies and permissions boundary let it perform, with wildcards and `NotAction`
/// expanded to real actions. This is what "admin-equivalent", who-can and what-can read —
/// never a policy's name.
///
/// Encodes "Policy evaluation logic" at the granularity of actions: an explicit deny wins
/// ("Deny evaluation"); identity-based policies must allow; a permissions boundary, when set,
/// must allow too ("Permissions boundaries for IAM entities"). An allow counts as `full` only
/// when it names every resource (`"*"`) without conditions; a deny removes an action entirely
/// only when it covers every resource without conditions, and otherwise makes it `limited`. A
/// statement counts only for the actions that can act on the resources it names (resource
/// types, "Actions, resources, and condition keys for AWS services").
/// Each distinct policy is summarized once, whatever the number of principals using it.
///
/// In an organization, the account's service control policies bound its principals the same way
/// at each level (root, OUs, account: "SCP evaluation" — every level must allow, a deny anywhere
/// denies), except in the management account and for service-linked roles; the account's
/// resource control policies keep an action of a service they govern from being `full` when a
/// level does not allow it everywhere (it stays possible on other accounts' resources).
public struct EffectivePermissions: Sendable {
    public let catalog: ActionCatalog
    /// Per policy name: the catalogue actions its statements allow or deny.
    private let summaries: [String: PolicySummary]
    /// The actions of the services RCPs govern (built only when some account has RCPs).
    private let resourceControlled: ActionSet?

    /// What one policy's statements contribute, as action sets.
    struct PolicySummary: Sendable {
        /// Allowed on every resource without conditions.
        var allowAll: ActionSet
        /// Allowed by any statement (some resources, or conditions).
        var allowAny: ActionSet
        /// Denied on every resource without conditions.
        var denyAll: ActionSet
        /// Denied by any statement.
        var denyAny: ActionSet
    }

    /// Summarizes every policy of `account` (in parallel: policies are independent).
    public init(account: IAMAccount, catalog: ActionCatalog = .shared) {
        self.catalog = catalog
        var unique: [String: NamedPolicy] = [:]
        var hasRCPs = false
        for p in account.principals {
            for policy in p.identityPolicies where unique[policy.name] == nil { unique[policy.name] = policy }
            if let b = p.permissionsBoundary, unique[b.name] == nil { unique[b.name] = b }
            for level in p.organization.serviceControlPolicies + p.organization.resourceControlPolicies {
                for policy in level where unique[policy.name] == nil { unique[policy.name] = policy }
            }
            if !p.organization.resourceControlPolicies.isEmpty { hasRCPs = true }
        }
        if hasRCPs {
            var set = ActionSet(capacity: catalog.allActions.count)
            for (i, a) in catalog.allActions.enumerated()
            where OrganizationBoundary.resourceControlServices.contains(a.servicePrefix.lowercased()) {
                set.insert(i)
            }
            resourceControlled = set
        } else {
            resourceControlled = nil
        }
        let policies = Array(unique.values)
        // Expand each distinct action pattern once.
        var patterns: [WildcardPattern: Int] = [:]
        var patternList: [WildcardPattern] = []
        for policy in policies {
            for statement in policy.document.statements {
                for pattern in statement.actionPatterns where patterns[pattern] == nil {
                    patterns[pattern] = patternList.count
                    patternList.append(pattern)
                }
            }
        }
        let expanded = concurrentMap(patternList) { catalog.actionIndices(matching: $0) }
        let patternIndex = patterns
        let summaries = concurrentMap(policies) { policy -> PolicySummary in
            Self.summarize(policy.document, catalog: catalog) { expanded[patternIndex[$0]!] }
        }
        var byName: [String: PolicySummary] = [:]
        for (policy, summary) in zip(policies, summaries) { byName[policy.name] = summary }
        self.summaries = byName
    }

    private static func isStar(_ pattern: String) -> Bool { !pattern.isEmpty && pattern.allSatisfy { $0 == "*" } }

    /// What one policy's statements allow and deny, as action sets; `expand` gives the catalogue
    /// indices an action pattern matches.
    static func summarize(_ document: PolicyDocument, catalog: ActionCatalog, expand: (WildcardPattern) -> [Int]) -> PolicySummary {
        let capacity = catalog.allActions.count
        var s = PolicySummary(allowAll: ActionSet(capacity: capacity), allowAny: ActionSet(capacity: capacity),
            denyAll: ActionSet(capacity: capacity), denyAny: ActionSet(capacity: capacity))
        var formatCache: [String: Bool] = [:]
        for statement in document.statements {
            var actions = ActionSet(capacity: capacity)
            for pattern in statement.actionPatterns {
                for i in expand(pattern) { actions.insert(i) }
            }
            if statement.action.isNegated {
                var all = ActionSet.all(capacity: capacity)
                all.subtract(actions)
                actions = all
            }
            // An action named only on resources of types it cannot act on is not granted
            // (or denied) by the statement at all (`ActionCatalog.action(at:canActOnAnyOf:)`).
            if let resource = statement.resource, !resource.isNegated, !resource.patterns.contains(where: Self.isStar) {
                var kept = ActionSet(capacity: capacity)
                for i in actions.indices where catalog.action(at: i, canActOnAnyOf: resource.patterns, cache: &formatCache) { kept.insert(i) }
                actions = kept
            }
            let everyResource = statement.resource.map { !$0.isNegated && $0.patterns.contains(where: Self.isStar) } ?? true
            let unconditional = statement.conditions.isEmpty
            if statement.effect == .allow {
                s.allowAny.formUnion(actions)
                if everyResource && unconditional { s.allowAll.formUnion(actions) }
            } else {
                s.denyAny.formUnion(actions)
                if everyResource && unconditional { s.denyAll.formUnion(actions) }
            }
        }
        return s
    }

    /// Whether some version of a managed policy other than its default allows more than the
    /// default: an action the default does not allow at all, or allows only on some resources or
    /// under conditions and the version on every resource without them. What
    /// `iam:SetDefaultPolicyVersion` can make the policy grant.
    public func versionGrantsMore(_ version: PolicyDocument, than current: PolicyDocument) -> Bool {
        let v = Self.summarize(version, catalog: catalog) { catalog.actionIndices(matching: $0) }
        let d = Self.summarize(current, catalog: catalog) { catalog.actionIndices(matching: $0) }
        var any = v.allowAny
        any.subtract(v.denyAll)
        any.subtract(d.allowAny)
        var all = v.allowAll
        all.subtract(v.denyAny)
        all.subtract(d.allowAll)
        return any.count > 0 || all.count > 0
    }

    /// The principal's effective permissions.
    public func access(of principal: IAMPrincipal) -> PrincipalAccess {
        let capacity = catalog.allActions.count
        func combine(_ policies: [NamedPolicy]) -> PolicySummary {
            var total = PolicySummary(allowAll: ActionSet(capacity: capacity), allowAny: ActionSet(capacity: capacity),
                denyAll: ActionSet(capacity: capacity), denyAny: ActionSet(capacity: capacity))
            for policy in policies {
                guard let s = summaries[policy.name] else { continue }
                total.allowAll.formUnion(s.allowAll)
                total.allowAny.formUnion(s.allowAny)
                total.denyAll.formUnion(s.denyAll)
                total.denyAny.formUnion(s.denyAny)
            }
            return total
        }
        let identity = combine(principal.identityPolicies)
        var full = identity.allowAll
        var any = identity.allowAny
        full.subtract(identity.denyAny)
        any.subtract(identity.denyAll)
        if let boundary = principal.permissionsBoundary {
            let b = combine([boundary])
            full.formIntersection(b.allowAll)
            full.subtract(b.denyAny)
            any.formIntersection(b.allowAny)
            any.subtract(b.denyAll)
        }
        if principal.isRestrictedBySCPs {
            // "SCP evaluation": each level must allow; a deny at any level denies.
            for level in principal.organization.serviceControlPolicies {
                let l = combine(level)
                full.formIntersection(l.allowAll)
                full.subtract(l.denyAny)
                any.formIntersection(l.allowAny)
                any.subtract(l.denyAll)
            }
        }
        if let controlled = resourceControlled, !principal.organization.isManagementAccount {
            // "RCP evaluation": on the account's own resources, each level must allow too.
            for level in principal.organization.resourceControlPolicies {
                let l = combine(level)
                var blocked = controlled
                blocked.subtract(l.allowAll)
                var denied = l.denyAny
                denied.formIntersection(controlled)
                blocked.formUnion(denied)
                full.subtract(blocked)
            }
        }
        any.subtract(full)
        return PrincipalAccess(full: full, limited: any)
    }

    /// The allow statements of the principal's identity policies that name `action`, and the
    /// deny statements of any of its policies that do: the evidence behind an access level.
    public func statements(of principal: IAMPrincipal, naming action: String) -> (allows: [MatchedStatement], denies: [MatchedStatement]) {
        let lowered = action.lowercased()
        var allows: [MatchedStatement] = []
        var denies: [MatchedStatement] = []
        func scan(_ policies: [NamedPolicy], _ kind: PolicyKind) {
            for policy in policies {
                for statement in policy.document.statements where StatementMatcher.actionMatches(statement, lowered) {
                    let m = MatchedStatement(policyName: policy.name, kind: kind, statementIndex: statement.index, sid: statement.sid,
                        effect: statement.effect)
                    if statement.effect == .deny { denies.append(m) } else if kind == .identity { allows.append(m) }
                }
            }
        }
        scan(principal.identityPolicies, .identity)
        if let b = principal.permissionsBoundary { scan([b], .permissionsBoundary) }
        if principal.isRestrictedBySCPs { for level in principal.organization.serviceControlPolicies { scan(level, .serviceControl) } }
        return (allows, denies)
    }
}

/// `transform` applied to every element, spread over the machine's cores; results in order.
func concurrentMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
    if items.count < 64 { return items.map(transform) }
    let chunks = min(items.count, 64)
    let results = Mutex<[Int: [R]]>([:])
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
        let part = items[items.count * chunk / chunks..<items.count * (chunk + 1) / chunks].map(transform)
        results.withLock { $0[chunk] = part }
    }
    return results.withLock { slots in (0..<chunks).flatMap { slots[$0] ?? [] } }
}
