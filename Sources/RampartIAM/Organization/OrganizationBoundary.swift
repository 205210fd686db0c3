public import RampartInventory
import RampartJSON

/// The organization policies that bound one account: its chain of service control policies
/// (for its principals) and resource control policies (for its resources), root first, then each
/// OU on the way down, then the account, with what could not be read.
///
/// Encodes AWS Organizations User Guide, "SCP evaluation" and "RCP evaluation": a policy attached
/// to a level applies to everything under it, every level must allow an action and a deny at any
/// level denies it; SCPs do not restrict the management account ("Tasks and entities not
/// restricted by SCPs"), nor service-linked roles; RCPs do not apply to the management account's
/// resources. An organization with only consolidated billing has neither.
public struct OrganizationBoundary: Sendable {
    /// The account's SCPs per level (root, OUs, account); empty when none apply.
    public var serviceControlPolicies: [[NamedPolicy]]
    /// The account's RCPs per level; empty when none apply.
    public var resourceControlPolicies: [[NamedPolicy]]
    /// The account is the organization's management account: SCPs do not restrict its principals
    /// and RCPs do not restrict its resources.
    public var isManagementAccount: Bool
    /// What could not be read (a listing, a policy's text or targets). An unreadable level or
    /// policy is taken as allowing everything, since organization policies only ever restrict:
    /// verdicts that something is denied stay certain, verdicts that it is allowed become unknown.
    public var unreadable: [String]

    public init(serviceControlPolicies: [[NamedPolicy]] = [], resourceControlPolicies: [[NamedPolicy]] = [],
        isManagementAccount: Bool = false, unreadable: [String] = [])
    {
        self.serviceControlPolicies = serviceControlPolicies
        self.resourceControlPolicies = resourceControlPolicies
        self.isManagementAccount = isManagementAccount
        self.unreadable = unreadable
    }

    /// No organization: nothing beyond the account's own policies.
    public static let none = OrganizationBoundary()

    /// Whether SCPs restrict the account's principals (a member account with SCPs).
    public var restrictsPrincipals: Bool { !isManagementAccount && !serviceControlPolicies.isEmpty }

    /// Why "allowed" verdicts about the account's principals are uncertain (nil when every
    /// policy that applies to them was read).
    public var unknownReason: String? {
        guard !unreadable.isEmpty, !isManagementAccount else { return nil }
        return "organization policies that could not be read: " + unreadable.joined(separator: "; ")
    }

    /// The chain of `account` in `organization` (`.unknown`: the organization could not be read at all).
    public init(organization: Known<Organization>, account: String) {
        switch organization {
        case .unknown(let reason):
            self.init(serviceControlPolicies: [], resourceControlPolicies: [], unreadable: ["the organization: \(reason)"])
        case .known(let org):
            self.init(organization: org, account: account)
        }
    }

    /// The chain of `account` in `organization`.
    public init(organization: Organization, account: String) {
        var unreadable: [String] = []
        let management = account == organization.managementAccount
        if organization.featureSet == "CONSOLIDATED_BILLING" {
            self.init(isManagementAccount: management)
            return
        }
        let levels: [String]
        switch organization.ancestors(of: account) {
        case .known(let path): levels = path + [account]
        case .unknown(let reason):
            levels = []
            unreadable.append("where account \(account) sits in organization \(organization.id): \(reason)")
        }
        func chain(_ kind: OrganizationPolicy.Kind) -> [[NamedPolicy]] {
            let all = kind == .serviceControl ? organization.serviceControlPolicies : organization.resourceControlPolicies
            let label = kind == .serviceControl ? "SCP" : "RCP"
            switch all {
            case .unknown(let reason):
                unreadable.append("the \(label) list: \(reason)")
                return []
            case .known(let policies):
                // The policy type is not enabled: no policy of it exists (AWS keeps FullAWSAccess /
                // RCPFullAWSAccess attached everywhere while it is).
                if policies.isEmpty { return [] }
            }
            guard !levels.isEmpty else { return [] }
            return levels.map { level -> [NamedPolicy] in
                switch organization.policies(attachedTo: level, type: kind) {
                case .unknown(let reason):
                    unreadable.append("the \(label)s attached to \(level): \(reason)")
                    return [Self.allowAll("\(label)s of \(level) (unreadable)")]
                case .known(let attached):
                    if attached.isEmpty {
                        // AWS keeps at least one SCP on every root, OU and account while SCPs are enabled:
                        // an empty level means the listing is incomplete, not "deny everything".
                        unreadable.append("no \(label) is listed as attached to \(level), which AWS does not allow: the listing is incomplete")
                        return [Self.allowAll("\(label)s of \(level) (none listed)")]
                    }
                    return attached.map { policy in
                        let name = policy.arn ?? "\(label) \(policy.id)"
                        switch policy.content {
                        case .unknown(let reason):
                            unreadable.append("\(label) \(policy.id) (\(policy.name ?? "unnamed")): \(reason)")
                            return Self.allowAll(name)
                        case .known(let text):
                            do throws(PolicyParseError) {
                                return NamedPolicy(name, try PolicyDocument(text: text))
                            } catch {
                                unreadable.append("\(label) \(policy.id) (\(policy.name ?? "unnamed")): \(error.description)")
                                return Self.allowAll(name)
                            }
                        }
                    }
                }
            }
        }
        let scps = chain(.serviceControl)
        let rcps = chain(.resourceControl)
        self.init(serviceControlPolicies: scps, resourceControlPolicies: rcps, isManagementAccount: management, unreadable: unreadable)
    }

    /// A stand-in for a policy that could not be read: allows everything, so that it never makes a false denial.
    static func allowAll(_ name: String) -> NamedPolicy {
        NamedPolicy(name, try! PolicyDocument(json: ["Version": "2012-10-17", "Statement": [["Effect": "Allow", "Action": "*", "Resource": "*"]]]))
    }

    /// The services whose resources RCPs govern (AWS Organizations User Guide, "Resource control
    /// policies": "List of AWS services that support RCPs"); other actions pass RCPs untouched.
    public static let resourceControlServices: Set<String> = [
        "s3", "sts", "kms", "sqs", "secretsmanager", "cognito-identity", "logs", "dynamodb", "ecr", "aoss",
    ]
}
