@testable import RampartIAM
@testable import RampartInventory
import Testing

/// IAM across the accounts of an organization (IAM User Guide, "Cross-account policy evaluation
/// logic"): a principal of account A acts as a role of account B only when A's policies (and A's
/// SCPs) allow sts:AssumeRole on it and B's trust policy allows A or the principal.
@Suite struct OrganizationIdentityTests {
    typealias F = OrganizationFixture

    static let deployInDev = F.arn(F.dev, "role", "deploy")
    static let alice = F.arn(F.prod, "user", "alice")

    /// alice (prod) may assume dev's admin role `deploy`, which trusts prod's root.
    func organization(_ f: F = F(), aliceMay: String = deployInDev, trust: String = F.prod, devRoleDocs: [String] = [F.admin]) -> OrganizationIdentity {
        let prod = f.iamAccount(F.prod, F.account(F.prod, users: [("alice", [F.allow("sts:AssumeRole", aliceMay)]), ("bob", [F.allow("s3:ListAllMyBuckets")])]))
        let dev = f.iamAccount(F.dev, F.account(F.dev, roles: [("deploy", F.trust(trust), devRoleDocs)]))
        let management = f.iamAccount(F.management, F.account(F.management, users: [("ops", [F.allow("sts:AssumeRole", F.arn(F.management, "role", "hop"))])],
            roles: [("hop", F.trust(F.management), [F.allow("sts:AssumeRole", Self.deployInDev)])]))
        return OrganizationIdentity(accounts: [management, prod, dev])
    }

    @Test func aPrincipalThatCanAssumeAnAdminRoleInAnotherAccountReachesAdmin() {
        let org = organization()
        #expect(org.assumptions.map { "\($0.from.arn) -> \($0.to.arn)" } == ["\(Self.alice) -> \(Self.deployInDev)"])
        let finding = org.findings().first { $0.principal.arn == Self.alice }
        #expect(finding?.reachesAdmin == true)
        #expect(finding?.path.map(\.to) == [Self.deployInDev])
        #expect(finding?.path.first?.method.id == "sts:AssumeRole")
        // bob has no sts:AssumeRole: no path.
        #expect(!org.findings().contains { $0.principal.arn == F.arn(F.prod, "user", "bob") })
    }

    @Test func bothTheCallersPoliciesAndTheTrustPolicyMustAllow() {
        // The trust names another account: no assumption, whatever alice's policy says.
        #expect(organization(trust: F.management).assumptions.allSatisfy { $0.from.arn != Self.alice })
        // alice's policy names another role: no assumption, whatever the trust says.
        #expect(organization(aliceMay: F.arn(F.dev, "role", "other")).assumptions.isEmpty)
        // The trust names alice herself: allowed (her policy allows too).
        #expect(organization(trust: Self.alice).assumptions.map(\.from.arn) == [Self.alice])
    }

    @Test func theCallersAccountSCPsApplyToTheAssumption() {
        var f = F()
        f.scps["p-no-assume"] = (.known(#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"sts:AssumeRole","Resource":"*"}]}"#), ["ou-prod"])
        // prod and dev sit under ou-prod; the management account is exempt, but its path goes through nothing in prod.
        let org = organization(f)
        #expect(!org.assumptions.contains { $0.from.arn == Self.alice })
        #expect(!org.findings().contains { $0.principal.arn == Self.alice })
    }

    @Test func pathsChainThroughSeveralAccounts() {
        // management's ops may assume management's hop, which may assume dev's deploy, which trusts the management account.
        let org = organization(trust: F.management)
        let ops = org.findings().first { $0.principal.arn == F.arn(F.management, "user", "ops") }
        #expect(ops?.path.map(\.to) == [F.arn(F.management, "role", "hop"), Self.deployInDev])
        let hop = org.findings().first { $0.principal.arn == F.arn(F.management, "role", "hop") }
        #expect(hop?.path.map(\.to) == [Self.deployInDev])
        // The step names each side's account through its ARN.
        #expect(RequestPrincipal(arn: ops!.path[1].from).accountId == F.management)
        #expect(RequestPrincipal(arn: ops!.path[1].to).accountId == F.dev)
    }

    @Test func whoCanFollowsRolesAcrossAccounts() throws {
        let org = organization()
        let (grants, via) = try org.whoCan(action: "iam:CreateUser")
        #expect(grants.map(\.principal.arn).contains(Self.deployInDev))
        #expect(via[Self.alice]?.map(\.to) == [Self.deployInDev])
        #expect(via[F.arn(F.prod, "user", "bob")] == nil)
    }

    @Test func segregationOfDutiesCountsDutiesHeldThroughRolesOfOtherAccounts() {
        let rule = DutyRule(id: "test.write-and-erase", title: "Write and erase", rationale: "test",
            duties: [Duty(name: "assume", actions: ["sts:AssumeRole"]), Duty(name: "erase", actions: ["cloudtrail:DeleteTrail"])])
        let org = organization(devRoleDocs: [F.allow("cloudtrail:DeleteTrail")])
        let conflicts = org.conflicts(rules: [rule])
        let alice = conflicts.first { $0.principal.arn == Self.alice }
        #expect(alice?.sides.last?.via == [Self.deployInDev])
        // Without the cross-account role, alice holds only one side.
        let alone = OrganizationIdentity(accounts: [org.accounts[1]]).conflicts(rules: [rule])
        #expect(!alone.contains { $0.principal.arn == Self.alice })
    }

    @Test func rcpsOfTheRolesAccountGovernTheAssumption() {
        var f = F()
        f.rcps["p-RCPFullAWSAccess"] = (.known(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}"#),
            [F.root, "ou-prod", "ou-dev", F.management, F.prod, F.dev])
        f.rcps["p-own-account-only"] = (.known(#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"sts:AssumeRole","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalAccount":"\#(F.dev)"}}}]}"#), [F.dev])
        #expect(organization(f).assumptions.isEmpty)
    }
}
