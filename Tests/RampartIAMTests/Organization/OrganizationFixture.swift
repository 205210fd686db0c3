@testable import RampartIAM
@testable import RampartInventory
import RampartJSON

/// A small organization for the SCP/RCP and cross-account tests: a management account, two
/// member accounts under OUs (`ou-prod` under the root, `ou-dev` under `ou-prod`), and the
/// authorization details of each account written as `aws iam get-account-authorization-details` prints them.
struct OrganizationFixture {
    static let management = "999999999999"
    static let prod = "111111111111"
    static let dev = "222222222222"
    static let root = "r-root"
    static let fullAccess = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#
    static let admin = fullAccess

    /// SCPs by id: (text, targets). `FullAWSAccess` is attached everywhere, as AWS does.
    var scps: [String: (text: Known<String>, targets: [String])] = [
        "p-FullAWSAccess": (.known(fullAccess), [root, "ou-prod", "ou-dev", management, prod, dev]),
    ]
    var rcps: [String: (text: Known<String>, targets: [String])] = [:]
    var scpListing: Known<Void> = .known(())

    func organization() -> Organization {
        func policies(_ all: [String: (text: Known<String>, targets: [String])], _ kind: OrganizationPolicy.Kind) -> [OrganizationPolicy] {
            all.keys.sorted().map { id in
                OrganizationPolicy(id: id, arn: "arn:aws:organizations::\(Self.management):policy/o-test/\(kind == .serviceControl ? "service_control_policy" : "resource_control_policy")/\(id)",
                    name: id, kind: kind, awsManaged: id == "p-FullAWSAccess", content: all[id]!.text,
                    targets: .known(all[id]!.targets.map { PolicyTarget(id: $0, type: "", name: nil) }))
            }
        }
        let scpList: Known<[OrganizationPolicy]> = scpListing.value != nil ? .known(policies(scps, .serviceControl))
            : .unknown(reason: "list-policies SERVICE_CONTROL_POLICY: AccessDenied")
        return Organization(id: "o-test", managementAccount: Self.management, featureSet: "ALL",
            accounts: .known([Self.management, Self.prod, Self.dev].map { OrganizationAccount(id: $0, arn: nil, name: nil, status: "ACTIVE", joined: nil) }),
            roots: .known([Self.root]),
            unitsByParent: [Self.root: .known([OrganizationalUnit(id: "ou-prod", arn: nil, name: "prod")]),
                "ou-prod": .known([OrganizationalUnit(id: "ou-dev", arn: nil, name: "dev")]), "ou-dev": .known([])],
            accountsByParent: [Self.root: .known([Self.management]), "ou-prod": .known([Self.prod]), "ou-dev": .known([Self.dev])],
            serviceControlPolicies: scpList, resourceControlPolicies: .known(policies(rcps, .resourceControl)))
    }

    static func arn(_ account: String, _ kind: String, _ name: String) -> String { "arn:aws:iam::\(account):\(kind)/\(name)" }

    static func inline(_ name: String, _ document: String) -> String { #"{"PolicyName":"\#(name)","PolicyDocument":\#(document)}"# }

    static func allow(_ action: String, _ resource: String = "*") -> String {
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"\#(action)","Resource":"\#(resource)"}]}"#
    }

    static func trust(_ aws: String) -> String {
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"\#(aws)"},"Action":"sts:AssumeRole"}]}"#
    }

    /// One account's authorization details: users (name, inline documents) and roles (name, trust, inline documents).
    static func account(_ id: String, users: [(String, [String])] = [], roles: [(String, String, [String])] = [], slr: Bool = false) -> AuthorizationDetails {
        let u = users.map { name, docs in
            #"{"UserName":"\#(name)","Arn":"\#(arn(id, "user", name))","GroupList":[],"UserPolicyList":[\#(docs.enumerated().map { inline("p\($0.offset)", $0.element) }.joined(separator: ","))],"AttachedManagedPolicies":[],"Tags":[]}"#
        }
        var r = roles.map { name, trust, docs in
            #"{"RoleName":"\#(name)","Arn":"\#(arn(id, "role", name))","Path":"/","AssumeRolePolicyDocument":\#(trust),"RolePolicyList":[\#(docs.enumerated().map { inline("p\($0.offset)", $0.element) }.joined(separator: ","))],"AttachedManagedPolicies":[],"InstanceProfileList":[],"Tags":[]}"#
        }
        if slr {
            r.append(#"{"RoleName":"AWSServiceRoleForSupport","Arn":"arn:aws:iam::\#(id):role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport","Path":"/aws-service-role/support.amazonaws.com/","AssumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"support.amazonaws.com"},"Action":"sts:AssumeRole"}]},"RolePolicyList":[\#(inline("p0", admin))],"AttachedManagedPolicies":[],"InstanceProfileList":[],"Tags":[]}"#)
        }
        let json = #"{"UserDetailList":[\#(u.joined(separator: ","))],"GroupDetailList":[],"RoleDetailList":[\#(r.joined(separator: ","))],"Policies":[]}"#
        return try! AuthorizationDetails(awsCLIOutput: try! JSONParser.parse(json))
    }

    func iamAccount(_ id: String, _ details: AuthorizationDetails) -> IAMAccount {
        IAMAccount(details, accountId: id, organization: OrganizationBoundary(organization: organization(), account: id))
    }
}
