@testable import RampartIAM
import RampartInventory
import RampartJSON

/// Builds small authorization-details documents (the shape `aws iam
/// get-account-authorization-details` prints) for the identity tests.
struct IdentityFixture {
    static let account = "111122223333"
    static let admin = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#

    var users: [String] = []
    var groups: [String] = []
    var roles: [String] = []
    var policies: [String] = [
        #"{"PolicyName":"AdministratorAccess","Arn":"arn:aws:iam::aws:policy/AdministratorAccess","DefaultVersionId":"v1","PolicyVersionList":[{"VersionId":"v1","IsDefaultVersion":true,"Document":\#(admin)}]}"#,
    ]

    static func arn(_ kind: String, _ name: String) -> String { "arn:aws:iam::\(account):\(kind)/\(name)" }

    static func inline(_ name: String, _ document: String) -> String { #"{"PolicyName":"\#(name)","PolicyDocument":\#(document)}"# }

    static func document(_ statements: [String]) -> String { #"{"Version":"2012-10-17","Statement":[\#(statements.joined(separator: ","))]}"# }

    static func attachment(_ arn: String) -> String { #"{"PolicyName":"\#(arn.split(separator: "/").last!)","PolicyArn":"\#(arn)"}"# }

    mutating func user(_ name: String, inline: [String] = [], attached: [String] = [], groups: [String] = [], boundary: String? = nil,
        tags: [String: String] = [:])
    {
        var u = #"{"UserName":"\#(name)","Arn":"\#(Self.arn("user", name))","GroupList":[\#(groups.map { "\"\($0)\"" }.joined(separator: ","))],"UserPolicyList":[\#(inline.joined(separator: ","))],"AttachedManagedPolicies":[\#(attached.map(Self.attachment).joined(separator: ","))],"Tags":[\#(tags.map { #"{"Key":"\#($0.key)","Value":"\#($0.value)"}"# }.joined(separator: ","))]"#
        if let boundary { u += #","PermissionsBoundary":{"PermissionsBoundaryType":"Policy","PermissionsBoundaryArn":"\#(boundary)"}"# }
        users.append(u + "}")
    }

    mutating func group(_ name: String, inline: [String] = [], attached: [String] = []) {
        groups.append(#"{"GroupName":"\#(name)","Arn":"\#(Self.arn("group", name))","GroupPolicyList":[\#(inline.joined(separator: ","))],"AttachedManagedPolicies":[\#(attached.map(Self.attachment).joined(separator: ","))]}"#)
    }

    mutating func role(_ name: String, trust: String, inline: [String] = [], attached: [String] = [], boundary: String? = nil,
        instanceProfile: Bool = false, tags: [String: String] = [:])
    {
        var r = #"{"RoleName":"\#(name)","Arn":"\#(Self.arn("role", name))","Path":"/","AssumeRolePolicyDocument":\#(trust),"RolePolicyList":[\#(inline.joined(separator: ","))],"AttachedManagedPolicies":[\#(attached.map(Self.attachment).joined(separator: ","))],"InstanceProfileList":[\#(instanceProfile ? #"{"Arn":"arn:aws:iam::\#(Self.account):instance-profile/\#(name)"}"# : "")],"Tags":[\#(tags.map { #"{"Key":"\#($0.key)","Value":"\#($0.value)"}"# }.joined(separator: ","))]"#
        if let boundary { r += #","PermissionsBoundary":{"PermissionsBoundaryType":"Policy","PermissionsBoundaryArn":"\#(boundary)"}"# }
        roles.append(r + "}")
    }

    mutating func policy(_ name: String, versions: [String], defaultVersion: Int = 1) {
        let list = versions.enumerated().map { i, doc in
            #"{"VersionId":"v\#(i + 1)","IsDefaultVersion":\#(i + 1 == defaultVersion),"Document":\#(doc)}"#
        }
        policies.append(#"{"PolicyName":"\#(name)","Arn":"\#(Self.arn("policy", name))","DefaultVersionId":"v\#(defaultVersion)","PolicyVersionList":[\#(list.joined(separator: ","))]}"#)
    }

    static func trust(service: String) -> String {
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"\#(service)"},"Action":"sts:AssumeRole"}]}"#
    }

    static func trust(aws: String, condition: String? = nil) -> String {
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"\#(aws)"},"Action":"sts:AssumeRole"\#(condition.map { #","Condition":\#($0)"# } ?? "")}]}"#
    }

    var json: String {
        #"{"UserDetailList":[\#(users.joined(separator: ","))],"GroupDetailList":[\#(groups.joined(separator: ","))],"RoleDetailList":[\#(roles.joined(separator: ","))],"Policies":[\#(policies.joined(separator: ","))]}"#
    }

    func build() throws -> IAMAccount {
        IAMAccount(try AuthorizationDetails(awsCLIOutput: try JSONParser.parse(json)), accountId: Self.account)
    }

    func graph() throws -> EscalationGraph {
        let account = try build()
        return EscalationGraph(account: account, permissions: EffectivePermissions(account: account))
    }
}
