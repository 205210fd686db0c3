import Foundation
import RampartChecks
import RampartFindings
import RampartInventory
import RampartJSON
import Testing

/// The scan's identity checks in an organization snapshot: the member's SCPs bound them (AWS
/// Organizations, "SCP evaluation"; the management account is exempt), an SCP that could not be
/// read turns a FAIL into UNKNOWN (never a PASS), and a path through another account's role
/// counts ("Cross-account policy evaluation logic").
@Suite struct OrganizationIdentityChecksTests {
    static let management = "999999999999"
    static let member = "111111111111"
    static let admin = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#

    static func user(_ account: String, _ name: String, _ document: String) -> String {
        #"{"Path":"/","UserName":"\#(name)","Arn":"arn:aws:iam::\#(account):user/\#(name)","GroupList":[],"AttachedManagedPolicies":[],"UserPolicyList":[{"PolicyName":"p","PolicyDocument":\#(document)}],"Tags":[]}"#
    }

    static func role(_ account: String, _ name: String, trust: String, _ document: String) -> String {
        #"{"Path":"/","RoleName":"\#(name)","Arn":"arn:aws:iam::\#(account):role/\#(name)","AssumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"\#(trust)"},"Action":"sts:AssumeRole"}]},"InstanceProfileList":[],"RolePolicyList":[{"PolicyName":"p","PolicyDocument":\#(document)}],"AttachedManagedPolicies":[],"Tags":[]}"#
    }

    /// The member's second SCP (on its OU): its text, or nil when `describe-policy` was refused.
    func inventory(memberSCP: String?) -> Inventory {
        var results: [AWSCall: CallResult] = [:]
        func answer(_ account: String, _ service: String, _ operation: String, _ resource: String?, _ json: String) {
            results[AWSCall(account: account, region: "global", service: service, operation: operation, resource: resource)] = .answer(try! JSONParser.parse(json))
        }
        let m = Self.management
        func org(_ operation: String, _ resource: String?, _ json: String) { answer(m, "organizations", operation, resource, json) }
        org("describe-organization", nil, #"{"Organization":{"Id":"o-test","MasterAccountId":"\#(m)","FeatureSet":"ALL"}}"#)
        org("list-accounts", nil, #"{"Accounts":[{"Id":"\#(m)","Status":"ACTIVE"},{"Id":"\#(Self.member)","Status":"ACTIVE"}]}"#)
        org("list-roots", nil, #"{"Roots":[{"Id":"r-root"}]}"#)
        org("list-organizational-units-for-parent", "r-root", #"{"OrganizationalUnits":[{"Id":"ou-work"}]}"#)
        org("list-organizational-units-for-parent", "ou-work", #"{"OrganizationalUnits":[]}"#)
        org("list-accounts-for-parent", "r-root", #"{"Accounts":[{"Id":"\#(m)"}]}"#)
        org("list-accounts-for-parent", "ou-work", #"{"Accounts":[{"Id":"\#(Self.member)"}]}"#)
        org("list-policies", "SERVICE_CONTROL_POLICY", #"{"Policies":[{"Id":"p-FullAWSAccess","AwsManaged":true},{"Id":"p-work"}]}"#)
        org("list-policies", "RESOURCE_CONTROL_POLICY", #"{"Policies":[]}"#)
        org("describe-policy", "p-FullAWSAccess", #"{"Policy":{"Content":\#(JSONWriter.string(.string(Self.admin)))}}"#)
        org("list-targets-for-policy", "p-FullAWSAccess", #"{"Targets":[{"TargetId":"r-root"},{"TargetId":"ou-work"},{"TargetId":"\#(m)"},{"TargetId":"\#(Self.member)"}]}"#)
        org("list-targets-for-policy", "p-work", #"{"Targets":[{"TargetId":"ou-work"}]}"#)
        if let memberSCP {
            org("describe-policy", "p-work", #"{"Policy":{"Content":\#(JSONWriter.string(.string(memberSCP)))}}"#)
        } else {
            results[AWSCall(account: m, region: "global", service: "organizations", operation: "describe-policy", resource: "p-work")] =
                .failed(code: "AccessDeniedException", message: "denied")
        }
        // The member: an admin user, and dev, who may assume the management account's admin role.
        let assume = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::\#(m):role/admin-role"}]}"#
        let boss = Self.user(Self.member, "boss", Self.admin)
        let dev = Self.user(Self.member, "dev", assume)
        answer(Self.member, "iam", "get-account-authorization-details", nil,
            #"{"UserDetailList":[\#(boss),\#(dev)],"GroupDetailList":[],"RoleDetailList":[],"Policies":[]}"#)
        let rootAdmin = Self.user(m, "root-admin", Self.admin)
        let adminRole = Self.role(m, "admin-role", trust: "arn:aws:iam::" + Self.member + ":root", Self.admin)
        answer(m, "iam", "get-account-authorization-details", nil,
            #"{"UserDetailList":[\#(rootAdmin)],"GroupDetailList":[],"RoleDetailList":[\#(adminRole)],"Policies":[]}"#)
        return InventoryBuilder.build(from: InMemoryCallResults(collectedAt: Date(timeIntervalSince1970: 1_790_000_000),
            accounts: [m, Self.member], regions: ["us-east-1"], results: results))
    }

    func status(_ inventory: Inventory, _ check: String, _ arnSuffix: String) -> Finding? {
        CheckCatalog.check(id: check)!.run(inventory).first { $0.resource.arn.hasSuffix(arnSuffix) }
    }

    @Test func anSCPDenyingIAMTakesAdministratorPowerAwayInTheMemberOnly() {
        let inventory = inventory(memberSCP: #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:*","Resource":"*"}]}"#)
        #expect(status(inventory, "iam.user.no-administrator-power", "\(Self.member):user/boss")?.status == .pass)
        // The management account is exempt from SCPs.
        #expect(status(inventory, "iam.user.no-administrator-power", "\(Self.management):user/root-admin")?.status == .fail)
    }

    @Test func anUnreadableSCPTurnsAFailIntoUnknownAndKeepsAPass() {
        let inventory = inventory(memberSCP: nil)
        let boss = status(inventory, "iam.user.no-administrator-power", "\(Self.member):user/boss")
        #expect(boss?.status == .unknown)
        #expect(boss?.message.contains("p-work") == true)
        #expect(status(inventory, "iam.user.no-administrator-power", "\(Self.member):user/dev")?.status == .pass)
    }

    @Test func anEscalationThroughAnotherAccountsRoleFails() {
        let denyIAM = inventory(memberSCP: #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:*","Resource":"*"}]}"#)
        let dev = status(denyIAM, "iam.principal.no-privilege-escalation", "\(Self.member):user/dev")
        #expect(dev?.status == .fail)
        #expect(dev?.message.contains("arn:aws:iam::\(Self.management):role/admin-role") == true)
        // The member's SCP forbids sts:AssumeRole: the path is gone.
        let blocked = inventory(memberSCP: #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"sts:AssumeRole","Resource":"*"}]}"#)
        #expect(status(blocked, "iam.principal.no-privilege-escalation", "\(Self.member):user/dev")?.status == .pass)
    }
}
