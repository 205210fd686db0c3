/// The outcome of evaluating a request, named as `aws iam simulate-*` names it.
public enum Decision: String, Sendable, Hashable {
    case allowed
    case explicitDeny
    case implicitDeny
}

/// The kinds of policy AWS evaluates ("Policy evaluation logic" — "Policy types").
public enum PolicyKind: String, Sendable, Hashable {
    case identity, resource, permissionsBoundary, session, serviceControl, resourceControl
}

/// A policy with a name for reporting matched statements (a policy ARN, `inline:user/alice/s3`, ...).
public struct NamedPolicy: Sendable {
    public let name: String
    public let document: PolicyDocument

    public init(_ name: String, _ document: PolicyDocument) {
        self.name = name
        self.document = document
    }
}

/// A statement that matched the request (action, resource, principal and conditions).
public struct MatchedStatement: Sendable, Hashable {
    public let policyName: String
    public let kind: PolicyKind
    public let statementIndex: Int
    public let sid: String?
    public let effect: Effect
}

/// The decision, the statements that produced it, and the condition keys the matching
/// statements asked about that the request did not carry.
public struct EvaluationResult: Sendable {
    public let decision: Decision
    /// For `explicitDeny`, the deny statements; for `allowed`, the allow statements that apply;
    /// for `implicitDeny`, empty.
    public let matchedStatements: [MatchedStatement]
    /// Context keys, spelled as the policy first spells them, that statements whose action,
    /// resource and principal matched referenced but the request context did not hold.
    public let missingContextValues: [String]
}

/// What a resource-based policy is, for the documented exceptions to "same account: union".
public enum ResourcePolicyKind: String, Sendable, Hashable {
    /// S3 bucket policies, SQS queue policies, ...: in the same account an allow naming the
    /// principal suffices, and an identity-policy allow suffices without the resource policy.
    case standard
    /// A role trust policy: the trust policy must allow `sts:AssumeRole*` itself.
    case roleTrust
    /// A KMS key policy: the key policy must allow, directly or by delegating to the account.
    case kmsKey
}

/// Every policy that applies to one request.
public struct PolicySet: Sendable {
    public var identityPolicies: [NamedPolicy]
    public var resourcePolicy: NamedPolicy?
    public var resourcePolicyKind: ResourcePolicyKind
    public var permissionsBoundary: NamedPolicy?
    /// Session policies passed when the session was created; nil when none were passed
    /// (an empty array means "passed, but grants nothing").
    public var sessionPolicies: [NamedPolicy]?
    /// SCPs per level of the organization, root first, then each OU, then the account; empty
    /// when the account is not in an organization.
    public var serviceControlPolicies: [[NamedPolicy]]
    /// RCPs per level of the organization, like `serviceControlPolicies`.
    public var resourceControlPolicies: [[NamedPolicy]]
    /// The principal's account is the organization's management account (SCPs do not apply).
    public var principalInManagementAccount: Bool
    /// The resource's account is the organization's management account (RCPs do not apply).
    public var resourceInManagementAccount: Bool

    public init(identityPolicies: [NamedPolicy] = [], resourcePolicy: NamedPolicy? = nil,
        resourcePolicyKind: ResourcePolicyKind = .standard, permissionsBoundary: NamedPolicy? = nil,
        sessionPolicies: [NamedPolicy]? = nil, serviceControlPolicies: [[NamedPolicy]] = [],
        resourceControlPolicies: [[NamedPolicy]] = [], principalInManagementAccount: Bool = false,
        resourceInManagementAccount: Bool = false)
    {
        self.identityPolicies = identityPolicies
        self.resourcePolicy = resourcePolicy
        self.resourcePolicyKind = resourcePolicyKind
        self.permissionsBoundary = permissionsBoundary
        self.sessionPolicies = sessionPolicies
        self.serviceControlPolicies = serviceControlPolicies
        self.resourceControlPolicies = resourceControlPolicies
        self.principalInManagementAccount = principalInManagementAccount
        self.resourceInManagementAccount = resourceInManagementAccount
    }
}

/// AWS's policy evaluation logic over a `PolicySet`.
///
/// Encodes IAM User Guide, "Policy evaluation logic":
/// - "Determining whether a request is allowed or denied within an account": an explicit
///   deny in any applicable policy wins; then RCPs, SCPs, resource-based policies,
///   identity-based policies, permissions boundaries and session policies in turn; anything
///   not allowed is implicitly denied.
/// - "How AWS Organizations SCPs/RCPs work": every level (root, each OU, the account) must
///   allow; SCPs do not restrict the management account, RCPs do not restrict its resources.
/// - "Identity-based policies with resource-based policies": same account, the union of the
///   two (an allow naming the user ARN or the session ARN is not limited by a boundary or
///   session policy; an allow naming the role ARN is; an allow to the account only delegates
///   to identity policies); "Cross-account policy evaluation logic": both sides must allow.
/// - Role trust and KMS key policies: the resource policy must allow even in the same account.
public enum PolicyEvaluator {
    /// How a resource-policy statement's principal matched the caller.
    enum PrincipalMatch: Int, Comparable {
        /// The account (id or root ARN): delegation to the account's identity policies.
        case account = 0
        /// The role ARN of the caller's session: limited by the boundary and session policy.
        case roleOfSession = 1
        /// The caller itself (user, session, service, federated or canonical id, or `*`).
        case direct = 2

        static func < (a: PrincipalMatch, b: PrincipalMatch) -> Bool { a.rawValue < b.rawValue }
    }

    struct Scan {
        var allows: [MatchedStatement] = []
        var denies: [MatchedStatement] = []
        var bestResourceAllow: PrincipalMatch?
        var allowed: Bool { !allows.isEmpty }
    }

    /// Evaluates one request.
    public static func evaluate(_ request: RequestContext, policies: PolicySet) -> EvaluationResult {
        var missing: [String: String] = [:]
        let hasBoundary = policies.permissionsBoundary != nil
        func scan(_ list: [NamedPolicy], _ kind: PolicyKind) -> Scan {
            var s = Scan()
            for policy in list {
                let statements = policy.document.statements
                // By index: binding each statement to a loop variable would copy it.
                for i in statements.indices {
                    guard let match = StatementMatcher.applies(statements[i], in: policy.document, kind: kind, request: request,
                        hasBoundary: hasBoundary, missing: &missing)
                    else { continue }
                    let statement = statements[i]
                    let m = MatchedStatement(policyName: policy.name, kind: kind, statementIndex: statement.index,
                        sid: statement.sid, effect: statement.effect)
                    if statement.effect == .deny {
                        s.denies.append(m)
                    } else {
                        s.allows.append(m)
                        if let match { s.bestResourceAllow = max(s.bestResourceAllow ?? match, match) }
                    }
                }
            }
            return s
        }

        let identity = scan(policies.identityPolicies, .identity)
        let boundary = policies.permissionsBoundary.map { scan([$0], .permissionsBoundary) }
        let session = policies.sessionPolicies.map { scan($0, .session) }
        let resource = policies.resourcePolicy.map { scan([$0], .resource) }
        let scpApplies = !policies.principalInManagementAccount && request.principal.kind != .service
            && request.principal.kind != .anonymous
        // RCPs govern only the services that support them ("List of AWS services that support RCPs").
        let rcpApplies = !policies.resourceInManagementAccount && request.principal.kind != .service
            && !policies.resourceControlPolicies.isEmpty
            && OrganizationBoundary.resourceControlServices.contains(String(request.lowercasedAction.prefix { $0 != ":" }))
        let scps = scpApplies ? policies.serviceControlPolicies.map { scan($0, .serviceControl) } : []
        let rcps = rcpApplies ? policies.resourceControlPolicies.map { scan($0, .resourceControl) } : []

        let missingList = missing.keys.sorted().map { missing[$0]! }
        // "Deny evaluation": an explicit deny in any applicable policy.
        var denies: [MatchedStatement] = []
        for s in [identity] + [boundary, session, resource].compactMap({ $0 }) + scps + rcps { denies += s.denies }
        if !denies.isEmpty {
            return EvaluationResult(decision: .explicitDeny, matchedStatements: denies, missingContextValues: missingList)
        }
        let implicit = EvaluationResult(decision: .implicitDeny, matchedStatements: [], missingContextValues: missingList)
        // "Resource control policies" and "Service control policies": every level must allow.
        if rcps.contains(where: { !$0.allowed }) || scps.contains(where: { !$0.allowed }) { return implicit }

        // "AWS account root user": the root user has complete access to its account's resources;
        // identity policies do not apply to it, only explicit denies (resource policies, SCPs,
        // RCPs), the SCPs' allow-lists, and the resource policies that must allow in any case
        // (KMS key policies). STS API Reference, AssumeRole: "You cannot call AssumeRole by
        // using AWS account root user credentials; access is denied."
        let isRoot = request.principal.kind == .root
        if isRoot, request.lowercasedAction.hasPrefix("sts:assumerole") { return implicit }
        let boundaryOK = boundary?.allowed ?? true
        let sessionOK = session?.allowed ?? true
        let identitySide = (identity.allowed || isRoot) && boundaryOK && sessionOK
        let resourceMatch = resource?.bestResourceAllow
        let sameAccount = request.effectiveResourceAccount == request.principal.accountId

        let allowed: Bool
        if request.principal.accountId == nil {
            // Services and anonymous callers have no identity policies: only a resource policy naming them.
            allowed = resourceMatch == .direct
        } else if sameAccount {
            let viaResource: Bool
            switch resourceMatch {
            case .direct?:
                // A trust policy naming the caller itself needs no identity-policy allow, but a
                // permissions boundary (and a session policy) on the caller still has to allow
                // sts:AssumeRole* (issue 19; IAM User Guide "Permissions boundaries for IAM entities").
                viaResource = policies.resourcePolicyKind == .roleTrust ? boundaryOK && sessionOK : true
            case .roleOfSession?: viaResource = boundaryOK && sessionOK
            case .account?: viaResource = identitySide
            case nil: viaResource = false
            }
            switch policies.resourcePolicyKind {
            case .standard: allowed = identitySide || viaResource
            case .roleTrust, .kmsKey: allowed = viaResource
            }
        } else {
            // "Cross-account policy evaluation logic": the identity side and the resource policy.
            allowed = identitySide && resourceMatch != nil
        }
        guard allowed else { return implicit }
        var allows = identity.allows + (boundary?.allows ?? []) + (session?.allows ?? []) + (resource?.allows ?? [])
        for s in scps + rcps { allows += s.allows }
        return EvaluationResult(decision: .allowed, matchedStatements: allows, missingContextValues: missingList)
    }
}
