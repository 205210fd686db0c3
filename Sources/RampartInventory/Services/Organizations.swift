public import struct Foundation.Date
import RampartJSON

/// An AWS Organization as the management account's `organizations` calls describe it: the accounts,
/// the tree of roots and OUs, and the service and resource control policies with their text and
/// targets. IAM analyses read it to apply SCPs and RCPs (DESIGN.md, "Organizations (many accounts)").
public struct Organization: Sendable {
    public var id: String
    public var managementAccount: String
    /// `ALL` or `CONSOLIDATED_BILLING` (no SCPs apply under consolidated billing alone).
    public var featureSet: String?
    public var accounts: Known<[OrganizationAccount]>
    /// Root ids (`r-...`).
    public var roots: Known<[String]>
    /// The OUs directly under each parent (a root or an OU) the tree walk reached.
    public var unitsByParent: [String: Known<[OrganizationalUnit]>]
    /// The account ids directly under each parent.
    public var accountsByParent: [String: Known<[String]>]
    public var serviceControlPolicies: Known<[OrganizationPolicy]>
    public var resourceControlPolicies: Known<[OrganizationPolicy]>

    /// The parents of `account` from its root down to its own OU; unknown when a listing on the
    /// way could not be read, or when no listing names the account.
    public func ancestors(of account: String) -> Known<[String]> {
        guard let roots = roots.value else { return .unknown(reason: roots.unknownReason ?? "") }
        var stack = roots.map { [$0] }
        while let path = stack.popLast() {
            let parent = path[path.count - 1]
            guard let direct = accountsByParent[parent], let units = unitsByParent[parent] else {
                return .unknown(reason: "the organization's tree under \(parent) was not collected")
            }
            guard let ids = direct.value else { return .unknown(reason: direct.unknownReason ?? "") }
            if ids.contains(account) { return .known(path) }
            guard let children = units.value else { return .unknown(reason: units.unknownReason ?? "") }
            stack += children.map { path + [$0.id] }
        }
        return .unknown(reason: "account \(account) is not in organization \(id)")
    }

    /// The policies of one type attached directly to a target (a root, an OU or an account).
    public func policies(attachedTo target: String, type: OrganizationPolicy.Kind) -> Known<[OrganizationPolicy]> {
        let all = type == .serviceControl ? serviceControlPolicies : resourceControlPolicies
        guard let policies = all.value else { return .unknown(reason: all.unknownReason ?? "") }
        var attached: [OrganizationPolicy] = []
        for policy in policies {
            guard let targets = policy.targets.value else {
                return .unknown(reason: policy.targets.unknownReason ?? "")
            }
            if targets.contains(where: { $0.id == target }) { attached.append(policy) }
        }
        return .known(attached)
    }
}

/// One account of the organization as `list-accounts` lists it.
public struct OrganizationAccount: Sendable, Hashable {
    public var id: String
    public var arn: String?
    public var name: String?
    /// `ACTIVE`, `SUSPENDED`, `PENDING_CLOSURE` (`State` when AWS gives it, else the older `Status`).
    public var status: String
    public var joined: Date?
}

/// An organizational unit.
public struct OrganizationalUnit: Sendable, Hashable {
    public var id: String
    public var arn: String?
    public var name: String?
}

/// A service control policy or a resource control policy, its JSON text and where it is attached.
public struct OrganizationPolicy: Sendable {
    /// The two kinds of policy that bound permissions.
    public enum Kind: String, Sendable {
        case serviceControl = "SERVICE_CONTROL_POLICY"
        case resourceControl = "RESOURCE_CONTROL_POLICY"
    }

    public var id: String
    public var arn: String?
    public var name: String?
    public var kind: Kind
    /// AWS managed (`FullAWSAccess`, `RCPFullAWSAccess`).
    public var awsManaged: Bool
    /// The policy document (`describe-policy` `Policy.Content`).
    public var content: Known<String>
    /// Roots, OUs and accounts it is attached to (`list-targets-for-policy`).
    public var targets: Known<[PolicyTarget]>
}

/// Where a policy is attached.
public struct PolicyTarget: Sendable, Hashable {
    public var id: String
    /// `ROOT`, `ORGANIZATIONAL_UNIT` or `ACCOUNT`.
    public var type: String
    public var name: String?
}

extension Organization {
    /// The organization whose files sit under one of the source's accounts (the management
    /// account); nil when the source holds no organization.
    static func load(from source: any CallResults, partition: String, problems: inout [SourceProblem]) -> Known<Organization>? {
        for account in source.accounts {
            let describe = AWSCall(account: account, region: "global", service: "organizations", operation: "describe-organization")
            if case .notCollected = source.result(of: describe) { continue }
            var loader = Loader(source: source)
            let organization = load(&loader, account: account, describe: describe)
            problems += loader.problems
            return organization
        }
        return nil
    }

    static func load(_ loader: inout Loader, account: String, describe: AWSCall) -> Known<Organization> {
        func call(_ operation: String, _ resource: String? = nil) -> AWSCall {
            AWSCall(account: account, region: "global", service: "organizations", operation: operation, resource: resource)
        }
        let head = loader.load(describe) { (root) throws(JSONShapeError) in
            let org = try root.required("Organization")
            return (id: try org.requiredString("Id"), management: try org.requiredString("MasterAccountId"), featureSet: try org.string("FeatureSet"))
        }
        guard let head = head.value else { return .unknown(reason: head.unknownReason ?? "") }
        let accounts = loader.load(call("list-accounts")) { (root) throws(JSONShapeError) in
            try root.map("Accounts") { (a) throws(JSONShapeError) in
                let state = try a.string("State")
                let status = try a.string("Status")
                return OrganizationAccount(
                    id: try a.requiredString("Id"), arn: try a.string("Arn"), name: try a.string("Name"),
                    status: state ?? status ?? "UNKNOWN", joined: try a.timestamp("JoinedTimestamp"))
            }
        }
        let roots = loader.load(call("list-roots")) { (root) throws(JSONShapeError) in
            try root.map("Roots") { (r) throws(JSONShapeError) in try r.requiredString("Id") }
        }
        var unitsByParent: [String: Known<[OrganizationalUnit]>] = [:]
        var accountsByParent: [String: Known<[String]>] = [:]
        var queue = roots.value ?? []
        while !queue.isEmpty {
            let parent = queue.removeFirst()
            guard unitsByParent[parent] == nil else { continue }
            let units = loader.load(call("list-organizational-units-for-parent", parent)) { (root) throws(JSONShapeError) in
                try root.map("OrganizationalUnits") { (u) throws(JSONShapeError) in
                    OrganizationalUnit(id: try u.requiredString("Id"), arn: try u.string("Arn"), name: try u.string("Name"))
                }
            }
            unitsByParent[parent] = units
            accountsByParent[parent] = loader.load(call("list-accounts-for-parent", parent)) { (root) throws(JSONShapeError) in
                try root.map("Accounts") { (a) throws(JSONShapeError) in try a.requiredString("Id") }
            }
            queue += (units.value ?? []).map(\.id)
        }
        func policies(_ kind: OrganizationPolicy.Kind) -> Known<[OrganizationPolicy]> {
            let listed = loader.load(call("list-policies", kind.rawValue)) { (root) throws(JSONShapeError) in
                try root.map("Policies") { (p) throws(JSONShapeError) in
                    (id: try p.requiredString("Id"), arn: try p.string("Arn"), name: try p.string("Name"), awsManaged: try p.bool("AwsManaged") ?? false)
                }
            }
            return listed.map { entries in
                entries.map { entry in
                    let content = loader.load(call("describe-policy", entry.id)) { (root) throws(JSONShapeError) in
                        try root.required("Policy").requiredString("Content")
                    }
                    let targets = loader.load(call("list-targets-for-policy", entry.id)) { (root) throws(JSONShapeError) in
                        try root.map("Targets") { (t) throws(JSONShapeError) in
                            PolicyTarget(id: try t.requiredString("TargetId"), type: try t.string("Type") ?? "", name: try t.string("Name"))
                        }
                    }
                    return OrganizationPolicy(
                        id: entry.id, arn: entry.arn, name: entry.name, kind: kind, awsManaged: entry.awsManaged, content: content, targets: targets)
                }
            }
        }
        return .known(Organization(
            id: head.id, managementAccount: head.management, featureSet: head.featureSet, accounts: accounts, roots: roots,
            unitsByParent: unitsByParent, accountsByParent: accountsByParent,
            serviceControlPolicies: policies(.serviceControl), resourceControlPolicies: policies(.resourceControl)))
    }
}
