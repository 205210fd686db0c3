public import RampartIAM
import RampartJSON

/// Decides who outside the zone a resource policy lets in, statement by statement, and proves
/// each answer with a witness request that `PolicyEvaluator` allows against the whole policy
/// (so every Deny, NotPrincipal and condition of the policy is honoured).
///
/// The rule (docs/access.md): an Allow statement reaches outside the zone when it names `*`
/// (or uses `NotPrincipal`), an account, ARN, organization or identity provider outside it. A
/// grant to `*` is public unless a condition pins a key the caller cannot choose
/// (`ConfinementKind`) to fixed values: no wildcard, no policy variable, not negated, not
/// `...IfExists`, not `ForAllValues:` (true on an empty set), not `Null`, and for
/// `aws:SourceIp` no CIDR wider than /8 (IPv4) or /32 (IPv6).
public enum ResourcePolicyAnalyzer {
    /// Analyzes one resource's policy text. `owner`: the resource's account.
    public static func analyze(policyText: String, resourceArn: String, owner: String, profile: ResourceTypeProfile,
        zone: AccessZone) -> AccessOutcome
    {
        let document: PolicyDocument
        do {
            document = try PolicyDocument(text: policyText)
        } catch {
            return .unknown(reason: "the resource policy is not a valid policy: \(error)")
        }
        let grants = analyze(document: document, resourceArn: resourceArn, owner: owner, profile: profile, zone: zone)
        return grants.isEmpty ? .none : .external(grants)
    }

    /// Analyzes a parsed policy.
    public static func analyze(document: PolicyDocument, resourceArn: String, owner: String, profile: ResourceTypeProfile,
        zone: AccessZone) -> [ExternalGrant]
    {
        var grants: [ExternalGrant] = []
        let outsider = outsiderAccount(owner: owner, zone: zone)
        for statement in document.statements where statement.effect == .allow {
            guard let principal = statement.principal else { continue }
            let confinements = confinements(of: statement, keys: profile.keys)
            for candidate in candidates(principal, owner: owner, zone: zone, outsider: outsider) {
                var candidate = candidate
                var access = AccessLevelKind.crossAccount
                var principals = candidate.names
                if candidate.isAnyone {
                    guard let reach = reach(of: confinements, owner: owner, zone: zone, outsider: outsider) else { continue }
                    switch reach {
                    case .anyone: access = .public
                    case .confined(let names, let caller):
                        principals = names
                        if let caller { candidate.caller = caller }
                    }
                }
                guard let witness = witness(for: statement, caller: candidate.caller, document: document, resourceArn: resourceArn,
                    owner: owner, profile: profile)
                else { continue }
                grants.append(ExternalGrant(
                    access: access, principals: principals, actions: actionsText(statement), conditions: conditionsText(statement),
                    witness: witness, statements: [label(statement)]))
            }
        }
        return grants
    }

    // MARK: - Principals

    struct Candidate {
        var caller: RequestPrincipal
        var names: [String]
        var isAnyone: Bool
    }

    /// An account id outside the zone, for "anyone" witnesses.
    static func outsiderAccount(owner: String, zone: AccessZone) -> String {
        var n = 999_999_999_999
        while zone.trusts(account: String(n), owner: owner) { n -= 1 }
        return String(n)
    }

    static func witnessRole(_ account: String) -> RequestPrincipal {
        RequestPrincipal(arn: "arn:aws:iam::\(account):role/rampart-witness")
    }

    static func candidates(_ list: PrincipalList, owner: String, zone: AccessZone, outsider: String) -> [Candidate] {
        if list.isNegated || list.isWildcard || list.aws.contains("*") {
            return [Candidate(caller: witnessRole(outsider), names: ["*"], isAnyone: true)]
        }
        var out: [Candidate] = []
        for value in list.aws {
            let account: String
            let caller: RequestPrincipal
            if value.count == 12, value.allSatisfy(\.isNumber) {
                account = value
                caller = witnessRole(value)
            } else {
                let parsed = RequestPrincipal(arn: value)
                guard let a = parsed.accountId else { continue }
                account = a
                caller = parsed.kind == .root ? witnessRole(a) : parsed
            }
            if zone.trusts(account: account, owner: owner) { continue }
            out.append(Candidate(caller: caller, names: [value], isAnyone: false))
        }
        for provider in list.federated {
            // Identities of a web identity or SAML provider are outside every account ("Principal": federated users).
            let kind: RequestPrincipal.Kind = provider.contains(":saml-provider/") ? .saml : .webIdentity
            out.append(Candidate(
                caller: RequestPrincipal(arn: provider, kind: kind, accountId: nil, federatedProvider: provider), names: [provider],
                isAnyone: false))
        }
        return out
    }

    // MARK: - Confinement

    /// A condition that pins a key the caller cannot choose to fixed values.
    struct Confinement {
        let kind: ConfinementKind
        let key: String
        let values: [String]
    }

    /// The statement's confining conditions (see the type's documentation for the rule).
    static func confinements(of statement: Statement, keys: [String: ConfinementKind]) -> [Confinement] {
        var out: [Confinement] = []
        for c in statement.conditions {
            let key = c.key.lowercased()
            guard let kind = keys[key], let values = pinnedValues(c, kind: kind) else { continue }
            out.append(Confinement(kind: kind, key: c.key, values: values))
        }
        return out
    }

    /// The fixed values a condition pins its key to, nil when the caller can satisfy it with a value of its choosing.
    static func pinnedValues(_ c: Condition, kind: ConfinementKind) -> [String]? {
        let op = c.conditionOperator
        if op.ifExists || op.qualifier == .forAllValues || op.base.isNegated || op.base == .null { return nil }
        let like = op.base == .stringLike || op.base == .arnLike
        switch op.base {
        case .stringEquals, .stringEqualsIgnoreCase, .stringLike, .arnEquals, .arnLike, .ipAddress: break
        default: return nil
        }
        guard !c.values.isEmpty else { return nil }
        for v in c.values {
            if v.contains("${") { return nil }
            if op.base == .ipAddress {
                guard cidrIsNarrow(v) else { return nil }
                continue
            }
            let wild = like && (v.contains("*") || v.contains("?"))
            guard wild else { continue }
            switch kind {
            case .arn:
                // An ARN pattern pins the account when its account field is literal.
                let parts = v.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
                guard parts.count == 6, !parts[4].isEmpty, parts[4].allSatisfy(\.isNumber) else { return nil }
            case .organizationPath:
                guard let first = v.split(separator: "/").first, first.hasPrefix("o-"), !first.contains("*"), !first.contains("?")
                else { return nil }
            case .network where c.key.lowercased() == "aws:userid":
                // "aws:userid, outside the pattern AROLEID:*": a role's unique id with any session name.
                guard let colon = v.firstIndex(of: ":"), !v[..<colon].contains("*"), !v[..<colon].contains("?"),
                    v[v.index(after: colon)...] == "*"
                else { return nil }
            default:
                return nil
            }
        }
        return c.values
    }

    /// S3's rule for aws:SourceIp: a range wider than /8 (IPv4) or /32 (IPv6) is public.
    static func cidrIsNarrow(_ value: String) -> Bool {
        let parts = value.split(separator: "/")
        let ipv6 = value.contains(":")
        guard parts.count <= 2 else { return false }
        let prefix = parts.count == 2 ? Int(parts[1]) : (ipv6 ? 128 : 32)
        guard let prefix else { return false }
        return ipv6 ? prefix >= 32 : prefix >= 8
    }

    enum Reach {
        case anyone
        /// Confined: the names to report, and the caller to use for the witness (nil: keep the outsider).
        case confined([String], RequestPrincipal?)
    }

    /// Where a grant to anyone reaches under its confining conditions; nil when only inside the zone.
    static func reach(of confinements: [Confinement], owner: String, zone: AccessZone, outsider: String) -> Reach? {
        if confinements.isEmpty { return .anyone }
        let accountLike = confinements.filter { $0.kind == .account || $0.kind == .arn }
        if !accountLike.isEmpty {
            // Every account-pinning condition must hold, so the reach is their intersection.
            var reach: Set<String>?
            var callerArn: String?
            for c in accountLike {
                var accounts = Set<String>()
                for v in c.values {
                    if c.kind == .account {
                        accounts.insert(v)
                    } else {
                        let parts = v.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
                        if parts.count == 6 { accounts.insert(String(parts[4])) }
                        if c.key.lowercased() == "aws:principalarn", !v.contains("*"), !v.contains("?") { callerArn = v }
                    }
                }
                reach = reach.map { $0.intersection(accounts) } ?? accounts
            }
            let external = (reach ?? []).filter { !zone.trusts(account: $0, owner: owner) }.sorted()
            guard let first = external.first else { return nil }
            let caller = callerArn.map { RequestPrincipal(arn: $0) }.flatMap { $0.accountId == first ? $0 : nil } ?? witnessRole(first)
            return .confined(external, caller)
        }
        let orgs = confinements.filter { $0.kind == .organization || $0.kind == .organizationPath }
        if !orgs.isEmpty {
            var ids = Set<String>()
            for c in orgs {
                for v in c.values { ids.insert(c.kind == .organization ? v : String(v.split(separator: "/").first ?? "")) }
            }
            let external = ids.filter { !zone.trusts(organization: $0) }.sorted()
            guard !external.isEmpty else { return nil }
            return .confined(external.map { "organization \($0)" }, nil)
        }
        return .confined(["*"], nil)
    }

    // MARK: - Witness

    static let allowEverything: PolicyDocument = {
        // A fixed, valid document: the external account's own identity policy, which it controls.
        try! PolicyDocument(text: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#)
    }()

    /// A request by `caller` the evaluator allows under the whole policy, or nil when none of the
    /// statement's actions on this resource gets through.
    static func witness(for statement: Statement, caller: RequestPrincipal, document: PolicyDocument, resourceArn: String,
        owner: String, profile: ResourceTypeProfile) -> AccessWitness?
    {
        let resources = candidateResources(statement, resourceArn: resourceArn)
        guard !resources.isEmpty else { return nil }
        var context: [String: ContextValue] = [:]
        var setByAllow = Set<String>()
        for c in statement.conditions {
            setByAllow.insert(c.key.lowercased())
            switch satisfying(c) {
            case .set(let v)?: context[c.key] = v
            case .absent?, nil: break
            }
        }
        // Policy variables in a value stand for the request's own values (`${aws:PrincipalAccount}`).
        for (key, value) in context {
            switch value {
            case .single(let v): context[key] = .single(substitute(v, caller: caller, context: context))
            case .multiple(let vs): context[key] = .multiple(vs.map { substitute($0, caller: caller, context: context) })
            }
        }
        // A caller with an account brings its own identity policies, which it controls: assume they allow.
        let policySet = PolicySet(
            identityPolicies: caller.accountId != nil ? [NamedPolicy("external identity policy", allowEverything)] : [],
            resourcePolicy: NamedPolicy("resource policy", document), resourcePolicyKind: profile.policyKind)
        // The preferred actions first; the rest of the catalogue only when none of them gets through.
        let preferred = preferredActions(statement, profile: profile)
        if !preferred.isEmpty, let w = search(actions: preferred, resources: resources, caller: caller, context: context,
            setByAllow: setByAllow, document: document, owner: owner, policies: policySet, profile: profile)
        {
            return w
        }
        let rest = candidateActions(statement, profile: profile).filter { !preferred.contains($0) }
        return search(actions: rest, resources: resources, caller: caller, context: context, setByAllow: setByAllow,
            document: document, owner: owner, policies: policySet, profile: profile)
    }

    /// `${key}` replaced by the caller's own value of the key (or the context's); unknown keys stay.
    static func substitute(_ text: String, caller: RequestPrincipal, context: [String: ContextValue]) -> String {
        guard text.contains("${") else { return text }
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "${"), let close = rest[open.upperBound...].firstIndex(of: "}") {
            out += rest[..<open.lowerBound]
            let name = rest[open.upperBound..<close].lowercased()
            let probe = RequestContext(principal: caller, action: "sts:GetCallerIdentity", resource: "*")
            let fromContext = context.first { $0.key.lowercased() == name }?.value.asArray.first
            if let v = fromContext ?? probe.values(for: name)?.first {
                out += v
            } else {
                out += rest[open.lowerBound...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    static func preferredActions(_ statement: Statement, profile: ResourceTypeProfile) -> [String] {
        let patterns = statement.action.patterns.map(WildcardPattern.action)
        return profile.preferredActions.filter { action in
            let hit = patterns.contains { $0.matches(action.lowercased()) }
            return statement.action.isNegated ? !hit : hit
        }
    }

    static func search(actions: [String], resources: [String], caller: RequestPrincipal, context: [String: ContextValue],
        setByAllow: Set<String>, document: PolicyDocument, owner: String, policies: PolicySet, profile: ResourceTypeProfile)
        -> AccessWitness?
    {
        for action in actions.prefix(24) {
            for resource in resources {
                var ctx = context
                for _ in 0..<4 {
                    let request = RequestContext(principal: caller, action: action, resource: resource, resourceAccount: owner, context: ctx)
                    let result = PolicyEvaluator.evaluate(request, policies: policies)
                    if result.decision == .allowed {
                        return AccessWitness(principal: caller.arn, action: action, resource: resource,
                            context: ctx.mapValues { $0.asArray })
                    }
                    guard result.decision == .explicitDeny else { break }
                    // Steer clear of denies on keys the caller chooses and the allow does not read.
                    var changed = false
                    for m in result.matchedStatements where m.kind == .resource {
                        guard let deny = document.statements.first(where: { $0.index == m.statementIndex }) else { continue }
                        for c in deny.conditions {
                            let key = c.key.lowercased()
                            guard !setByAllow.contains(key), profile.keys[key] == nil, !callerIntrinsic.contains(key) else { continue }
                            switch failing(c) {
                            case .set(let v)?:
                                if ctx[c.key] != v { ctx[c.key] = v; changed = true }
                            case .absent?:
                                if ctx[c.key] != nil { ctx[c.key] = nil; changed = true }
                            case nil: break
                            }
                        }
                    }
                    if !changed { break }
                }
            }
        }
        return nil
    }

    /// Keys the request carries from the caller's identity: a witness never invents them.
    static let callerIntrinsic: Set<String> = [
        "aws:principalarn", "aws:principalaccount", "aws:principalorgid", "aws:principalorgpaths", "aws:username", "aws:userid",
        "aws:principaltype", "aws:principalisawsservice", "aws:principalservicename",
    ]

    /// The actions to try: the profile's preferred ones the statement grants, then the rest of
    /// its services' catalogue actions the statement grants.
    static func candidateActions(_ statement: Statement, profile: ResourceTypeProfile) -> [String] {
        let patterns = statement.action.patterns.map(WildcardPattern.action)
        func granted(_ action: String) -> Bool {
            let hit = patterns.contains { $0.matches(action.lowercased()) }
            return statement.action.isNegated ? !hit : hit
        }
        var out = profile.preferredActions.filter(granted)
        var seen = Set(out.map { $0.lowercased() })
        for service in profile.services {
            guard let s = ActionCatalog.shared.service(service) else { continue }
            for a in s.actions where granted(a.fullName) && seen.insert(a.fullName.lowercased()).inserted {
                out.append(a.fullName)
                if out.count >= 24 { return out }
            }
        }
        return out
    }

    /// The resource ARNs to try: the resource itself, then what the statement's patterns name under it.
    static func candidateResources(_ statement: Statement, resourceArn: String) -> [String] {
        guard let resource = statement.resource, !resource.isNegated else { return [resourceArn] }
        var out: [String] = []
        for p in resource.patterns {
            if WildcardPattern.arn(p).matches(resourceArn) {
                if !out.contains(resourceArn) { out.insert(resourceArn, at: 0) }
            } else if p.hasPrefix(resourceArn) || p.hasPrefix(resourceArn.replacingOccurrences(of: "*", with: "")) {
                let concrete = String(p.map { $0 == "*" || $0 == "?" ? "x" : $0 })
                if !concrete.contains("${"), !out.contains(concrete) { out.append(concrete) }
            }
        }
        return out
    }

    enum Assignment: Equatable {
        case set(ContextValue)
        case absent
    }

    /// A context value that makes the condition true.
    static func satisfying(_ c: Condition) -> Assignment? {
        let op = c.conditionOperator
        if op.base == .null {
            return c.values.first.map { $0.lowercased() == "true" } == true ? .absent : .set("rampart-witness")
        }
        if op.ifExists || op.base.isNegated || op.qualifier == .forAllValues { return .absent }
        guard let v = c.values.first else { return nil }
        let value: String
        switch op.base {
        case .stringLike, .arnLike: value = String(v.map { $0 == "*" || $0 == "?" ? "x" : $0 })
        case .numericLessThan: value = Double(v).map { JSONNumber.format($0 - 1) } ?? v
        case .numericGreaterThan: value = Double(v).map { JSONNumber.format($0 + 1) } ?? v
        case .dateLessThan: value = "1970-01-01T00:00:00Z"
        case .dateGreaterThan: value = "2999-12-31T00:00:00Z"
        case .ipAddress: value = String(v.split(separator: "/").first ?? "")
        default: value = v
        }
        return .set(op.qualifier == .forAnyValue ? .multiple([value]) : .single(value))
    }

    /// A context value that makes the condition false (to keep a caller-chosen key out of a Deny).
    static func failing(_ c: Condition) -> Assignment? {
        let op = c.conditionOperator
        if op.base == .null {
            return c.values.first.map { $0.lowercased() == "true" } == true ? .set("rampart-witness") : .absent
        }
        guard let v = c.values.first else { return nil }
        if op.base.isNegated {
            // Present and matching a listed value makes the negated operator false.
            switch op.base.positive {
            case .stringLike, .arnLike: return .set(.single(String(v.map { $0 == "*" || $0 == "?" ? "x" : $0 })))
            case .ipAddress: return .set(.single(String(v.split(separator: "/").first ?? "")))
            default: return .set(.single(v))
            }
        }
        // Positive operators (with or without ...IfExists / ForAllValues:): present and not matching.
        switch op.base {
        case .bool: return .set(.single(v.lowercased() == "true" ? "false" : "true"))
        case .ipAddress:
            let candidates = ["203.0.113.77", "198.51.100.77", "192.0.2.77", "2001:db8::77"]
            return .set(.single(candidates.first { ip in !c.values.contains { $0.hasPrefix(ip) } } ?? "203.0.113.77"))
        case .numericEquals, .numericLessThan, .numericLessThanEquals: return .set(.single(Double(v).map { JSONNumber.format($0 + 1e6) } ?? "0"))
        case .numericGreaterThan, .numericGreaterThanEquals: return .set(.single(Double(v).map { JSONNumber.format($0 - 1e6) } ?? "0"))
        case .dateLessThan, .dateLessThanEquals, .dateEquals: return .set("2999-12-31T00:00:00Z")
        case .dateGreaterThan, .dateGreaterThanEquals: return .set("1970-01-01T00:00:00Z")
        default: return .set(op.qualifier == .forAnyValue ? .multiple(["rampart-witness-other"]) : .single("rampart-witness-other"))
        }
    }

    // MARK: - Text

    static func label(_ s: Statement) -> String {
        var out = "Statement[\(s.index)]"
        if let sid = s.sid {
            var q = ""
            JSONWriter.writeString(sid, into: &q)
            out += " (Sid \(q))"
        }
        return out
    }

    static func actionsText(_ s: Statement) -> [String] {
        s.action.isNegated ? s.action.patterns.map { "NotAction \($0)" } : s.action.patterns
    }

    static func conditionsText(_ s: Statement) -> [String] {
        s.conditions.map { c in
            "\(c.conditionOperator) \(c.key) \(JSONWriter.string(.array(c.values.map { .string($0) })))"
        }
    }
}

/// Number text for witness values: integers without a fraction.
enum JSONNumber {
    static func format(_ d: Double) -> String { JSONWriter.formatNumber(d) }
}

extension ContextValue {
    var asArray: [String] {
        switch self {
        case .single(let v): [v]
        case .multiple(let vs): vs
        }
    }
}

