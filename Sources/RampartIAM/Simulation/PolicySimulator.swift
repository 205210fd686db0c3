/// A policy handed to the simulator, with the identity AWS reports for it in `MatchedStatements`.
public struct SimulatedPolicy: Sendable {
    /// `SourcePolicyId`: `PolicyInputList.1` for a policy given on the command line, the policy's
    /// name for one read from the account.
    public let id: String
    /// `SourcePolicyType`: `user`, `group`, `role`, `aws-managed`, `user-managed`, `resource`,
    /// or nil for policies given on the command line (AWS's examples omit it there).
    public let sourceType: String?
    public let document: PolicyDocument
    /// Where each statement sits in the text, when the policy came as text.
    public let spans: [StatementSpan]

    public init(id: String, sourceType: String? = nil, document: PolicyDocument, spans: [StatementSpan] = []) {
        self.id = id
        self.sourceType = sourceType
        self.document = document
        self.spans = spans
    }

    /// Parses policy text given as input `id`; errors name the input.
    public init(id: String, sourceType: String? = nil, text: String) throws(SimulationInputError) {
        do {
            self.init(id: id, sourceType: sourceType, document: try PolicyDocument(text: text), spans: StatementSpan.locate(in: text))
        } catch {
            throw SimulationInputError("\(id) is not a valid policy: \(error)")
        }
    }
}

/// What to simulate: the inputs of `iam simulate-custom-policy` / `simulate-principal-policy`,
/// plus Rampart's extensions (SCPs per organization level, session policies).
public struct SimulationRequest: Sendable {
    public var identityPolicies: [SimulatedPolicy]
    public var permissionsBoundary: SimulatedPolicy?
    public var resourcePolicy: SimulatedPolicy?
    /// nil when no session policy was passed.
    public var sessionPolicies: [SimulatedPolicy]?
    /// One entry per organization level (root, OUs, account), each holding that level's SCPs.
    public var serviceControlPolicies: [[SimulatedPolicy]]
    /// Resource control policies, per organization level like the SCPs.
    public var resourceControlPolicies: [[SimulatedPolicy]]
    public var actions: [String]
    /// Defaults to `*` (all resources), as AWS's.
    public var resources: [String]
    /// The simulated caller; defaults to the policy source when it is a user.
    public var callerArn: String?
    /// The account owning resources whose ARN names none (an account id or `arn:aws:iam::ID:root`).
    public var resourceOwner: String?
    public var context: [String: ContextValue]

    public init(identityPolicies: [SimulatedPolicy] = [], permissionsBoundary: SimulatedPolicy? = nil,
        resourcePolicy: SimulatedPolicy? = nil, sessionPolicies: [SimulatedPolicy]? = nil,
        serviceControlPolicies: [[SimulatedPolicy]] = [], resourceControlPolicies: [[SimulatedPolicy]] = [], actions: [String], resources: [String] = ["*"],
        callerArn: String? = nil, resourceOwner: String? = nil, context: [String: ContextValue] = [:])
    {
        self.identityPolicies = identityPolicies
        self.permissionsBoundary = permissionsBoundary
        self.resourcePolicy = resourcePolicy
        self.sessionPolicies = sessionPolicies
        self.serviceControlPolicies = serviceControlPolicies
        self.resourceControlPolicies = resourceControlPolicies
        self.actions = actions
        self.resources = resources
        self.callerArn = callerArn
        self.resourceOwner = resourceOwner
        self.context = context
    }
}

/// An input the simulator refuses, with the reason AWS would give.
public struct SimulationInputError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// A statement that decided a result, as `MatchedStatements` reports it.
public struct SimulatedStatement: Sendable, Hashable {
    public let sourcePolicyId: String
    public let sourcePolicyType: String?
    public let span: StatementSpan?
}

/// One action on one resource: an `EvaluationResults` entry.
public struct SimulationResult: Sendable {
    public let action: String
    public let resource: String
    public let decision: Decision
    public let matchedStatements: [SimulatedStatement]
    public let missingContextValues: [String]
    /// Whether the boundary alone allows the request; nil when no boundary was simulated.
    public let allowedByPermissionsBoundary: Bool?
    /// Whether every organization level allows the request; nil when no SCP was simulated.
    public let allowedByOrganizations: Bool?
}

/// The IAM policy simulator, evaluated locally with ``PolicyEvaluator``.
///
/// Follows the API reference of `SimulateCustomPolicy` / `SimulatePrincipalPolicy`: every
/// action is evaluated against every resource (default `*`); `ResourceOwner` owns resources
/// whose ARN names no account, and defaults to the caller's account; `CallerArn` is required
/// with a resource policy so that its `Principal` has a value to match.
public enum PolicySimulator {
    public static func simulate(_ request: SimulationRequest) throws(SimulationInputError) -> [SimulationResult] {
        if request.actions.isEmpty { throw SimulationInputError("--action-names needs at least one action") }
        for action in request.actions where action.contains("*") || !action.contains(":") {
            throw SimulationInputError("action \"\(action)\" must be service:Action without wildcards")
        }
        if request.resourcePolicy != nil, request.callerArn == nil {
            throw SimulationInputError("--caller-arn is required with --resource-policy, so that its Principal element has a value to match")
        }
        let owner = request.resourceOwner.map(accountId(of:))
        let caller = request.callerArn.map { RequestPrincipal(arn: $0) }
        /// Without a caller, the simulated caller belongs to the account owning the resource.
        func principal(for resource: String) -> RequestPrincipal {
            if let caller { return caller }
            let account = owner ?? resourceAccount(resource) ?? "000000000000"
            return RequestPrincipal(arn: "arn:aws:iam::\(account):user/SimulatedCaller", kind: .user, accountId: account)
        }

        var byId: [String: SimulatedPolicy] = [:]
        func named(_ list: [SimulatedPolicy]) -> [NamedPolicy] {
            list.map { p in
                byId[p.id] = p
                return NamedPolicy(p.id, p.document)
            }
        }
        let set = PolicySet(
            identityPolicies: named(request.identityPolicies),
            resourcePolicy: request.resourcePolicy.map { named([$0])[0] },
            permissionsBoundary: request.permissionsBoundary.map { named([$0])[0] },
            sessionPolicies: request.sessionPolicies.map(named),
            serviceControlPolicies: request.serviceControlPolicies.map(named),
            resourceControlPolicies: request.resourceControlPolicies.map(named))

        var results: [SimulationResult] = []
        for action in request.actions {
            for resource in request.resources.isEmpty ? ["*"] : request.resources {
                let principal = principal(for: resource)
                var context = RequestContext(principal: principal, action: action, resource: resource,
                    resourceAccount: resourceAccount(resource) ?? owner ?? principal.accountId, context: request.context)
                if request.callerArn == nil {
                    // No caller was named: the request carries no principal keys.
                    for key in ["aws:username", "aws:PrincipalArn", "aws:PrincipalAccount"] where request.context[key] == nil {
                        context.remove(key)
                    }
                }
                let result = PolicyEvaluator.evaluate(context, policies: set)
                let boundary = set.permissionsBoundary.map {
                    PolicyEvaluator.evaluate(context, policies: PolicySet(identityPolicies: [$0])).decision == .allowed
                }
                // The organization's verdict alone: its policies over an identity that may do anything.
                let organizations = set.serviceControlPolicies.isEmpty && set.resourceControlPolicies.isEmpty ? nil
                    : PolicyEvaluator.evaluate(context, policies: PolicySet(identityPolicies: [Self.allowEverything],
                        resourcePolicy: Self.allowEveryone, serviceControlPolicies: set.serviceControlPolicies, resourceControlPolicies: set.resourceControlPolicies)).decision == .allowed
                let matched = result.matchedStatements.filter {
                    ($0.kind != .serviceControl && $0.kind != .resourceControl) || result.decision == .explicitDeny
                }
                    .map { m -> SimulatedStatement in
                        let p = byId[m.policyName]
                        let spans = p?.spans ?? []
                        return SimulatedStatement(sourcePolicyId: m.policyName, sourcePolicyType: p?.sourceType,
                            span: m.statementIndex < spans.count ? spans[m.statementIndex] : nil)
                    }
                results.append(SimulationResult(action: action, resource: resource, decision: result.decision,
                    matchedStatements: matched, missingContextValues: result.missingContextValues,
                    allowedByPermissionsBoundary: boundary, allowedByOrganizations: organizations))
            }
        }
        return results
    }

    static let allowEverything = NamedPolicy("allow-everything",
        try! PolicyDocument(json: ["Version": "2012-10-17", "Statement": ["Effect": "Allow", "Action": "*", "Resource": "*"]]))
    static let allowEveryone = NamedPolicy("allow-everyone",
        try! PolicyDocument(json: ["Version": "2012-10-17", "Statement": ["Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"]]))

    /// The account of an `arn:aws:iam::ID:root` ARN, or the value itself (an account id).
    static func accountId(of owner: String) -> String {
        let parts = owner.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        return parts.count == 6 && !parts[4].isEmpty ? String(parts[4]) : owner
    }

    /// The account a resource ARN names, if any (S3 ARNs name none).
    static func resourceAccount(_ arn: String) -> String? {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        return parts.count == 6 && !parts[4].isEmpty ? String(parts[4]) : nil
    }
}
