public import RampartInventory
import RampartJSON

/// One IAM identity that can make requests (a user or a role), or a group (whose policies its
/// members inherit), with every policy that applies to it parsed once.
public struct IAMPrincipal: Sendable {
    /// What kind of identity this is.
    public enum Kind: String, Sendable, Hashable {
        case user, role, group
    }

    public let arn: String
    public let name: String
    public let kind: Kind
    /// Identity-based policies in force: its own inline and attached policies and, for a user,
    /// those of every group it belongs to (managed policies at their default version).
    public let identityPolicies: [NamedPolicy]
    /// For each of `identityPolicies`, the group it comes through (nil: the principal's own).
    public let policyOrigins: [String?]
    /// ARNs of the managed policies attached to the principal itself.
    public let attachedPolicyArns: [String]
    /// The permissions boundary (users and roles), nil when none is set.
    public let permissionsBoundary: NamedPolicy?
    /// A role's trust policy.
    public let trustPolicy: NamedPolicy?
    /// The trust policy's text, compact: equal texts decide every request alike.
    public let trustText: String?
    /// A user's groups, by ARN.
    public let groupArns: [String]
    /// The identity's tags, which requests carry as `aws:PrincipalTag/<key>`.
    public let tags: [String: String]
    /// True for service-linked roles (path `/aws-service-role/`), which only the service can change.
    public let isServiceLinked: Bool
    /// A role with an instance profile: EC2 instances can run as it.
    public let hasInstanceProfile: Bool
    /// The organization policies of the principal's account (`.none` outside an organization).
    public internal(set) var organization: OrganizationBoundary = .none

    /// The account id in the principal's ARN.
    public var accountId: String { RequestPrincipal(arn: arn).accountId ?? "" }

    /// Whether the account's SCPs restrict this principal: a member account's users and roles,
    /// except service-linked roles ("SCPs don't affect service-linked roles").
    public var isRestrictedBySCPs: Bool { organization.restrictsPrincipals && !isServiceLinked }

    /// The principal as a request's caller. Groups cannot make requests; a group is simulated
    /// as an IAM user of the account holding only the group's policies.
    public var requestPrincipal: RequestPrincipal {
        switch kind {
        case .user, .role: RequestPrincipal(arn: arn)
        case .group:
            RequestPrincipal(arn: arn, kind: .user, accountId: RequestPrincipal(arn: arn).accountId)
        }
    }

    /// The policies AWS evaluates for this principal's own requests: its identity policies, its
    /// boundary and its account's SCPs (no resource policy, no RCP: those belong to the resource).
    public var policySet: PolicySet {
        PolicySet(identityPolicies: identityPolicies, permissionsBoundary: permissionsBoundary,
            serviceControlPolicies: isRestrictedBySCPs ? organization.serviceControlPolicies : [],
            principalInManagementAccount: organization.isManagementAccount)
    }

    /// The request context keys AWS adds for this principal (`aws:PrincipalTag/...`).
    public var contextKeys: [String: ContextValue] {
        var keys: [String: ContextValue] = [:]
        for (k, v) in tags { keys["aws:PrincipalTag/\(k)"] = .single(v) }
        return keys
    }
}

/// A policy of the account that could not be parsed, so the principals using it are judged without it.
public struct IAMPolicyProblem: Sendable, Hashable, CustomStringConvertible {
    /// The policy's name as reported (a managed policy ARN, or `user/alice:inline-name`).
    public let policy: String
    public let message: String
    public var description: String { "\(policy): \(message)" }

    public init(policy: String, message: String) {
        self.policy = policy
        self.message = message
    }
}

/// The IAM side of one account, read from `get-account-authorization-details`: its users,
/// roles and groups with every policy parsed once, ready for evaluation.
///
/// Follows "Policy evaluation logic" as it applies inside one account: a user's requests are
/// governed by its own and its groups' policies and its boundary; a role's sessions by the
/// role's policies and boundary. Managed policies apply at their default version.
public struct IAMAccount: Sendable {
    public let accountId: String
    /// Users and roles (the identities that make requests), then groups, each in the file's order.
    public let principals: [IAMPrincipal]
    /// Customer and AWS managed policies at their default version, by ARN.
    public let managedPolicies: [String: NamedPolicy]
    /// How many versions each managed policy has (a policy with several can be rolled back or forward).
    public let policyVersionCounts: [String: Int]
    /// The managed policies' versions other than the default, parsed (those that do not parse are
    /// left out): what `iam:SetDefaultPolicyVersion` can put in force.
    public let otherPolicyVersions: [String: [PolicyDocument]]
    /// Policies that did not parse; principals holding them are evaluated without them, so an
    /// analysis that depends on them must say so.
    public let problems: [IAMPolicyProblem]
    /// The SCPs and RCPs that bound the account (`.none` outside an organization).
    public let organization: OrganizationBoundary
    private let indexByArn: [String: Int]

    /// Builds the account from the inventory's authorization details, bounded by `organization`'s policies.
    public init(_ details: AuthorizationDetails, accountId: String, organization: OrganizationBoundary = .none) {
        self.accountId = accountId
        self.organization = organization
        var problems: [IAMPolicyProblem] = []
        // Every document is parsed up front, on all cores, in the order the assembly below asks
        // for them (tens of thousands of inline policies in a large account).
        var documents: [(name: String, json: JSONValue)] = details.policies.compactMap { p in p.defaultDocument.map { (p.ref.arn, $0) } }
        for g in details.groups { documents += g.inlinePolicies.map { ("group/\(g.name):\($0.name)", $0.document) } }
        for u in details.users { documents += u.inlinePolicies.map { ("user/\(u.name):\($0.name)", $0.document) } }
        for r in details.roles {
            documents += r.inlinePolicies.map { ("role/\(r.name):\($0.name)", $0.document) }
            if let trust = r.assumeRolePolicy { documents.append(("role/\(r.name):trust-policy", trust)) }
        }
        let parsed = concurrentMap(documents) { name, json -> Result<NamedPolicy, PolicyParseError> in
            do throws(PolicyParseError) { return .success(NamedPolicy(name, try PolicyDocument(json: json))) } catch { return .failure(error) }
        }
        var next = 0
        func parse(_ name: String, _ json: JSONValue) -> NamedPolicy? {
            precondition(documents[next].name == name, "documents parsed out of order")
            defer { next += 1 }
            switch parsed[next] {
            case .success(let policy): return policy
            case .failure(let error):
                problems.append(IAMPolicyProblem(policy: name, message: error.description))
                return nil
            }
        }
        var managed: [String: NamedPolicy] = [:]
        var versionCounts: [String: Int] = [:]
        var otherVersions: [String: [PolicyDocument]] = [:]
        for policy in details.policies {
            versionCounts[policy.ref.arn] = policy.versions.count
            let others = policy.versions.filter { !$0.isDefault && $0.versionId != policy.defaultVersionId }
                .compactMap { try? PolicyDocument(json: $0.document) }
            if !others.isEmpty { otherVersions[policy.ref.arn] = others }
            guard let document = policy.defaultDocument else {
                problems.append(IAMPolicyProblem(policy: policy.ref.arn, message: "no default version in the file"))
                continue
            }
            if let parsed = parse(policy.ref.arn, document) { managed[policy.ref.arn] = parsed }
        }
        func attached(_ attachments: [PolicyAttachment], _ owner: String) -> [NamedPolicy] {
            attachments.compactMap { a in
                if let p = managed[a.arn] { return p }
                problems.append(IAMPolicyProblem(policy: a.arn, message: "attached to \(owner) but not in the file's Policies"))
                return nil
            }
        }
        func inline(_ list: [InlinePolicy], _ owner: String) -> [NamedPolicy] {
            list.compactMap { parse("\(owner):\($0.name)", $0.document) }
        }
        func boundary(_ arn: String?, _ owner: String) -> NamedPolicy? {
            guard let arn else { return nil }
            if let p = managed[arn] { return p }
            // A boundary that cannot be read must not widen access: it grants nothing.
            problems.append(IAMPolicyProblem(policy: arn, message: "boundary of \(owner) but not in the file's Policies"))
            return NamedPolicy(arn, PolicyDocument.empty)
        }

        var groupPolicies: [String: [NamedPolicy]] = [:]
        var groupArns: [String: String] = [:]
        var groups: [IAMPrincipal] = []
        for g in details.groups {
            let owner = "group/\(g.name)"
            let policies = inline(g.inlinePolicies, owner) + attached(g.attachedPolicies, owner)
            groupPolicies[g.name] = policies
            groupArns[g.name] = g.ref.arn
            groups.append(IAMPrincipal(arn: g.ref.arn, name: g.name, kind: .group, identityPolicies: policies,
                policyOrigins: policies.map { _ in nil }, attachedPolicyArns: g.attachedPolicies.map(\.arn),
                permissionsBoundary: nil, trustPolicy: nil, trustText: nil, groupArns: [], tags: [:], isServiceLinked: false,
                hasInstanceProfile: false))
        }
        var principals: [IAMPrincipal] = []
        for u in details.users {
            let owner = "user/\(u.name)"
            var policies = inline(u.inlinePolicies, owner) + attached(u.attachedPolicies, owner)
            var origins: [String?] = policies.map { _ in nil }
            for g in u.groupNames {
                if let p = groupPolicies[g] {
                    policies += p
                    origins += p.map { _ in groupArns[g] }
                } else {
                    problems.append(IAMPolicyProblem(policy: "group/\(g)", message: "\(owner) is a member, but the group is not in the file"))
                }
            }
            principals.append(IAMPrincipal(arn: u.ref.arn, name: u.name, kind: .user, identityPolicies: policies,
                policyOrigins: origins, attachedPolicyArns: u.attachedPolicies.map(\.arn),
                permissionsBoundary: boundary(u.permissionsBoundaryArn, owner), trustPolicy: nil, trustText: nil,
                groupArns: u.groupNames.compactMap { groupArns[$0] }, tags: u.tags, isServiceLinked: false, hasInstanceProfile: false))
        }
        for r in details.roles {
            let owner = "role/\(r.name)"
            let policies = inline(r.inlinePolicies, owner) + attached(r.attachedPolicies, owner)
            principals.append(IAMPrincipal(arn: r.ref.arn, name: r.name, kind: .role, identityPolicies: policies,
                policyOrigins: policies.map { _ in nil }, attachedPolicyArns: r.attachedPolicies.map(\.arn),
                permissionsBoundary: boundary(r.permissionsBoundaryArn, owner),
                trustPolicy: r.assumeRolePolicy.flatMap { parse("\(owner):trust-policy", $0) },
                trustText: r.assumeRolePolicy.map { JSONWriter.string($0) },
                groupArns: [], tags: r.tags, isServiceLinked: r.isServiceLinked, hasInstanceProfile: !r.instanceProfileArns.isEmpty))
        }
        principals += groups
        if !organization.serviceControlPolicies.isEmpty || !organization.resourceControlPolicies.isEmpty || organization.isManagementAccount {
            for i in principals.indices { principals[i].organization = organization }
        }
        self.principals = principals
        managedPolicies = managed
        policyVersionCounts = versionCounts
        otherPolicyVersions = otherVersions
        self.problems = problems
        var index: [String: Int] = [:]
        for (i, p) in principals.enumerated() where index[p.arn] == nil { index[p.arn] = i }
        indexByArn = index
    }

    /// The user, role or group with this ARN.
    public func principal(arn: String) -> IAMPrincipal? {
        indexByArn[arn].map { principals[$0] }
    }

    /// Users and roles: the identities that make requests.
    public var requestingPrincipals: [IAMPrincipal] { principals.filter { $0.kind != .group } }
}

extension PolicyDocument {
    /// A document with no statements: grants nothing.
    static let empty: PolicyDocument = try! PolicyDocument(json: ["Version": "2012-10-17", "Statement": []])
}
